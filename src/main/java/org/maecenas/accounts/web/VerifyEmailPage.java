package org.maecenas.accounts.web;

import org.jspecify.annotations.Nullable;

public record VerifyEmailPage(
        String token,
        boolean confirmed,
        @Nullable String email,
        @Nullable String problem) {}
