package org.maecenas.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Small formatting helpers for templates. */
public final class Formats {

    private static final DateTimeFormatter INSTANT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private Formats() {}

    public static String instant(Instant instant) {
        return instant == null ? "—" : INSTANT.format(instant);
    }

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("d MMM yyyy").withZone(ZoneOffset.UTC);

    public static String date(Instant instant) {
        return instant == null ? "" : DATE.format(instant);
    }

    /** 75 → "1:15", 3725 → "1:02:05". */
    public static String duration(Integer seconds) {
        if (seconds == null) {
            return "";
        }
        int h = seconds / 3600;
        int m = (seconds % 3600) / 60;
        int s = seconds % 60;
        return h > 0 ? String.format("%d:%02d:%02d", h, m, s) : String.format("%d:%02d", m, s);
    }

    public static String clip(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max - 1) + "…";
    }
}
