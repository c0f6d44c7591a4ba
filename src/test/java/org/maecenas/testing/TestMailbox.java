package org.maecenas.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads the development mailbox ({@code dev_mailbox}), where mail lands when no SMTP server is
 * configured. Mail is sent by listeners after the transaction commits, on another thread, so
 * reading waits for it.
 */
@Component
public class TestMailbox {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    /** A kept message. */
    public record KeptMail(long id, String to, String subject, String body) {

        /** The one link in the body that starts with {@code http://localhost} + {@code path}. */
        public String link(String path) {
            Matcher links = Pattern.compile(Pattern.quote("http://localhost" + path) + "\\S*")
                    .matcher(body);
            if (!links.find()) {
                throw new AssertionError("no link to " + path + " in:\n" + body);
            }
            return links.group();
        }

        /** The link's path and query, as MockMvc takes it. */
        public String linkPath(String path) {
            return link(path).substring("http://localhost".length());
        }

        /** The value of {@code token=} in the link. */
        public String token(String path) {
            return link(path).replaceFirst(".*[?&]token=([^&\\s]+).*", "$1");
        }
    }

    private final JdbcClient jdbc;

    TestMailbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every mail kept for this recipient, oldest first. */
    public List<KeptMail> to(String recipient) {
        return jdbc.sql("select id, recipient, subject, body from dev_mailbox where recipient = :to order by id")
                .param("to", recipient)
                .query((rs, n) -> new KeptMail(
                        rs.getLong("id"), rs.getString("recipient"), rs.getString("subject"), rs.getString("body")))
                .list();
    }

    /** Waits for a mail to this recipient whose subject contains the text, and returns the newest such. */
    public KeptMail awaitMail(String recipient, String subjectContains) {
        return await().atMost(PATIENCE)
                .until(() -> withSubject(recipient, subjectContains), mails -> !mails.isEmpty())
                .getLast();
    }

    public List<KeptMail> withSubject(String recipient, String subjectContains) {
        return to(recipient).stream()
                .filter(m -> m.subject().contains(subjectContains))
                .toList();
    }

    /**
     * Waits until every event published so far has been handled, so that "no mail was sent" can be
     * asserted: nothing is still on its way.
     */
    public void awaitAllSent() {
        await().atMost(PATIENCE)
                .until(() -> jdbc.sql("select count(*) from event_publication where completion_date is null")
                                .query(Long.class)
                                .single()
                        == 0);
    }
}
