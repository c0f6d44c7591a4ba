package org.maecenas.notifications.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.maecenas.notifications.Mail;
import org.maecenas.notifications.Outbox;
import org.maecenas.testing.MaecenasTest;
import org.maecenas.testing.TestMailbox;
import org.maecenas.testing.TestUsers;
import org.maecenas.web.SiteProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The drain's retry rules, with a mail server that fails and then works; shared texts; withdrawn mail. */
@MaecenasTest
class OutboxDrainTests {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SiteProperties site;

    @Autowired
    Outbox outbox;

    @Autowired
    OutboxDrain drain;

    @Autowired
    TestMailbox mailbox;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void aSharedTextGoesToEachWithItsOwnLinkAndWithdrawnMailIsNotSentUntilQueuedAgain() {
        String kept = TestUsers.uniqueEmail("shared-kept");
        String withdrawn = TestUsers.uniqueEmail("shared-withdrawn");
        String prefix = "test-shared:" + kept + ":";
        long content = outbox.content(
                prefix,
                "Shared",
                "Body. Stop: " + Outbox.UNSUBSCRIBE_LINK + "\n",
                "<a href=\"" + Outbox.UNSUBSCRIBE_LINK + "\">x</a>");
        List<Outbox.Recipient> recipients = List.of(
                new Outbox.Recipient(prefix + "1", kept, "http://localhost/mail/unsubscribe/one"),
                new Outbox.Recipient(prefix + "withdrawn:2", withdrawn, "http://localhost/mail/unsubscribe/two"));

        int queued = transactions.execute(tx -> {
            int added = outbox.enqueueAll(content, recipients);
            outbox.withdraw(prefix + "withdrawn:");
            return added;
        });

        assertThat(queued).isEqualTo(2);
        assertThat(mailbox.awaitMail(kept, "Shared").body())
                .isEqualTo("Body. Stop: http://localhost/mail/unsubscribe/one\n");
        drain.drain();
        assertThat(mailbox.to(withdrawn)).isEmpty();
        assertThat(status(prefix + "withdrawn:2")).isEqualTo("CANCELLED");
        assertThat(outbox.enqueueAll(content, recipients))
                .as("only the withdrawn one again")
                .isEqualTo(1);
        assertThat(mailbox.awaitMail(withdrawn, "Shared").body()).contains("/mail/unsubscribe/two");
        drain.drain();
        assertThat(mailbox.to(kept)).hasSize(1);
        assertThat(mailbox.to(withdrawn)).hasSize(1);
    }

    private String status(String key) {
        return jdbc.sql("select status from mail_outbox where dedupe_key = :key")
                .param("key", key)
                .query(String.class)
                .single();
    }

    @Test
    void aNodeThatDoesNotSendSoonLeavesQueuedMailToADrainThatDoes() {
        String to = TestUsers.uniqueEmail("outbox-not-soon");
        long id = queue("not-soon:" + to, to, "Later");
        List<Mail> quiet = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Mail> loud = java.util.Collections.synchronizedList(new ArrayList<>());
        OutboxDrain billingRun = drainInto(quiet, to, false);
        OutboxDrain server = drainInto(loud, to, true);

        billingRun.soon();
        org.awaitility.Awaitility.await()
                .during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(2))
                .until(() -> quiet.isEmpty());
        assertThat(status("not-soon:" + to)).isEqualTo("QUEUED");

        server.soon();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !loud.isEmpty());
        assertThat(quiet).isEmpty();
        assertThat(jdbc.sql("select status from mail_outbox where id = :id")
                        .param("id", id)
                        .query(String.class)
                        .single())
                .isEqualTo("SENT");
    }

    /** A mail due now, queued directly; returns its row's id. */
    private long queue(String key, String to, String subject) {
        return jdbc.sql("""
                        insert into mail_outbox (dedupe_key, recipient, subject, body, status, next_attempt_at, created_at)
                        values (:key, :to, :subject, 'Body', 'QUEUED', now(), now()) returning id
                        """)
                .param("key", key)
                .param("to", to)
                .param("subject", subject)
                .query(Long.class)
                .single();
    }

    /** A drain whose mail to {@code to} lands in {@code into} (other tests' mail is not ours to judge). */
    private OutboxDrain drainInto(List<Mail> into, String to, boolean sendSoon) {
        return new OutboxDrain(
                jdbc,
                mail -> {
                    if (mail.to().equals(to)) {
                        into.add(mail);
                    }
                },
                java.time.Clock.systemUTC(),
                site,
                new MailProperties("Maecenas <no-reply@maecenas.localhost>", null, 500, Duration.ZERO, sendSoon),
                List.of());
    }

    @Test
    void aFailedSendBacksOffAndIsSentOnALaterDrainThenNeverAgain() {
        String to = TestUsers.uniqueEmail("outbox-retry");
        long id = queue("retry:" + to, to, "Retry");
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
                site,
                new MailProperties("Maecenas <no-reply@maecenas.localhost>", null, 500, Duration.ZERO, true),
                List.of());

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
