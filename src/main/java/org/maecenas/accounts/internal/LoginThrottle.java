package org.maecenas.accounts.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.maecenas.accounts.AccountsProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Refuses sign-in for an email or an address after too many failures within the window. The
 * cool-down ends when the oldest of the counted failures leaves the window. Stored in PostgreSQL
 * so every node counts the same attempts.
 */
@Component
public class LoginThrottle {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final int maxFailures;
    private final Duration window;

    LoginThrottle(JdbcClient jdbc, Clock clock, AccountsProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.maxFailures = properties.loginMaxFailures();
        this.window = properties.loginWindow();
    }

    /** How long until this email and address may try again, or empty when they may now. */
    public Optional<Duration> coolDown(String email, String remoteAddr) {
        Instant now = clock.instant();
        Instant since = now.minus(window);
        Optional<Instant> byEmail = nthNewestFailure("email", normalise(email), since);
        Optional<Instant> byAddr = nthNewestFailure("remote_addr", remoteAddr, since);
        return java.util.stream.Stream.of(byEmail, byAddr)
                .flatMap(Optional::stream)
                .map(oldestCounted -> Duration.between(now, oldestCounted.plus(window)))
                .filter(d -> !d.isNegative() && !d.isZero())
                .max(Duration::compareTo);
    }

    public void failed(String email, String remoteAddr) {
        Instant now = clock.instant();
        jdbc.sql("insert into login_failures (email, remote_addr, attempted_at) values (:email, :addr, :now)")
                .param("email", normalise(email))
                .param("addr", remoteAddr)
                .param("now", Timestamp.from(now))
                .update();
        // keep the table small: nothing older than the window is ever counted
        jdbc.sql("delete from login_failures where attempted_at < :before")
                .param("before", Timestamp.from(now.minus(window).minus(window)))
                .update();
    }

    /** A successful sign-in clears the email's failures (not the address's: others share it). */
    public void succeeded(String email) {
        jdbc.sql("delete from login_failures where email = :email")
                .param("email", normalise(email))
                .update();
    }

    private Optional<Instant> nthNewestFailure(String column, String value, Instant since) {
        // column is one of two constants above, never input
        return jdbc.sql("select attempted_at from login_failures where " + column
                        + " = :value and attempted_at > :since order by attempted_at desc offset :skip limit 1")
                .param("value", value)
                .param("since", Timestamp.from(since))
                .param("skip", maxFailures - 1)
                .query((rs, n) -> rs.getTimestamp(1).toInstant())
                .optional();
    }

    private static String normalise(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }
}
