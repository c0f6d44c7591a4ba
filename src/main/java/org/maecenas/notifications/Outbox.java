package org.maecenas.notifications;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.maecenas.notifications.internal.OutboxDrain;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Queues mail in the caller's transaction: it is sent only if that transaction commits, once per
 * key, and not lost if the process dies before sending (a task drains the queue on any node).
 */
@Service
public class Outbox {

    /**
     * Stands in a shared text for each recipient's own unsubscribe link; the drain puts the link in
     * when it sends. Private-use characters, so no text a person wrote contains it by chance.
     */
    public static final String UNSUBSCRIBE_LINK = "\uE000unsubscribe\uE000";

    /** One recipient of a mail to many: its dedupe key, address and one-click unsubscribe link. */
    public record Recipient(String key, String to, String unsubscribeUrl) {}

    private final JdbcClient jdbc;
    private final OutboxDrain drain;
    private final Clock clock;

    Outbox(JdbcClient jdbc, OutboxDrain drain, Clock clock) {
        this.jdbc = jdbc;
        this.drain = drain;
        this.clock = clock;
    }

    /** Queues a mail under a key; a second mail with the same key is ignored. */
    @Transactional
    public void enqueue(String key, Mail mail) {
        enqueue(key, mail, null);
    }

    @Transactional
    public void enqueue(String key, Mail mail, @Nullable String unsubscribeUrl) {
        List<Long> added = jdbc.sql("""
                        insert into mail_outbox (dedupe_key, recipient, subject, body, unsubscribe_url, status,
                               next_attempt_at, created_at)
                        values (:key, :to, :subject, :body, :unsubscribe, 'QUEUED', :now, :now)
                        on conflict (dedupe_key) do nothing returning id
                        """)
                .param("key", key)
                .param("to", mail.to())
                .param("subject", mail.subject())
                .param("body", mail.text())
                .param("unsubscribe", unsubscribeUrl)
                .param("now", Timestamp.from(clock.instant()))
                .query(Long.class)
                .list();
        if (!added.isEmpty()) {
            drainAfterCommit();
        }
    }

    /**
     * Queues mails to many as one row: {@code payload} is what happened, and the drain has the
     * mail batch of {@code kind} write each mail from it when it sends them. A second batch with the
     * same key is ignored.
     */
    @Transactional
    public void enqueueBatch(String key, String kind, String payload) {
        List<Long> added = jdbc.sql("""
                        insert into mail_outbox (dedupe_key, batch_kind, batch_payload, status, next_attempt_at,
                               created_at)
                        values (:key, :kind, :payload, 'QUEUED', :now, :now)
                        on conflict (dedupe_key) do nothing returning id
                        """)
                .param("key", key)
                .param("kind", kind)
                .param("payload", payload)
                .param("now", Timestamp.from(clock.instant()))
                .query(Long.class)
                .list();
        if (!added.isEmpty()) {
            drainAfterCommit();
        }
    }

    /**
     * Keeps the text of a mail to many once, under a key; asked again with the key, returns the
     * first one's id (its text unchanged). The text may hold {@link #UNSUBSCRIBE_LINK}.
     */
    @Transactional
    public long content(String key, String subject, String text, @Nullable String html) {
        jdbc.sql("""
                        insert into mail_contents (content_key, subject, body, html_body, created_at)
                        values (:key, :subject, :body, :html, :now)
                        on conflict (content_key) do nothing
                        """)
                .param("key", key)
                .param("subject", subject)
                .param("body", text)
                .param("html", html)
                .param("now", Timestamp.from(clock.instant()))
                .update();
        return jdbc.sql("select id from mail_contents where content_key = :key")
                .param("key", key)
                .query(Long.class)
                .single();
    }

    /**
     * Queues the shared text to each recipient in one statement; a recipient whose key is queued
     * or sent already is skipped (one withdrawn is queued again). Returns how many were queued.
     */
    @Transactional
    public int enqueueAll(long contentId, List<Recipient> recipients) {
        if (recipients.isEmpty()) {
            return 0;
        }
        int added = jdbc.sql("""
                        insert into mail_outbox (dedupe_key, recipient, content_id, unsubscribe_url, status,
                               next_attempt_at, created_at)
                        select r.key, r.recipient, :content, r.unsubscribe, 'QUEUED', :now, :now
                          from unnest(cast(:keys as text[]), cast(:recipients as text[]), cast(:unsubscribes as text[]))
                               as r (key, recipient, unsubscribe)
                        on conflict (dedupe_key) do update
                           set status = 'QUEUED', recipient = excluded.recipient, content_id = excluded.content_id,
                               unsubscribe_url = excluded.unsubscribe_url, attempts = 0,
                               next_attempt_at = excluded.next_attempt_at, last_error = null
                         where mail_outbox.status = 'CANCELLED'
                        """)
                .param("content", contentId)
                .param("keys", recipients.stream().map(Recipient::key).toArray(String[]::new))
                .param("recipients", recipients.stream().map(Recipient::to).toArray(String[]::new))
                .param(
                        "unsubscribes",
                        recipients.stream().map(Recipient::unsubscribeUrl).toArray(String[]::new))
                .param("now", Timestamp.from(clock.instant()))
                .update();
        if (added > 0) {
            drainAfterCommit();
        }
        return added;
    }

    /**
     * Withdraws queued mail whose key starts with {@code keyPrefix}, so that it is not sent (mail
     * already handed to a sender goes on). Returns how many were withdrawn.
     */
    @Transactional
    public int withdraw(String keyPrefix) {
        return jdbc.sql("""
                        update mail_outbox set status = 'CANCELLED', lease_until = null
                         where status = 'QUEUED' and starts_with(dedupe_key, :prefix)
                        """).param("prefix", keyPrefix).update();
    }

    private void drainAfterCommit() {
        // send soon after commit rather than at the next scheduled drain
        drain.soonAfterCommit();
    }
}
