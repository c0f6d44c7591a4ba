package org.maecenas.notifications.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.maecenas.notifications.Mail;
import org.maecenas.notifications.Mailer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Sends a claimed batch row's mails from where its last sender got to.
 *
 * <ul>
 *   <li>Progress is kept every {@value #PROGRESS_EVERY} mails, and at least every third of a lease,
 *       each time renewing the lease if this sender still holds it (else it stops: another sender
 *       took the row). A sender that dies is followed from its last progress: at most that many
 *       mails go again, each with the Message-ID it had the first time.
 *   <li>A mail that fails after others went (one address) is set aside as a row of its own, with its
 *       own tries, and the batch goes on. The first mail of a claim failing, or two in a row, means
 *       the mail server: the whole row backs off and resumes at that mail; after
 *       {@value OutboxDrain#MAX_ATTEMPTS} such tries that mail is kept as a failed row and the rest
 *       go on.
 *   <li>A payload that cannot be written backs the whole row off, and fails it after as many tries.
 * </ul>
 */
final class MailBatchSender {

    private static final Logger log = LoggerFactory.getLogger(MailBatchSender.class);
    static final int PROGRESS_EVERY = 20;

    private final JdbcClient jdbc;
    private final Mailer mailer;
    private final Clock clock;
    private final Map<String, MailBatch> batches;
    private final String host;

    MailBatchSender(JdbcClient jdbc, Mailer mailer, Clock clock, Map<String, MailBatch> batches, String host) {
        this.jdbc = jdbc;
        this.mailer = mailer;
        this.clock = clock;
        this.batches = batches;
        this.host = host;
    }

    /** Sends what is left of a claimed batch row; returns how many mails were sent. */
    int send(OutboxDrain.Queued queued) {
        MailBatch batch = batches.get(queued.batchKind());
        if (batch == null) { // a kind this node does not know: for a node that does, and not a try
            jdbc.sql("""
                            update mail_outbox set status = 'QUEUED', lease_until = null, attempts = attempts - 1,
                                   next_attempt_at = :later
                             where id = :id and lease_until = :lease
                            """)
                    .param("later", Timestamp.from(clock.instant().plus(Duration.ofMinutes(1))))
                    .param("id", queued.id())
                    .param("lease", queued.lease())
                    .update();
            log.warn("Mail batch {} is of a kind this node cannot write: {}", queued.key(), queued.batchKind());
            return 0;
        }
        List<MailBatch.KeyedMail> mails;
        try {
            mails = batch.mails(Objects.requireNonNull(queued.batchPayload()));
        } catch (RuntimeException failure) {
            log.warn("Mail batch {} could not be written (attempt {})", queued.key(), queued.attempts(), failure);
            backOff(queued, queued.lease(), queued.batchSent(), queued.attempts(), "writing the batch", failure);
            return 0;
        }
        Timestamp lease = queued.lease();
        Instant renewed = clock.instant();
        int tries = queued.attempts(); // of the mail the row is at: this claim is one
        int next = queued.batchSent();
        int sent = 0;
        boolean serverSuspect = true; // the first mail of a claim failing says more of the server than of its address
        while (next < mails.size()) {
            MailBatch.KeyedMail keyed = mails.get(next);
            try {
                mailer.send(withMessageId(keyed, OutboxDrain.messageId(host, keyed.key(), queued.id() + "." + next)));
                sent++;
                serverSuspect = false;
            } catch (RuntimeException failure) {
                log.warn(
                        "Mail {} to {} failed (attempt {}): {}",
                        keyed.key(),
                        keyed.mail().to(),
                        tries,
                        failure.getMessage());
                if (!serverSuspect) {
                    setAside(keyed, "QUEUED", 1, failure);
                } else if (tries < OutboxDrain.MAX_ATTEMPTS) {
                    backOff(queued, lease, next, tries, keyed.key(), failure);
                    return sent;
                } else {
                    setAside(keyed, "FAILED", tries, failure);
                }
                serverSuspect = true;
            }
            next++;
            tries = 1; // the next mail's first try is this claim
            Instant now = clock.instant();
            if (next < mails.size()
                    && (next % PROGRESS_EVERY == 0 || !now.isBefore(renewed.plus(OutboxDrain.LEASE.dividedBy(3))))) {
                lease = progress(queued, next, lease, now);
                if (lease == null) {
                    log.warn("Mail batch {} was taken by another sender at mail {}", queued.key(), next);
                    return sent;
                }
                renewed = now;
            }
        }
        jdbc.sql("""
                        update mail_outbox set status = 'SENT', batch_sent = :next, attempts = :tries, sent_at = :now,
                               lease_until = null
                         where id = :id and lease_until = :lease
                        """)
                .param("next", next)
                .param("tries", tries)
                .param("now", Timestamp.from(clock.instant()))
                .param("id", queued.id())
                .param("lease", lease)
                .update();
        return sent;
    }

    /** Keeps how far the row got and renews its lease; null if another sender holds it now. */
    private @Nullable Timestamp progress(OutboxDrain.Queued queued, int next, Timestamp lease, Instant now) {
        Timestamp renewed = Timestamp.from(now.plus(OutboxDrain.LEASE).truncatedTo(ChronoUnit.MICROS));
        int kept = jdbc.sql("""
                        update mail_outbox set batch_sent = :next, attempts = 1, lease_until = :renewed
                         where id = :id and lease_until = :lease
                        """)
                .param("next", next)
                .param("renewed", renewed)
                .param("id", queued.id())
                .param("lease", lease)
                .update();
        return kept == 1 ? renewed : null;
    }

    /** The whole row tries again later from mail {@code next}, or fails after the last try. */
    private void backOff(
            OutboxDrain.Queued queued, Timestamp lease, int next, int tries, String what, RuntimeException failure) {
        jdbc.sql("""
                        update mail_outbox set status = :status, batch_sent = :next, attempts = :tries,
                               next_attempt_at = :retry, lease_until = null, last_error = :error
                         where id = :id and lease_until = :lease
                        """)
                .param("status", tries >= OutboxDrain.MAX_ATTEMPTS ? "FAILED" : "QUEUED")
                .param("next", next)
                .param("tries", tries)
                .param("retry", Timestamp.from(clock.instant().plus(OutboxDrain.backoff(tries))))
                .param("error", what + ": " + failure.getMessage())
                .param("id", queued.id())
                .param("lease", lease)
                .update();
    }

    /** A mail of the batch as a row of its own: to try again on its own, or kept as failed. */
    private void setAside(MailBatch.KeyedMail keyed, String status, int tries, RuntimeException failure) {
        Instant now = clock.instant();
        Mail mail = keyed.mail();
        jdbc.sql("""
                        insert into mail_outbox (dedupe_key, recipient, subject, body, html_body, unsubscribe_url,
                               status, attempts, next_attempt_at, last_error, created_at)
                        values (:key, :to, :subject, :body, :html, :unsubscribe, :status, :tries, :next, :error, :now)
                        on conflict (dedupe_key) do nothing
                        """)
                .param("key", keyed.key())
                .param("to", mail.to())
                .param("subject", mail.subject())
                .param("body", mail.text())
                .param("html", mail.html())
                .param("unsubscribe", mail.unsubscribeUrl())
                .param("status", status)
                .param("tries", tries)
                .param("next", Timestamp.from(now.plus(OutboxDrain.backoff(tries))))
                .param("error", String.valueOf(failure.getMessage()))
                .param("now", Timestamp.from(now))
                .update();
    }

    private static Mail withMessageId(MailBatch.KeyedMail keyed, String messageId) {
        Mail mail = keyed.mail();
        return new Mail(mail.to(), mail.subject(), mail.text(), mail.html(), messageId, mail.unsubscribeUrl());
    }
}
