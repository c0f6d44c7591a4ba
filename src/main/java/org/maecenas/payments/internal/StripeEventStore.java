package org.maecenas.payments.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.maecenas.payments.WebhookEvent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stripe's webhook events by id, and the facts they made us announce. */
@Repository
public class StripeEventStore {

    private final JdbcClient jdbc;

    StripeEventStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores an event; false when it was stored before (a redelivery). */
    boolean insert(String id, String type, Instant created, Instant now, String payload) {
        return jdbc.sql("""
                        insert into stripe_events (id, type, created, received_at, payload)
                        values (:id, :type, :created, :now, cast(:payload as jsonb))
                        on conflict (id) do nothing
                        """)
                        .param("id", id)
                        .param("type", type)
                        .param("created", Timestamp.from(created))
                        .param("now", Timestamp.from(now))
                        .param("payload", payload)
                        .update()
                == 1;
    }

    void applied(String id, String outcome, Instant now) {
        jdbc.sql("update stripe_events set applied_at = :now, outcome = :outcome where id = :id")
                .param("id", id)
                .param("outcome", outcome)
                .param("now", Timestamp.from(now))
                .update();
    }

    /** Records that a fact about an object was announced; false when it was before. */
    boolean announce(String objectId, String fact, Instant now) {
        return jdbc.sql("""
                        insert into stripe_announced (object_id, fact, announced_at) values (:id, :fact, :now)
                        on conflict do nothing
                        """)
                        .param("id", objectId)
                        .param("fact", fact)
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    public List<WebhookEvent> recent(int limit) {
        return jdbc.sql("""
                        select id, type, created, received_at, applied_at, outcome
                          from stripe_events order by received_at desc, id desc limit :limit
                        """)
                .param("limit", limit)
                .query((rs, n) -> new WebhookEvent(
                        rs.getString("id"),
                        rs.getString("type"),
                        rs.getTimestamp("created").toInstant(),
                        rs.getTimestamp("received_at").toInstant(),
                        rs.getTimestamp("applied_at") == null
                                ? null
                                : rs.getTimestamp("applied_at").toInstant(),
                        rs.getString("outcome")))
                .list();
    }

    public long count() {
        return jdbc.sql("select count(*) from stripe_events").query(Long.class).single();
    }
}
