package org.maecenas.web;

import java.text.Normalizer;
import java.util.Locale;

/** URL-friendly forms of titles: "Épisode 12: The Return!" becomes "episode-12-the-return". */
public final class Slugs {

    private Slugs() {}

    public static String of(String title, int max) {
        if (title == null) {
            return "";
        }
        String ascii = Normalizer.normalize(title, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        String slug =
                ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (slug.length() > max) {
            slug = slug.substring(0, max).replaceAll("-+$", "");
        }
        return slug;
    }
}
