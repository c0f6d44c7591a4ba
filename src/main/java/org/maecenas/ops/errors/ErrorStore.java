package org.maecenas.ops.errors;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.maecenas.ops.ErrorGroup;
import org.maecenas.ops.ErrorOccurrence;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The error store in PostgreSQL: one row per fingerprint with its count and first/last seen, and
 * the latest occurrences of each in full. The capture filter writes it; the admin pages read it.
 */
@Repository
public class ErrorStore {

    static final int OCCURRENCES_KEPT = 50;
    private static final int MAX_TEXT = 64 * 1024;

    private final JdbcClient jdbc;
    private final Clock clock;

    ErrorStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional
    String record(Throwable thrown, CapturedRequest request) {
        Throwable error = ErrorFingerprint.unwrap(thrown);
        Throwable root = ErrorFingerprint.rootCause(error);
        String fingerprint = ErrorFingerprint.of(error);
        Instant now = clock.instant();
        jdbc.sql("""
                insert into error_groups (fingerprint, exception_type, message, route, occurrences, first_seen, last_seen)
                values (:fingerprint, :type, :message, :route, 1, :now, :now)
                on conflict (fingerprint) do update
                   set occurrences = error_groups.occurrences + 1,
                       last_seen = excluded.last_seen,
                       message = excluded.message,
                       route = coalesce(excluded.route, error_groups.route)
                """)
                .param("fingerprint", fingerprint)
                .param("type", root.getClass().getName())
                .param("message", truncate(root.getMessage(), 1000))
                .param("route", request.route())
                .param("now", java.sql.Timestamp.from(now))
                .update();
        jdbc.sql("""
                insert into error_occurrences (fingerprint, occurred_at, exception_type, message, stack_trace,
                       method, route, path, query, headers, user_id, request_id)
                values (:fingerprint, :now, :type, :message, :stack, :method, :route, :path, :query, :headers,
                       :userId, :requestId)
                """)
                .param("fingerprint", fingerprint)
                .param("now", java.sql.Timestamp.from(now))
                .param("type", root.getClass().getName())
                .param("message", truncate(root.getMessage(), 1000))
                .param("stack", truncate(stackTrace(error), MAX_TEXT))
                .param("method", request.method())
                .param("route", request.route())
                .param("path", truncate(request.path(), 2000))
                .param("query", truncate(request.query(), 2000))
                .param("headers", truncate(request.headers(), 16 * 1024))
                .param("userId", request.userId())
                .param("requestId", request.requestId())
                .update();
        jdbc.sql("""
                delete from error_occurrences
                 where fingerprint = :fingerprint
                   and id < (select id from error_occurrences where fingerprint = :fingerprint
                              order by id desc offset :kept limit 1)
                """)
                .param("fingerprint", fingerprint)
                .param("kept", OCCURRENCES_KEPT - 1)
                .update();
        return fingerprint;
    }

    public List<ErrorGroup> groups(int limit, int offset) {
        return jdbc.sql("""
                select fingerprint, exception_type, message, route, occurrences, first_seen, last_seen
                  from error_groups order by last_seen desc limit :limit offset :offset
                """)
                .param("limit", limit)
                .param("offset", offset)
                .query(ErrorStore::group)
                .list();
    }

    public long groupCount() {
        return jdbc.sql("select count(*) from error_groups").query(Long.class).single();
    }

    public Optional<ErrorGroup> group(String fingerprint) {
        return jdbc.sql("""
                select fingerprint, exception_type, message, route, occurrences, first_seen, last_seen
                  from error_groups where fingerprint = :fingerprint
                """)
                .param("fingerprint", fingerprint)
                .query(ErrorStore::group)
                .optional();
    }

    public List<ErrorOccurrence> occurrences(String fingerprint, int limit) {
        return jdbc.sql("""
                select id, occurred_at, exception_type, message, stack_trace, method, route, path, query, headers,
                       user_id, request_id
                  from error_occurrences where fingerprint = :fingerprint order by id desc limit :limit
                """)
                .param("fingerprint", fingerprint)
                .param("limit", limit)
                .query((rs, n) -> new ErrorOccurrence(
                        rs.getLong("id"),
                        rs.getTimestamp("occurred_at").toInstant(),
                        rs.getString("exception_type"),
                        rs.getString("message"),
                        rs.getString("stack_trace"),
                        rs.getString("method"),
                        rs.getString("route"),
                        rs.getString("path"),
                        rs.getString("query"),
                        rs.getString("headers"),
                        (Long) rs.getObject("user_id"),
                        rs.getString("request_id")))
                .list();
    }

    private static ErrorGroup group(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new ErrorGroup(
                rs.getString("fingerprint"),
                rs.getString("exception_type"),
                rs.getString("message"),
                rs.getString("route"),
                rs.getLong("occurrences"),
                rs.getTimestamp("first_seen").toInstant(),
                rs.getTimestamp("last_seen").toInstant());
    }

    static String stackTrace(Throwable thrown) {
        StringWriter out = new StringWriter();
        thrown.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max) + "…";
    }
}
