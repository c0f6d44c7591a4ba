package org.maecenas.accounts.web;

import org.jspecify.annotations.Nullable;
import org.maecenas.web.FormErrors;

/** The new-password form, or (when {@code linkProblem} is set) why the link can't be used. */
public record PasswordResetConfirmPage(
        String token, @Nullable String linkProblem, FormErrors errors) {}
