package org.maecenas.notifications.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.maecenas.notifications.Mail;
import org.maecenas.notifications.Mailer;
import org.maecenas.testing.MaecenasTest;
import org.maecenas.testing.TestUsers;
import org.maecenas.web.SiteProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A batch row is many mails written as they are sent: each goes once, in order; one address that
 * fails is tried again on its own; the mail server failing backs the row off and it resumes at that
 * mail; a sender that dies is followed from its last kept progress with the same Message-IDs, and
 * one whose row was taken stops; a mail that fails on every try is kept as its own failed row.
 *
 * <p>The rows are due only in 2500, and these drains' clock is there, so the application's own
 * drain (on today's clock) leaves them alone.
 */
@MaecenasTest
class MailBatchDrainTests {

    private static final Instant THEN = Instant.parse("2500-01-01T00:00:00Z");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SiteProperties site;

    @Autowired
    Mailer mailer;

    @Autowired
    List<MailBatch> batches;

    /** Mails from lines "key|to|subject". */
    private static final MailBatch LINES = new MailBatch() {
        @Override
        public String kind() {
            return "test-lines";
        }

        @Override
        public List<KeyedMail> mails(String payload) {
            return Arrays.stream(payload.split("\n"))
                    .map(line -> line.split("\\|"))
                    .map(f -> new KeyedMail(f[0], new Mail(f[1], f[2], "Body of " + f[0] + "\n")))
                    .toList();
        }
    };

    /**
     * These drains' clock makes every queued row due, other tests' too. Those are sent first, as the
     * application's drain would send them, so that what a test's drain counts is its own.
     */
    @BeforeEach
    void sendWhatOtherTestsQueued() {
        List<MailBatch> kinds = new ArrayList<>(batches);
        kinds.add(LINES);
        new OutboxDrain(jdbc, mailer, clock(), site, properties(), kinds).drain();
    }

    @Test
    void eachMailGoesOnceInOrderAndOneThatFailsAfterOthersWentIsTriedAgainOnItsOwn() {
        String to = TestUsers.uniqueEmail("batch-order");
        long id = queueBatch(to, 45);
        List<Mail> delivered = Collections.synchronizedList(new ArrayList<>());
        boolean[] failed = {false};
        OutboxDrain drain = drain(to, mail -> {
            if (mail.subject().equals("Mail 26") && !failed[0]) {
                failed[0] = true;
                throw new IllegalStateException("552 mailbox full");
            }
            delivered.add(mail);
        });

        assertThat(drain.drain()).isEqualTo(44);
        assertThat(row(id)).isEqualTo("SENT 45 1");
        assertThat(aside(to, 26)).isEqualTo("QUEUED 1 552 mailbox full");

        jdbc.sql("update mail_outbox set next_attempt_at = :then where dedupe_key = :key")
                .param("then", java.sql.Timestamp.from(THEN))
                .param("key", key(to, 26))
                .update();
        assertThat(drain.drain()).isEqualTo(1);
        assertThat(delivered)
                .extracting(Mail::subject)
                .containsExactlyElementsOf(java.util.stream.Stream.concat(
                                subjects(0, 45).stream().filter(s -> !s.equals("Mail 26")),
                                java.util.stream.Stream.of("Mail 26"))
                        .toList());
        assertThat(delivered)
                .extracting(Mail::messageId)
                .doesNotHaveDuplicates()
                .allSatisfy(messageId -> assertThat(messageId).startsWith("<").endsWith("@localhost>"));
        assertThat(drain.drain()).as("sent means sent").isZero();
    }

    @Test
    void whenTheMailServerFailsTheWholeRowBacksOffAndResumesAtThatMail() {
        String to = TestUsers.uniqueEmail("batch-server-down");
        long id = queueBatch(to, 45);
        List<Mail> delivered = Collections.synchronizedList(new ArrayList<>());
        boolean[] down = {false};
        boolean[] repaired = {false};
        OutboxDrain drain = drain(to, mail -> {
            boolean failing = mail.subject().equals("Mail 10") || mail.subject().equals("Mail 11");
            if (!repaired[0] && (down[0] || failing)) {
                down[0] = mail.subject().equals("Mail 11") || down[0]; // two in a row: the server is gone
                throw new IllegalStateException("connection refused");
            }
            delivered.add(mail);
        });

        assertThat(drain.drain()).isEqualTo(10);
        assertThat(aside(to, 10))
                .as("the first failure looked like one address")
                .isEqualTo("QUEUED 1 connection refused");
        assertThat(row(id))
                .as("the second in a row backs the whole row off at it")
                .isEqualTo("QUEUED 11 1");
        assertThat(lastError(id)).isEqualTo(key(to, 11) + ": connection refused");

        dueAgain(id);
        assertThat(drain.drain())
                .as("still down: the first mail of the claim fails")
                .isZero();
        assertThat(row(id)).isEqualTo("QUEUED 11 2");

        repaired[0] = true;
        dueAgain(id);
        jdbc.sql("update mail_outbox set next_attempt_at = :then where dedupe_key = :key")
                .param("then", java.sql.Timestamp.from(THEN))
                .param("key", key(to, 10))
                .update();
        assertThat(drain.drain())
                .as("Mail 10 on its own row, then the batch from Mail 11")
                .isEqualTo(35);
        assertThat(row(id)).isEqualTo("SENT 45 1");
        assertThat(delivered).extracting(Mail::subject).containsExactlyElementsOf(subjects(0, 45));
    }

    @Test
    void aSenderWhoseRowWasTakenStopsAtItsNextProgress() {
        String to = TestUsers.uniqueEmail("batch-taken");
        long id = queueBatch(to, 45);
        java.sql.Timestamp theirs = java.sql.Timestamp.from(THEN.plus(Duration.ofHours(10)));
        List<Mail> delivered = Collections.synchronizedList(new ArrayList<>());
        OutboxDrain slow = drain(to, mail -> {
            if (mail.subject().equals("Mail 5")) { // meanwhile another sender took the row
                jdbc.sql("update mail_outbox set lease_until = :theirs, attempts = 2 where id = :id")
                        .param("theirs", theirs)
                        .param("id", id)
                        .update();
            }
            delivered.add(mail);
        });

        assertThat(slow.drain()).isEqualTo(20);
        assertThat(row(id)).as("its progress is not written over theirs").isEqualTo("SENDING 0 2");
        assertThat(jdbc.sql("select lease_until from mail_outbox where id = :id")
                        .param("id", id)
                        .query(java.sql.Timestamp.class)
                        .single())
                .isEqualTo(theirs);
    }

    @Test
    void aSenderThatDiesIsFollowedFromItsLastProgressWithTheSameMessageIds() {
        String to = TestUsers.uniqueEmail("batch-crash");
        long id = queueBatch(to, 45);
        List<Mail> first = Collections.synchronizedList(new ArrayList<>());
        OutboxDrain dying = drain(to, mail -> {
            if (mail.subject().equals("Mail 30")) {
                throw new OutOfMemoryError("the process dies here"); // not a failure to send: a crash
            }
            first.add(mail);
        });
        assertThatThrownBy(dying::drain).isInstanceOf(OutOfMemoryError.class);
        assertThat(row(id)).as("progress is kept every 20 mails").isEqualTo("SENDING 20 1");

        List<Mail> second = Collections.synchronizedList(new ArrayList<>());
        OutboxDrain follower = drain(to, second::add);
        assertThat(follower.drain())
                .as("not while the dead sender's lease runs")
                .isZero();
        jdbc.sql("update mail_outbox set lease_until = :past where id = :id")
                .param("past", java.sql.Timestamp.from(THEN.minusSeconds(1)))
                .param("id", id)
                .update();
        assertThat(follower.drain()).isEqualTo(25);

        assertThat(row(id)).isEqualTo("SENT 45 1");
        assertThat(second).extracting(Mail::subject).containsExactlyElementsOf(subjects(20, 45));
        assertThat(first).extracting(Mail::subject).containsExactlyElementsOf(subjects(0, 30));
        List<String> twice = first.subList(20, 30).stream().map(Mail::messageId).toList();
        assertThat(second.subList(0, 10))
                .extracting(Mail::messageId)
                .as("the mails sent again carry the Message-IDs they had, so clients show them once")
                .containsExactlyElementsOf(twice);
    }

    @Test
    void aMailThatFailsOnEveryTryIsKeptAsItsOwnFailedRowAndTheRestGo() {
        String to = TestUsers.uniqueEmail("batch-give-up");
        long id = queueBatch(to, 5);
        // mails 0 and 1 went; mail 2 has failed on every try but this drain's
        jdbc.sql("update mail_outbox set attempts = :tries, batch_sent = 2 where id = :id")
                .param("tries", OutboxDrain.MAX_ATTEMPTS - 1)
                .param("id", id)
                .update();
        List<Mail> delivered = Collections.synchronizedList(new ArrayList<>());
        OutboxDrain drain = drain(to, mail -> {
            if (mail.subject().equals("Mail 2")) {
                throw new IllegalStateException("550 mailbox unavailable");
            }
            delivered.add(mail);
        });

        assertThat(drain.drain()).isEqualTo(2);
        assertThat(row(id)).isEqualTo("SENT 5 1");
        assertThat(delivered).extracting(Mail::subject).containsExactly("Mail 3", "Mail 4");
        assertThat(jdbc.sql("""
                        select status || ' ' || recipient || ' ' || subject || ' ' || attempts || ' ' || last_error
                          from mail_outbox where dedupe_key = :key
                        """).param("key", key(to, 2)).query(String.class).single())
                .isEqualTo("FAILED " + to + " Mail 2 " + OutboxDrain.MAX_ATTEMPTS + " 550 mailbox unavailable");
    }

    @Test
    void aNodeThatCannotWriteABatchsKindLeavesItForOneThatCan() {
        String to = TestUsers.uniqueEmail("batch-unknown");
        long id = queueBatch(to, 3);
        List<Mail> delivered = Collections.synchronizedList(new ArrayList<>());
        OutboxDrain older = new OutboxDrain(jdbc, only(to, delivered::add), clock(), site, properties(), List.of());

        assertThat(older.drain()).isZero();
        assertThat(row(id)).as("not a try of its own").isEqualTo("QUEUED 0 0");
        dueAgain(id);
        assertThat(drain(to, delivered::add).drain()).isEqualTo(3);
        assertThat(delivered).hasSize(3);
    }

    @Test
    void aBatchThatCannotBeWrittenBacksOffWholeAndFailsAfterItsLastTry() {
        String to = TestUsers.uniqueEmail("batch-unwritable");
        long id = jdbc.sql("""
                        insert into mail_outbox (dedupe_key, batch_kind, batch_payload, status, next_attempt_at, created_at)
                        values (:key, 'test-lines', 'not lines at all', 'QUEUED', :then, :then) returning id
                        """)
                .param("key", "test-lines:" + to)
                .param("then", java.sql.Timestamp.from(THEN))
                .query(Long.class)
                .single();
        OutboxDrain drain = drain(to, mail -> {});

        assertThat(drain.drain()).isZero();
        assertThat(row(id)).isEqualTo("QUEUED 0 1");
        assertThat(lastError(id)).startsWith("writing the batch: ");

        jdbc.sql("update mail_outbox set attempts = :tries, next_attempt_at = :then where id = :id")
                .param("tries", OutboxDrain.MAX_ATTEMPTS - 1)
                .param("then", java.sql.Timestamp.from(THEN))
                .param("id", id)
                .update();
        assertThat(drain.drain()).isZero();
        assertThat(row(id)).isEqualTo("FAILED 0 " + OutboxDrain.MAX_ATTEMPTS);
    }

    private long queueBatch(String to, int mails) {
        String payload = String.join(
                "\n",
                IntStream.range(0, mails)
                        .mapToObj(i -> key(to, i) + "|" + to + "|Mail " + i)
                        .toList());
        return jdbc.sql("""
                        insert into mail_outbox (dedupe_key, batch_kind, batch_payload, status, next_attempt_at, created_at)
                        values (:key, 'test-lines', :payload, 'QUEUED', :then, :then) returning id
                        """)
                .param("key", "test-lines:" + to)
                .param("payload", payload)
                .param("then", java.sql.Timestamp.from(THEN))
                .query(Long.class)
                .single();
    }

    private static String key(String to, int i) {
        return "test-lines:" + to + ":" + i;
    }

    private static List<String> subjects(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "Mail " + i).toList();
    }

    private OutboxDrain drain(String to, Mailer mailer) {
        return new OutboxDrain(jdbc, only(to, mailer), clock(), site, properties(), List.of(LINES));
    }

    /** Other tests' mail (which this drain may claim too) is not ours to judge. */
    private static Mailer only(String to, Mailer mailer) {
        Predicate<Mail> ours = mail -> mail.to().equals(to);
        return mail -> {
            if (ours.test(mail)) {
                mailer.send(mail);
            }
        };
    }

    private static Clock clock() {
        return Clock.fixed(THEN.plusSeconds(1), ZoneOffset.UTC);
    }

    private static MailProperties properties() {
        return new MailProperties("Maecenas <no-reply@maecenas.localhost>", null, 500, Duration.ZERO, false);
    }

    private void dueAgain(long id) {
        jdbc.sql("update mail_outbox set next_attempt_at = :then where id = :id")
                .param("then", java.sql.Timestamp.from(THEN))
                .param("id", id)
                .update();
    }

    private String row(long id) {
        return jdbc.sql("select status || ' ' || batch_sent || ' ' || attempts from mail_outbox where id = :id")
                .param("id", id)
                .query(String.class)
                .single();
    }

    /** A mail of the batch set aside as a row of its own: status, tries, error. */
    private String aside(String to, int i) {
        return jdbc.sql(
                        "select status || ' ' || attempts || ' ' || last_error from mail_outbox where dedupe_key = :key")
                .param("key", key(to, i))
                .query(String.class)
                .single();
    }

    private String lastError(long id) {
        return jdbc.sql("select last_error from mail_outbox where id = :id")
                .param("id", id)
                .query(String.class)
                .single();
    }
}
