package org.maecenas.accounts;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param passwordResetValidity how long a reset link works
 * @param emailVerificationValidity how long a verification link works
 * @param resetRequestsPerHour most reset mails one account gets in an hour
 * @param loginMaxFailures failed sign-ins allowed per email or per address within the window
 * @param loginWindow the throttling window (and the longest cool-down)
 * @param rememberMeValidity how long "remember me" keeps someone signed in
 * @param rememberMeKey secret for remember-me tokens; generated once and stored in the database when unset
 */
@ConfigurationProperties("maecenas.accounts")
public record AccountsProperties(
        @DefaultValue("1h") Duration passwordResetValidity,
        @DefaultValue("48h") Duration emailVerificationValidity,
        @DefaultValue("3") int resetRequestsPerHour,
        @DefaultValue("5") int loginMaxFailures,
        @DefaultValue("15m") Duration loginWindow,
        @DefaultValue("30d") Duration rememberMeValidity,
        @Nullable String rememberMeKey) {}
