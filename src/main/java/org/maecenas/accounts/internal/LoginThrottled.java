package org.maecenas.accounts.internal;

import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/** Sign-in refused without checking the password: too many recent failures. The message says how long to wait. */
public final class LoginThrottled extends AuthenticationException {

    LoginThrottled(Duration wait) {
        super("Too many failed sign-in attempts. Try again in " + minutes(wait) + ", or reset your password.");
    }

    private static String minutes(Duration wait) {
        long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
        return minutes == 1 ? "a minute" : minutes + " minutes";
    }
}
