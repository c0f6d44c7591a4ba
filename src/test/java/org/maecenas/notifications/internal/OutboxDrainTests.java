package org.maecenas.notifications.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.maecenas.notifications.Mail;
import org.maecenas.testing.MaecenasTest;
import org.maecenas.testing.TestUsers;
import org.maecenas.web.SiteProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The drain's retry rules, with a mail server that fails and then works. */
@MaecenasTest
class OutboxDrainTests {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SiteProperties site;

    @Test
    void aFailedSendBacksOffAndIsSentOnALaterDrainThenNeverAgain() {
        String to = TestUsers.uniqueEmail("outbox-retry");
        long id = jdbc.sql("""
                        insert into mail_outbox (dedupe_key, recipient, subject, body, status, next_attempt_at, created_at)
                        values (:key, :to, 'Retry', 'Body', 'QUEUED', now(), now()) returning id
                        """)
                .param("key", "retry:" + to)
                .param("to", to)
                .query(Long.class)
                .single();
        List<Mail> delivered = new ArrayList<>();
        boolean[] up = {false};
        OutboxDrain drain = new OutboxDrain(
                jdbc,
                mail -> {
                    if (!mail.to().equals(to)) {
                        return; // other tests' mail is not ours to judge
                    }
                    if (!up[0]) {
                        throw new IllegalStateException("connection refused");
                    }
                    delivered.add(mail);
                },
                java.time.Clock.systemUTC(),
                site);

        drain.drain();
        assertThat(delivered).isEmpty();
        String state = jdbc.sql("select status || ' ' || attempts || ' ' || last_error from mail_outbox where id = :id")
                .param("id", id)
                .query(String.class)
                .single();
        assertThat(state).isEqualTo("QUEUED 1 connection refused");
        Instant next = jdbc.sql("select next_attempt_at from mail_outbox where id = :id")
                .param("id", id)
                .query(java.sql.Timestamp.class)
                .single()
                .toInstant();
        assertThat(next).isAfter(Instant.now().plusSeconds(20));

        up[0] = true;
        drain.drain();
        assertThat(delivered).as("not before its backoff").isEmpty();
        jdbc.sql("update mail_outbox set next_attempt_at = now() where id = :id")
                .param("id", id)
                .update();
        drain.drain();
        drain.drain();
        assertThat(delivered).hasSize(1);
        assertThat(delivered.getFirst().messageId()).endsWith("@localhost>");
        assertThat(jdbc.sql("select status || ' ' || attempts from mail_outbox where id = :id")
                        .param("id", id)
                        .query(String.class)
                        .single())
                .isEqualTo("SENT 2");
    }
}
