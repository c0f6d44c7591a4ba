package org.maecenas.web;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A video link as a page shows it: YouTube and Vimeo as privacy-friendly embeds, anything else
 * (http or https) as a plain link.
 *
 * @param embedUrl the iframe source, or null when the video is shown as a link
 * @param url the original link
 */
public record VideoEmbed(@Nullable String embedUrl, String url, String provider) {

    private static final Pattern YOUTUBE = Pattern.compile(
            "^https?://(?:www\\.|m\\.)?(?:youtube\\.com/(?:watch\\?(?:.*&)?v=|embed/|shorts/|live/)|youtu\\.be/)([A-Za-z0-9_-]{11})(?:[?&#/].*)?$");
    private static final Pattern VIMEO =
            Pattern.compile("^https?://(?:www\\.|player\\.)?vimeo\\.com/(?:video/)?(\\d{4,12})(?:[?#/].*)?$");

    /** The embed for a URL, or empty when it is not an http(s) URL at all. */
    public static Optional<VideoEmbed> of(@Nullable String url) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        String trimmed = url.strip();
        Matcher youtube = YOUTUBE.matcher(trimmed);
        if (youtube.matches()) {
            return Optional.of(
                    new VideoEmbed("https://www.youtube-nocookie.com/embed/" + youtube.group(1), trimmed, "YouTube"));
        }
        Matcher vimeo = VIMEO.matcher(trimmed);
        if (vimeo.matches()) {
            return Optional.of(new VideoEmbed("https://player.vimeo.com/video/" + vimeo.group(1), trimmed, "Vimeo"));
        }
        return isWebLink(trimmed) ? Optional.of(new VideoEmbed(null, trimmed, "link")) : Optional.empty();
    }

    public boolean embeddable() {
        return embedUrl != null;
    }

    /** True for absolute http(s) URLs with a host: never javascript:, data: or relative links. */
    public static boolean isWebLink(@Nullable String url) {
        if (url == null || url.length() > 2000) {
            return false;
        }
        try {
            URI uri = URI.create(url.strip());
            return ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
