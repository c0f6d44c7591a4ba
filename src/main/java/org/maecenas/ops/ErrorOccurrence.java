package org.maecenas.ops;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One time a fault happened, with the request that met it (secrets redacted). */
public record ErrorOccurrence(
        long id,
        Instant occurredAt,
        String exceptionType,
        @Nullable String message,
        String stackTrace,
        String method,
        @Nullable String route,
        String path,
        @Nullable String query,
        String headers,
        @Nullable Long userId,
        String requestId) {}
