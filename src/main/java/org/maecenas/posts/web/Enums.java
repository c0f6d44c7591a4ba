package org.maecenas.posts.web;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Lenient parsing of filter values from a query string: unknown values mean "no filter". */
final class Enums {

    private Enums() {}

    static <E extends Enum<E>> @Nullable E parse(Class<E> type, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }
}
