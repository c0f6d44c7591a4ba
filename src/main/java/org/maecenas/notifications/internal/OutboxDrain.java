package org.maecenas.notifications.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
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
 * {@value #MAX_ATTEMPTS} tries (about five hours). Batch rows ({@link MailBatch}, many mails written
 * as they are sent) are claimed one at a time after the plain ones; {@link MailBatchSender} sends
 * them.
 */
@Component
public class OutboxDrain {

    private static final Logger log = LoggerFactory.getLogger(OutboxDrain.class);
    static final int BATCH = 50;
    static final int MAX_ATTEMPTS = 12;
    static final Duration LEASE = Duration.ofMinutes(5);

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
    private final MailBatchSender batches;
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
        this.sendSoon = properties.sendSoon();
        this.mailer = mailer;
        this.clock = clock;
        this.host = java.net.URI.create(site.baseUrl()).getHost() == null
                ? "maecenas.localhost"
                : java.net.URI.create(site.baseUrl()).getHost();
        this.batches = new MailBatchSender(
                jdbc, mailer, clock, batches.stream().collect(Collectors.toMap(MailBatch::kind, b -> b)), host);
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
     * each claim starts after the last one's ids, so a long queue is walked once rather than from its
     * start per claim; what falls due behind the pass meanwhile is sent by a later drain. Plain rows
     * are claimed {@value #BATCH} at a time, then batch rows one at a time (each is many mails, so each
     * gets a lease of its own).
     */
    int drain(long after) {
        int sent = 0;
        long from = after;
        List<Queued> claimed;
        do {
            claimed = claim(from, false, BATCH);
            for (Queued queued : claimed) {
                sent += send(queued) ? 1 : 0;
                from = Math.max(from, queued.id());
            }
        } while (claimed.size() == BATCH);
        from = after;
        for (List<Queued> batch; !(batch = claim(from, true, 1)).isEmpty(); ) {
            sent += batches.send(batch.getFirst());
            from = batch.getFirst().id();
        }
        return sent;
    }

    private List<Queued> claim(long after, boolean batchRows, int limit) {
        Instant now = clock.instant();
        Timestamp lease = Timestamp.from(now.plus(LEASE).truncatedTo(ChronoUnit.MICROS));
        return jdbc.sql("""
                        with claimed as (
                            update mail_outbox set status = 'SENDING', lease_until = :lease, attempts = attempts + 1
                             where id in (select id from mail_outbox
                                           where id > :after and (batch_kind is not null) = :batchRows
                                             and ((status = 'QUEUED' and next_attempt_at <= :now)
                                                  or (status = 'SENDING' and lease_until < :now))
                                           order by id limit :limit for update skip locked)
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
                .param("batchRows", batchRows)
                .param("limit", limit)
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
        String messageId = messageId(host, queued.key(), Long.toString(queued.id()));
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

    /** A Message-ID that stays the same however often the mail under {@code key} is sent from one place. */
    static String messageId(String host, String key, String where) {
        return "<" + Integer.toHexString(key.hashCode()) + "." + where + "@" + host + ">";
    }

    static Duration backoff(int attempts) {
        return Duration.ofSeconds(Math.min(3600, 15L << Math.min(attempts, 8)));
    }
}
