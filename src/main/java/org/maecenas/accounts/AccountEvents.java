package org.maecenas.accounts;

import java.time.Instant;

/** Facts the accounts module announces; the notifications module turns them into mail. */
public final class AccountEvents {

    private AccountEvents() {}

    /** Someone asked to reset their password; {@code link} works once until {@code expiresAt}. */
    public record PasswordResetRequested(
            UserId userId, String email, String displayName, String link, Instant expiresAt) {}

    /** An address needs confirming: at sign-up, or when someone changes their email. */
    public record EmailVerificationRequested(
            UserId userId, String email, String displayName, String link, boolean change, Instant expiresAt) {}

    /** A password was changed or reset: tell the owner, in case it wasn't them. */
    public record PasswordChanged(UserId userId, String email, String displayName, Instant at) {}
}
