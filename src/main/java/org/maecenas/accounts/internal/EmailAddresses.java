package org.maecenas.accounts.internal;

import java.util.Optional;
import java.util.regex.Pattern;

/** A practical email check: one @, a dotted domain, no spaces, within RFC 5321's 254 characters. */
public final class EmailAddresses {

    private static final Pattern SHAPE = Pattern.compile(
            "[^@\\s\"(),:;<>\\[\\\\\\]]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

    private EmailAddresses() {}

    public static String normalise(String email) {
        return email == null ? "" : email.strip();
    }

    public static Optional<String> problem(String email) {
        String value = normalise(email);
        if (value.isEmpty()) {
            return Optional.of("Enter your email address.");
        }
        if (value.length() > 254) {
            return Optional.of("That email address is too long.");
        }
        if (!SHAPE.matcher(value).matches()) {
            return Optional.of("Enter an email address like name@example.com.");
        }
        return Optional.empty();
    }
}
