package org.maecenas.notifications.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.maecenas.notifications.Mail;
import org.maecenas.notifications.Mailer;
import org.maecenas.notifications.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Sends queued mail. Rows are claimed with a lease (skip-locked, so nodes share the queue); a row
 * whose sender died is taken again when its lease runs out. Failures back off and give up after
 * a day of tries. A batch row ({@link MailBatch}) is many mails written as they are sent: its
 * progress is kept every {@value #PROGRESS_EVERY} mails (renewing the lease), so a sender that
 * dies part-way is followed from there, and at most that many mails go out twice, each with the
 * same Message-ID as the first time.
 */
@Component
public class OutboxDrain {

    private static final Logger log = LoggerFactory.getLogger(OutboxDrain.class);
    static final int BATCH = 50;
    static final int MAX_ATTEMPTS = 12;
    static final Duration LEASE = Duration.ofMinutes(5);
    static final int PROGRESS_EVERY = 20;

    /** A claimed row. */
    record Queued(
            long id,
            String key,
            String to,
            String subject,
            String body,
            @Nullable String html,
            @Nullable String unsubscribeUrl,
            int attempts,
            @Nullable String batchKind,
            @Nullable String batchPayload,
            int batchSent,
            Timestamp lease) {

        /** The mail to send: a shared text gets this recipient's unsubscribe link. */
        Mail mail(String messageId) {
            String link = unsubscribeUrl == null ? "" : unsubscribeUrl;
            return new Mail(
                    to,
                    subject,
                    body.replace(Outbox.UNSUBSCRIBE_LINK, link),
                    html == null ? null : html.replace(Outbox.UNSUBSCRIBE_LINK, HtmlUtils.htmlEscape(link)),
                    messageId,
                    unsubscribeUrl);
        }
    }

    private final JdbcClient jdbc;
    private final Mailer mailer;
    private final Map<String, MailBatch> batches;
    private final Clock clock;
    private final String host;
    private final boolean sendSoon;
    private final Soon soon =
            new Soon(this::drain, log, "Sending queued mail failed; the scheduled drain will try again");

    OutboxDrain(
            JdbcClient jdbc,
            Mailer mailer,
            Clock clock,
            org.maecenas.web.SiteProperties site,
            MailProperties properties,
            List<MailBatch> batches) {
        this.jdbc = jdbc;
        this.batches = batches.stream().collect(Collectors.toMap(MailBatch::kind, batch -> batch));
        this.sendSoon = properties.sendSoon();
        this.mailer = mailer;
        this.clock = clock;
        this.host = java.net.URI.create(site.baseUrl()).getHost() == null
                ? "maecenas.localhost"
                : java.net.URI.create(site.baseUrl()).getHost();
    }

    /** Drains in the background, soon (several calls in a row make one drain). */
    public void soon() {
        if (sendSoon) {
            soon.request();
        }
    }

    /** Drains soon after the current transaction commits. */
    public void soonAfterCommit() {
        if (sendSoon) {
            soon.afterCommit();
        }
    }

    /** Sends everything that is due; returns how many were sent. */
    public int drain() {
        return drain(0);
    }

    /**
     * Sends what is due after row {@code after}; returns how many were sent. One pass in id order:
     * each batch is claimed after the last one's ids, so a long queue is walked once rather than
     * from its start per batch; what falls due behind the pass meanwhile is sent by a later drain.
     */
    int drain(long after) {
        int sent = 0;
        long from = after;
        List<Queued> batch;
        do {
            batch = claim(from);
            for (Queued queued : batch) {
                sent += queued.batchKind() != null ? sendBatch(queued) : send(queued) ? 1 : 0;
                from = Math.max(from, queued.id());
            }
        } while (batch.size() == BATCH);
        return sent;
    }

    private List<Queued> claim(long after) {
        Instant now = clock.instant();
        Timestamp lease = Timestamp.from(now.plus(LEASE).truncatedTo(ChronoUnit.MICROS));
        return jdbc.sql("""
                        with claimed as (
                            update mail_outbox set status = 'SENDING', lease_until = :lease, attempts = attempts + 1
                             where id in (select id from mail_outbox
                                           where (status = 'QUEUED' and next_attempt_at <= :now)
                                              or (status = 'SENDING' and lease_until < :now)
                                           order by id limit :batch for update skip locked)
                            returning id, dedupe_key, recipient, subject, body, html_body, content_id,
                                      unsubscribe_url, attempts, batch_kind, batch_payload, batch_sent)
                        select c.id, c.dedupe_key, c.recipient, coalesce(c.subject, m.subject),
                               coalesce(c.body, m.body), coalesce(c.html_body, m.html_body), c.unsubscribe_url,
                               c.attempts, c.batch_kind, c.batch_payload, c.batch_sent
                          from claimed c left join mail_contents m on m.id = c.content_id
                         order by c.id
                        """)
                .param("lease", lease)
                .param("now", Timestamp.from(now))
                .param("after", after)
                .param("batch", BATCH)
                .query((rs, n) -> new Queued(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getInt(8),
                        rs.getString(9),
                        rs.getString(10),
                        rs.getInt(11),
                        lease))
                .list();
    }

    private boolean send(Queued queued) {
        String messageId = messageId(queued.key(), Long.toString(queued.id()));
        try {
            mailer.send(queued.mail(messageId));
        } catch (RuntimeException failure) {
            boolean giveUp = queued.attempts() >= MAX_ATTEMPTS;
            Duration backoff = backoff(queued.attempts());
            jdbc.sql("""
                            update mail_outbox set status = :status, next_attempt_at = :next, lease_until = null,
                                   last_error = :error
                             where id = :id
                            """)
                    .param("status", giveUp ? "FAILED" : "QUEUED")
                    .param("next", Timestamp.from(clock.instant().plus(backoff)))
                    .param("error", String.valueOf(failure.getMessage()))
                    .param("id", queued.id())
                    .update();
            log.warn(
                    "Mail {} to {} failed (attempt {}): {}",
                    queued.key(),
                    queued.to(),
                    queued.attempts(),
                    failure.getMessage());
            return false;
        }
        jdbc.sql("update mail_outbox set status = 'SENT', sent_at = :now, lease_until = null where id = :id")
                .param("now", Timestamp.from(clock.instant()))
                .param("id", queued.id())
                .update();
        return true;
    }

    /**
     * Sends a batch's mails from where the last sender got to; returns how many were sent. A mail
     * that fails backs the whole row off (it resumes at that mail); one that fails for a day of
     * tries is kept as a failed row of its own and the batch goes on. Stops if another sender has
     * taken the row (this one's lease ran out).
     */
    private int sendBatch(Queued queued) {
        MailBatch batch = batches.get(queued.batchKind());
        if (batch == null) { // a kind this node does not know: for a node that does, not a try
            jdbc.sql("""
                            update mail_outbox set status = 'QUEUED', lease_until = null, attempts = attempts - 1
                             where id = :id and lease_until = :lease
                            """)
                    .param("id", queued.id())
                    .param("lease", queued.lease())
                    .update();
            log.warn("Mail batch {} is of a kind this node cannot write: {}", queued.key(), queued.batchKind());
            return 0;
        }
        List<MailBatch.KeyedMail> mails;
        try {
            mails = batch.mails(java.util.Objects.requireNonNull(queued.batchPayload()));
        } catch (RuntimeException failure) { // cannot be written now (say, the database): the whole row backs off
            boolean giveUp = queued.attempts() >= MAX_ATTEMPTS;
            jdbc.sql("""
                            update mail_outbox set status = :status, next_attempt_at = :retry, lease_until = null,
                                   last_error = :error
                             where id = :id and lease_until = :lease
                            """)
                    .param("status", giveUp ? "FAILED" : "QUEUED")
                    .param("retry", Timestamp.from(clock.instant().plus(backoff(queued.attempts()))))
                    .param("error", "writing the batch: " + failure.getMessage())
                    .param("id", queued.id())
                    .param("lease", queued.lease())
                    .update();
            log.warn("Mail batch {} could not be written (attempt {})", queued.key(), queued.attempts(), failure);
            return 0;
        }
        Timestamp lease = queued.lease();
        int tries = queued.attempts(); // of the mail the batch is at: this claim is one
        int next = queued.batchSent();
        int sent = 0;
        while (next < mails.size()) {
            MailBatch.KeyedMail keyed = mails.get(next);
            Mail mail = keyed.mail();
            try {
                mailer.send(new Mail(
                        mail.to(),
                        mail.subject(),
                        mail.text(),
                        mail.html(),
                        messageId(keyed.key(), queued.id() + "." + next),
                        mail.unsubscribeUrl()));
                sent++;
            } catch (RuntimeException failure) {
                log.warn("Mail {} to {} failed (attempt {}): {}", keyed.key(), mail.to(), tries, failure.getMessage());
                if (tries < MAX_ATTEMPTS) {
                    jdbc.sql("""
                                    update mail_outbox set status = 'QUEUED', batch_sent = :next, attempts = :tries,
                                           next_attempt_at = :retry, lease_until = null, last_error = :error
                                     where id = :id and lease_until = :lease
                                    """)
                            .param("next", next)
                            .param("tries", tries)
                            .param("retry", Timestamp.from(clock.instant().plus(backoff(tries))))
                            .param("error", keyed.key() + ": " + failure.getMessage())
                            .param("id", queued.id())
                            .param("lease", lease)
                            .update();
                    return sent;
                }
                giveUp(keyed, tries, failure);
            }
            next++;
            tries = 1; // the next mail's first try is this claim
            if (next % PROGRESS_EVERY == 0 && next < mails.size()) {
                Timestamp renewed = Timestamp.from(clock.instant().plus(LEASE).truncatedTo(ChronoUnit.MICROS));
                int kept = jdbc.sql("""
                                update mail_outbox set batch_sent = :next, attempts = 1, lease_until = :renewed
                                 where id = :id and lease_until = :lease
                                """)
                        .param("next", next)
                        .param("renewed", renewed)
                        .param("id", queued.id())
                        .param("lease", lease)
                        .update();
                if (kept == 0) {
                    log.warn("Mail batch {} was taken by another sender at mail {}", queued.key(), next);
                    return sent;
                }
                lease = renewed;
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

    /** A batch's mail that failed for a day of tries, kept as a failed row of its own. */
    private void giveUp(MailBatch.KeyedMail keyed, int attempts, RuntimeException failure) {
        Instant now = clock.instant();
        jdbc.sql("""
                        insert into mail_outbox (dedupe_key, recipient, subject, body, html_body, unsubscribe_url,
                               status, attempts, next_attempt_at, last_error, created_at)
                        values (:key, :to, :subject, :body, :html, :unsubscribe, 'FAILED', :attempts, :now, :error, :now)
                        on conflict (dedupe_key) do nothing
                        """)
                .param("key", keyed.key())
                .param("to", keyed.mail().to())
                .param("subject", keyed.mail().subject())
                .param("body", keyed.mail().text())
                .param("html", keyed.mail().html())
                .param("unsubscribe", keyed.mail().unsubscribeUrl())
                .param("attempts", attempts)
                .param("now", Timestamp.from(now))
                .param("error", String.valueOf(failure.getMessage()))
                .update();
    }

    private String messageId(String key, String where) {
        return "<" + Integer.toHexString(key.hashCode()) + "." + where + "@" + host + ">";
    }

    private static Duration backoff(int attempts) {
        return Duration.ofSeconds(Math.min(3600, 15L << Math.min(attempts, 8)));
    }
}
