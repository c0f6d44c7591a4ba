package org.maecenas.ops;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One kind of fault, however often it happened. */
public record ErrorGroup(
        String fingerprint,
        String exceptionType,
        @Nullable String message,
        @Nullable String route,
        long occurrences,
        Instant firstSeen,
        Instant lastSeen) {

    public String shortType() {
        int dot = exceptionType.lastIndexOf('.');
        return dot < 0 ? exceptionType : exceptionType.substring(dot + 1);
    }
}
