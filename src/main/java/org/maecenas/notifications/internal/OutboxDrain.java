package org.maecenas.notifications.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
 * a day of tries.
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
            int attempts) {

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
            MailProperties properties) {
        this.jdbc = jdbc;
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
                sent += send(queued) ? 1 : 0;
                from = Math.max(from, queued.id());
            }
        } while (batch.size() == BATCH);
        return sent;
    }

    private List<Queued> claim(long after) {
        Instant now = clock.instant();
        return jdbc.sql("""
                        with claimed as (
                            update mail_outbox set status = 'SENDING', lease_until = :lease, attempts = attempts + 1
                             where id in (select id from mail_outbox
                                           where (status = 'QUEUED' and next_attempt_at <= :now)
                                              or (status = 'SENDING' and lease_until < :now)
                                           order by id limit :batch for update skip locked)
                            returning id, dedupe_key, recipient, subject, body, html_body, content_id,
                                      unsubscribe_url, attempts)
                        select c.id, c.dedupe_key, c.recipient, coalesce(c.subject, m.subject),
                               coalesce(c.body, m.body), coalesce(c.html_body, m.html_body), c.unsubscribe_url,
                               c.attempts
                          from claimed c left join mail_contents m on m.id = c.content_id
                         order by c.id
                        """)
                .param("lease", Timestamp.from(now.plus(LEASE)))
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
                        rs.getInt(8)))
                .list();
    }

    private boolean send(Queued queued) {
        String messageId = "<" + Integer.toHexString(queued.key().hashCode()) + "." + queued.id() + "@" + host + ">";
        try {
            mailer.send(queued.mail(messageId));
        } catch (RuntimeException failure) {
            boolean giveUp = queued.attempts() >= MAX_ATTEMPTS;
            Duration backoff = Duration.ofSeconds(Math.min(3600, 15L << Math.min(queued.attempts(), 8)));
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
}
