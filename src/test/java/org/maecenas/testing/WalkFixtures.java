package org.maecenas.testing;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.maecenas.accounts.AccountUser;
import org.maecenas.accounts.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the walk test needs: a user per profile and example paths for every route with variables.
 * A new route with path variables gets one line in {@link #EXAMPLES}; a new profile gets one line
 * in {@link #seed()}.
 */
@Component
public class WalkFixtures {

    /** Route pattern → example paths, built from the seeded data. */
    private static final Map<String, Function<WalkFixtures, List<String>>> EXAMPLES = Map.ofEntries(
            Map.entry(
                    "/admin/errors/{fingerprint}",
                    f -> List.of("/admin/errors/" + f.errorFingerprint, "/admin/errors/does-not-exist")),
            Map.entry("/dev/mailbox/{id}", f -> List.of("/dev/mailbox/" + f.mailId, "/dev/mailbox/999999999")),
            Map.entry("/actuator/health/**", f -> List.of("/actuator/health/liveness", "/actuator/health/readiness")),
            Map.entry("/actuator/metrics/{requiredMetricName}", f -> List.of("/actuator/metrics/http.server.requests")),
            Map.entry("/error", f -> List.of("/error")));

    private final TestUsers users;
    private final JdbcClient jdbc;
    private final Map<WalkProfile, AccountUser> principals = new EnumMap<>(WalkProfile.class);
    private String errorFingerprint;
    private long mailId;

    WalkFixtures(TestUsers users, JdbcClient jdbc) {
        this.users = users;
        this.jdbc = jdbc;
    }

    public void seed() {
        principals.put(WalkProfile.PATRON, TestUsers.principal(users.create("walk-patron")));
        principals.put(WalkProfile.CREATOR, TestUsers.principal(users.create("walk-creator", Role.CREATOR)));
        principals.put(WalkProfile.ADMIN, TestUsers.principal(users.create("walk-admin", Role.ADMIN)));
        errorFingerprint = "walk" + System.nanoTime();
        jdbc.sql("""
                insert into error_groups (fingerprint, exception_type, message, route, occurrences, first_seen, last_seen)
                values (:f, 'java.lang.IllegalStateException', 'walk <b>fixture</b>', '/walk', 1, now(), now())
                """).param("f", errorFingerprint).update();
        jdbc.sql("""
                insert into error_occurrences (fingerprint, occurred_at, exception_type, message, stack_trace, method,
                       route, path, query, headers, user_id, request_id)
                values (:f, now(), 'java.lang.IllegalStateException', 'walk', 'at walk', 'GET', '/walk', '/walk',
                       'token=[redacted]', 'Accept: */*', null, 'walkrequest1')
                """).param("f", errorFingerprint).update();
        mailId = jdbc.sql("""
                insert into dev_mailbox (recipient, subject, body, sent_at)
                values ('walk@example.test', 'Walk', 'Open http://localhost/x', now()) returning id
                """).query(Long.class).single();
    }

    public AccountUser principal(WalkProfile profile) {
        return principals.get(profile);
    }

    /** Example paths for a route; a route without variables is its own example; empty means missing. */
    public List<String> pathsFor(String route) {
        if (EXAMPLES.containsKey(route)) {
            return EXAMPLES.get(route).apply(this);
        }
        if (route.contains("{") || route.contains("*")) {
            return List.of();
        }
        return List.of(route);
    }
}
