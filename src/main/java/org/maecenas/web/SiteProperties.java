package org.maecenas.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the operator says about this instance.
 *
 * @param name shown in the header, titles and emails
 * @param tagline one line under the name on the home page
 * @param about the about page's text; blank lines separate paragraphs
 * @param baseUrl the public address, used in links sent by email (never taken from the request)
 */
@ConfigurationProperties("maecenas.site")
public record SiteProperties(
        @DefaultValue("Maecenas") String name,

        @DefaultValue("Fund the people who make the things you love.")
        String tagline,

        @DefaultValue(
                "This is a Maecenas instance: a self-hosted place where creators are funded by their patrons, per creation or per month.\n\nThe people who run it own it. There is no lock-in and the fees are plain.")
        String about,

        @DefaultValue("http://localhost:8080") String baseUrl) {

    public java.util.List<String> aboutParagraphs() {
        return java.util.Arrays.stream(about.split("\\R\\s*\\R"))
                .map(String::strip)
                .filter(p -> !p.isEmpty())
                .toList();
    }

    public String link(String path) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return base + path;
    }
}
