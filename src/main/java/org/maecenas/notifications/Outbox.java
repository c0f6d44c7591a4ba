package org.maecenas.notifications;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.maecenas.notifications.internal.OutboxDrain;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Queues mail in the caller's transaction: it is sent only if that transaction commits, once per
 * key, and not lost if the process dies before sending (a task drains the queue on any node).
 */
@Service
public class Outbox {

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
        drainAfterCommit(added);
    }

    /**
     * Queues many mails (key → mail) in one statement, as {@link #enqueue(String, Mail)} queues one:
     * keys queued before are ignored.
     */
    @Transactional
    public void enqueueAll(Map<String, Mail> mails) {
        if (mails.isEmpty()) {
            return;
        }
        List<Long> added = jdbc.sql("""
                        insert into mail_outbox (dedupe_key, recipient, subject, body, status, next_attempt_at,
                               created_at)
                        select x.key, x.recipient, x.subject, x.body, 'QUEUED', :now, :now
                          from unnest(cast(:keys as text[]), cast(:recipients as text[]), cast(:subjects as text[]),
                                      cast(:bodies as text[])) as x(key, recipient, subject, body)
                        on conflict (dedupe_key) do nothing returning id
                        """)
                .param("keys", mails.keySet().toArray(String[]::new))
                .param("recipients", mails.values().stream().map(Mail::to).toArray(String[]::new))
                .param("subjects", mails.values().stream().map(Mail::subject).toArray(String[]::new))
                .param("bodies", mails.values().stream().map(Mail::text).toArray(String[]::new))
                .param("now", Timestamp.from(clock.instant()))
                .query(Long.class)
                .list();
        drainAfterCommit(added);
    }

    /** Sends the rows just queued (and what follows them) soon after commit, not at the next scheduled drain. */
    private void drainAfterCommit(List<Long> added) {
        if (!added.isEmpty() && TransactionSynchronizationManager.isSynchronizationActive()) {
            long after = added.stream().mapToLong(Long::longValue).min().orElseThrow() - 1;
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    drain.soon(after);
                }
            });
        }
    }
}
