package org.maecenas.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.maecenas.accounts.Accounts;
import org.maecenas.accounts.User;
import org.maecenas.testing.GreenMailTest;
import org.maecenas.testing.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Mail through a real SMTP server (GreenMail) when {@code SMTP_URL} is set, seen from a real HTTP
 * client.
 */
class SmtpMailTests extends GreenMailTest {

    @Autowired
    Accounts accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Outbox outbox;

    @Autowired
    org.maecenas.notifications.internal.OutboxDrain drain;

    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;

    final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @Test
    void aPasswordResetRequestSendsARealMessageWithAWorkingLinkToTheAccount() throws Exception {
        User user = accounts.createVerified(TestUsers.uniqueEmail("smtp"), "Simone Smtp", TestUsers.PASSWORD);

        HttpResponse<String> answer = postForm("/password-reset", "email", user.email());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("we sent it a link to choose a new password");
        List<MimeMessage> received = await().atMost(Duration.ofSeconds(10))
                .until(() -> receivedBy(user.email()), messages -> !messages.isEmpty());
        assertThat(received).hasSize(1);
        MimeMessage message = received.getFirst();
        assertThat(message.getRecipients(RecipientType.TO)).containsExactly(new InternetAddress(user.email()));
        assertThat(message.getFrom()).containsExactly(new InternetAddress("Maecenas <no-reply@maecenas.localhost>"));
        assertThat(message.getSubject()).isEqualTo("Reset your Maecenas password");
        String body = ((String) message.getContent()).replace("\r\n", "\n");
        assertThat(body).startsWith("Hello Simone Smtp,\n");
        Matcher link = Pattern.compile("http://localhost(/password-reset/confirm\\?token=[A-Za-z0-9_-]{43})\\n")
                .matcher(body);
        assertThat(link.find()).as(body).isTrue();

        HttpResponse<String> form = get(link.group(1));
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("Choose a new password");
        assertThat(jdbc.sql("select count(*) from dev_mailbox")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void theDevelopmentMailboxIsGoneWhenSmtpIsConfigured() throws Exception {
        HttpResponse<String> mailbox = get("/dev/mailbox");

        assertThat(mailbox.statusCode()).isEqualTo(404);
        assertThat(mailbox.body()).contains("We couldn’t find that page");
        assertThat(get("/").body()).doesNotContain("/dev/mailbox");
    }

    @Test
    void aFormPostedWithoutItsCsrfTokenGetsTheDesignedForbiddenPageAndWritesNothing() throws Exception {
        String email = TestUsers.uniqueEmail("forged");
        HttpRequest forged = HttpRequest.newBuilder(uri("/signup"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(
                        form("email", email, "displayName", "Forged", "password", "a long enough passphrase")))
                .build();

        HttpResponse<String> response = http.send(forged, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body())
                .contains("<p class=\"error-status\">Error 403</p>")
                .contains("This page isn’t open to you")
                .doesNotContain("Exception");
        assertThat(accounts.findByEmail(email)).isEmpty();
    }

    @Test
    void signingUpOverHttpSetsAnHttpOnlySameSiteSessionCookie() throws Exception {
        String email = TestUsers.uniqueEmail("cookie");

        HttpResponse<String> response = postForm(
                "/signup", "email", email, "displayName", "Cookie Monster", "password", "a long enough passphrase");

        assertThat(response.statusCode()).isEqualTo(302);
        List<String> session = response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("SESSION="))
                .toList();
        assertThat(session).hasSize(1);
        assertThat(session.getFirst()).contains("; HttpOnly").contains("; SameSite=Lax");
        assertThat(get("/settings/account").body()).contains(">Cookie Monster</a>");
    }

    private static List<MimeMessage> receivedBy(String email) {
        return greenMail
                .findReceivedMessages(user -> user.getEmail().equalsIgnoreCase(email), message -> true)
                .toList();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(path)).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Posts a form as a browser would: with the CSRF token from the page that holds the form. */
    private HttpResponse<String> postForm(String path, String... fields) throws Exception {
        Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
                .matcher(get(path).body());
        assertThat(token.find()).as("a CSRF field on " + path).isTrue();
        String[] withToken = java.util.Arrays.copyOf(fields, fields.length + 2);
        withToken[fields.length] = "_csrf";
        withToken[fields.length + 1] = token.group(1);
        return http.send(
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Accept", "text/html")
                        .POST(HttpRequest.BodyPublishers.ofString(form(withToken)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String form(String... fields) {
        StringBuilder form = new StringBuilder();
        for (int i = 0; i < fields.length; i += 2) {
            if (!form.isEmpty()) {
                form.append('&');
            }
            form.append(URLEncoder.encode(fields[i], StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
        }
        return form.toString();
    }

    @Test
    void aMailQueuedTwiceUnderOneKeyIsSentOnceWithAStableMessageId() throws Exception {
        String to = TestUsers.uniqueEmail("outbox");
        Mail mail = new Mail(to, "Queued once", "Hello from the outbox.");
        transactions.executeWithoutResult(tx -> {
            outbox.enqueue("test:" + to, mail);
            outbox.enqueue("test:" + to, mail);
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> messagesTo(to).size() == 1);
        drain.drain();
        assertThat(messagesTo(to)).hasSize(1);
        String messageId = messagesTo(to).getFirst().getMessageID();
        assertThat(messageId).matches("<[0-9a-f]+\\.\\d+@localhost>");

        // a sender that died after the server took the mail: its lease runs out and it is sent again,
        // with the same Message-ID, so mail clients show one mail
        jdbc.sql(
                        "update mail_outbox set status = 'SENDING', lease_until = now() - interval '1 minute' where recipient = :to")
                .param("to", to)
                .update();
        drain.drain();
        assertThat(messagesTo(to)).hasSize(2);
        assertThat(messagesTo(to).get(1).getMessageID()).isEqualTo(messageId);
    }

    private List<MimeMessage> messagesTo(String to) throws Exception {
        List<MimeMessage> found = new java.util.ArrayList<>();
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            if (message.getRecipients(RecipientType.TO)[0].toString().equals(to)) {
                found.add(message);
            }
        }
        return found;
    }
}
