package org.maecenas.accounts.internal;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;

/**
 * Ends someone's other sessions and remember-me tokens, on every node (both live in PostgreSQL):
 * after a password change or reset, whoever knew the old password is signed out.
 */
@Component
public class SessionRevocation {

    private final FindByIndexNameSessionRepository<? extends Session> sessions;
    private final JdbcClient jdbc;

    SessionRevocation(FindByIndexNameSessionRepository<? extends Session> sessions, JdbcClient jdbc) {
        this.sessions = sessions;
        this.jdbc = jdbc;
    }

    public void revokeAll(String principalName, @Nullable String keepSessionId) {
        sessions.findByPrincipalName(principalName).keySet().stream()
                .filter(id -> !id.equals(keepSessionId))
                .forEach(sessions::deleteById);
        jdbc.sql("delete from persistent_logins where lower(username) = lower(:name)")
                .param("name", principalName)
                .update();
    }
}
