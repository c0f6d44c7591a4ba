package org.maecenas.accounts.web;

import org.jspecify.annotations.Nullable;

public record LoginPage(@Nullable String error) {}
