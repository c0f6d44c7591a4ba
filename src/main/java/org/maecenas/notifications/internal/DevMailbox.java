package org.maecenas.notifications.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.maecenas.notifications.Mail;
import org.maecenas.notifications.Mailer;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Keeps mail in the database instead of sending it, for a laptop or a demo with no SMTP server. */
public class DevMailbox implements Mailer {

    /** A kept message. */
    public record KeptMail(long id, String to, String subject, String text, Instant sentAt) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    DevMailbox(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void send(Mail mail) {
        jdbc.sql("insert into dev_mailbox (recipient, subject, body, sent_at) values (:to, :subject, :body, :at)")
                .param("to", mail.to())
                .param("subject", mail.subject())
                .param("body", mail.text())
                .param("at", Timestamp.from(clock.instant()))
                .update();
    }

    public List<KeptMail> latest(int limit) {
        return jdbc.sql("select id, recipient, subject, body, sent_at from dev_mailbox order by id desc limit :limit")
                .param("limit", limit)
                .query((rs, n) -> new KeptMail(
                        rs.getLong("id"),
                        rs.getString("recipient"),
                        rs.getString("subject"),
                        rs.getString("body"),
                        rs.getTimestamp("sent_at").toInstant()))
                .list();
    }

    public Optional<KeptMail> find(long id) {
        return jdbc.sql("select id, recipient, subject, body, sent_at from dev_mailbox where id = :id")
                .param("id", id)
                .query((rs, n) -> new KeptMail(
                        rs.getLong("id"),
                        rs.getString("recipient"),
                        rs.getString("subject"),
                        rs.getString("body"),
                        rs.getTimestamp("sent_at").toInstant()))
                .optional();
    }
}
