package org.maecenas.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.maecenas.testing.MaecenasTest;
import org.maecenas.testing.MockVisitor;
import org.maecenas.testing.MutableClock;
import org.maecenas.testing.TestMailbox;
import org.maecenas.testing.TestMailbox.KeptMail;
import org.maecenas.testing.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/** Forgotten passwords, through the pages and the link in the mail. */
@MaecenasTest
class PasswordResetTests {

    static final String NEW_PASSWORD = "a brand new passphrase";
    static final String RESET_SUBJECT = "Reset your Maecenas password";
    static final String CHANGED_SUBJECT = "Your Maecenas password was changed";

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    TestMailbox mailbox;

    @Autowired
    MutableClock clock;

    @Autowired
    Accounts accounts;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void theAnswerNeverRevealsWhetherAnAccountExistsAndOnlyAnAccountGetsMail() throws Exception {
        User user = users.create("reset-known");
        String unknown = TestUsers.uniqueEmail("reset-unknown");

        MockHttpServletResponse known = new MockVisitor(mvc).post("/password-reset", "email", user.email());
        MockHttpServletResponse nobody = new MockVisitor(mvc).post("/password-reset", "email", unknown);

        assertThat(known.getStatus()).isEqualTo(200);
        assertThat(nobody.getStatus()).isEqualTo(200);
        assertThat(known.getContentAsString())
                .contains("If an account uses <strong>" + user.email() + "</strong>, we sent it a link");
        assertThat(comparable(known, user.email())).isEqualTo(comparable(nobody, unknown));

        KeptMail mail = mailbox.awaitMail(user.email(), RESET_SUBJECT);
        assertThat(mail.body())
                .startsWith("Hello " + user.displayName() + ",")
                .contains("http://localhost/password-reset/confirm?token=");
        mailbox.awaitAllSent();
        assertThat(mailbox.to(unknown)).isEmpty();
    }

    @Test
    void theAddressIsMatchedWhateverItsCaseAndTheMailGoesToTheAccountsAddress() throws Exception {
        User user = users.create("reset-case");

        new MockVisitor(mvc).post("/password-reset", "email", " " + user.email().toUpperCase(java.util.Locale.ROOT));

        assertThat(mailbox.awaitMail(user.email(), RESET_SUBJECT).to()).isEqualTo(user.email());
    }

    @Test
    void aMalformedAddressIsRefusedBesideTheField() throws Exception {
        MockHttpServletResponse response = new MockVisitor(mvc).post("/password-reset", "email", "not an address");

        assertThat(response.getStatus()).isEqualTo(422);
        assertThat(response.getContentAsString())
                .contains(
                        "<p class=\"field-error\" id=\"email-error\">Enter an email address like name@example.com.</p>");
    }

    @Test
    void theLinkFromTheMailSetsTheNewPasswordOnceAndTellsTheOwner() throws Exception {
        User user = users.create("reset-flow");
        KeptMail mail = requestReset(user);
        String token = mail.token("/password-reset/confirm");
        MockVisitor browser = new MockVisitor(mvc);

        MockHttpServletResponse form = browser.get(mail.linkPath("/password-reset/confirm"));
        assertThat(form.getStatus()).isEqualTo(200);
        assertThat(form.getContentAsString())
                .contains("Choose a new password")
                .contains("<input type=\"hidden\" name=\"token\" value=\"" + token + "\">");

        MockHttpServletResponse done =
                browser.post("/password-reset/confirm", "token", token, "password", NEW_PASSWORD);
        assertThat(done.getStatus()).isEqualTo(302);
        assertThat(done.getRedirectedUrl()).isEqualTo("/login");
        assertThat(browser.follow(done).getContentAsString())
                .contains("Your password has been changed. Sign in with the new one.");

        assertThat(new MockVisitor(mvc).signIn(user.email(), TestUsers.PASSWORD).getRedirectedUrl())
                .isEqualTo("/login?error");
        assertThat(new MockVisitor(mvc).signIn(user.email(), NEW_PASSWORD).getRedirectedUrl())
                .isEqualTo("/");

        KeptMail changed = mailbox.awaitMail(user.email(), CHANGED_SUBJECT);
        assertThat(changed.body()).contains("every other device was signed out");

        MockHttpServletResponse again = browser.get(mail.linkPath("/password-reset/confirm"));
        assertThat(again.getStatus()).isEqualTo(410);
        assertThat(again.getContentAsString()).contains("This link has already been used.");
        MockHttpServletResponse replay =
                browser.post("/password-reset/confirm", "token", token, "password", "yet another passphrase");
        assertThat(replay.getStatus()).isEqualTo(410);
        assertThat(new MockVisitor(mvc).signIn(user.email(), NEW_PASSWORD).getRedirectedUrl())
                .isEqualTo("/");
    }

    @Test
    void aLinkWorksForAnHourAndThenExpires() throws Exception {
        User user = users.create("reset-expiry");
        KeptMail mail = requestReset(user);
        String token = mail.token("/password-reset/confirm");

        clock.advance(Duration.ofMinutes(59));
        assertThat(new MockVisitor(mvc)
                        .get(mail.linkPath("/password-reset/confirm"))
                        .getStatus())
                .isEqualTo(200);

        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        MockHttpServletResponse page = new MockVisitor(mvc).get(mail.linkPath("/password-reset/confirm"));
        assertThat(page.getStatus()).isEqualTo(410);
        assertThat(page.getContentAsString()).contains("This link has expired. Ask for a new one.");

        MockHttpServletResponse post =
                new MockVisitor(mvc).post("/password-reset/confirm", "token", token, "password", NEW_PASSWORD);
        assertThat(post.getStatus()).isEqualTo(410);
        assertThat(new MockVisitor(mvc).signIn(user.email(), TestUsers.PASSWORD).getRedirectedUrl())
                .isEqualTo("/");
    }

    @Test
    void aGarbageTokenIsNotValid() throws Exception {
        for (String token : new String[] {"garbage", "A".repeat(43), ""}) {
            MockHttpServletResponse page = new MockVisitor(mvc).get("/password-reset/confirm?token=" + token);
            assertThat(page.getStatus()).as(token).isEqualTo(404);
            assertThat(page.getContentAsString())
                    .as(token)
                    .contains("This link is not valid. Check that you copied all of it, or ask for a new one.");
        }
        MockHttpServletResponse post =
                new MockVisitor(mvc).post("/password-reset/confirm", "token", "A".repeat(43), "password", NEW_PASSWORD);
        assertThat(post.getStatus()).isEqualTo(404);
    }

    @Test
    void aTooShortPasswordIsRefusedBesideTheFieldAndTheLinkStaysUsable() throws Exception {
        User user = users.create("reset-short");
        String token = requestReset(user).token("/password-reset/confirm");
        MockVisitor browser = new MockVisitor(mvc);

        MockHttpServletResponse refused =
                browser.post("/password-reset/confirm", "token", token, "password", "too short");

        assertThat(refused.getStatus()).isEqualTo(422);
        assertThat(refused.getContentAsString())
                .contains("<p class=\"field-error\" id=\"password-error\">Use at least 10 characters.</p>")
                .contains("<input type=\"hidden\" name=\"token\" value=\"" + token + "\">");
        assertThat(browser.post("/password-reset/confirm", "token", token, "password", NEW_PASSWORD)
                        .getRedirectedUrl())
                .isEqualTo("/login");
        assertThat(new MockVisitor(mvc).signIn(user.email(), NEW_PASSWORD).getRedirectedUrl())
                .isEqualTo("/");
    }

    @Test
    void aResetSignsOutEverySessionAndForgetsRememberMe() throws Exception {
        User user = users.create("reset-revoke");
        MockVisitor laptop = new MockVisitor(mvc);
        laptop.signInRemembered(user.email(), TestUsers.PASSWORD);
        MockVisitor phone = new MockVisitor(mvc);
        phone.signIn(user.email(), TestUsers.PASSWORD);
        assertThat(sessionsOf(user)).isEqualTo(2);
        assertThat(rememberMeTokensOf(user)).isEqualTo(1);
        MockVisitor rememberedLaptop = laptop.withOnly(MockVisitor.REMEMBER_ME_COOKIE);

        String token = requestReset(user).token("/password-reset/confirm");
        new MockVisitor(mvc).post("/password-reset/confirm", "token", token, "password", NEW_PASSWORD);

        assertThat(sessionsOf(user)).isZero();
        assertThat(rememberMeTokensOf(user)).isZero();
        assertThat(laptop.get("/settings/account").getRedirectedUrl()).endsWith("/login");
        assertThat(phone.get("/settings/account").getRedirectedUrl()).endsWith("/login");
        assertThat(rememberedLaptop.get("/settings/account").getRedirectedUrl()).endsWith("/login");
    }

    @Test
    void aResetDoneInASignedInBrowserSignsItOutAndStillShowsTheNotice() throws Exception {
        User user = users.create("reset-same-browser");
        MockVisitor browser = new MockVisitor(mvc);
        browser.signIn(user.email(), TestUsers.PASSWORD);
        String token = requestReset(user).token("/password-reset/confirm");

        MockHttpServletResponse done =
                browser.post("/password-reset/confirm", "token", token, "password", NEW_PASSWORD);

        assertThat(done.getRedirectedUrl()).isEqualTo("/login");
        MockHttpServletResponse login = browser.follow(done);
        assertThat(login.getStatus()).isEqualTo(200);
        assertThat(login.getContentAsString())
                .contains("Your password has been changed. Sign in with the new one.")
                .doesNotContain("Sign out");
        assertThat(sessionsOf(user)).isZero();
        assertThat(browser.get("/settings/account").getRedirectedUrl()).endsWith("/login");
    }

    @Test
    void anAccountGetsAtMostThreeResetMailsAnHourAndOnlyTheNewestLinkWorks() throws Exception {
        User user = users.create("reset-limit");

        for (int i = 0; i < 4; i++) {
            assertThat(new MockVisitor(mvc)
                            .post("/password-reset", "email", user.email())
                            .getStatus())
                    .isEqualTo(200);
        }
        mailbox.awaitAllSent();

        // mail goes out on another thread, so the mails need not arrive in the order they were asked for
        var mails = mailbox.withSubject(user.email(), RESET_SUBJECT);
        assertThat(mails).hasSize(3);
        byte[] newest = jdbc.sql("""
                        select token_hash from email_tokens
                         where user_id = :user and purpose = 'PASSWORD_RESET' order by id desc limit 1
                        """)
                .param("user", user.id().value())
                .query(byte[].class)
                .single();
        for (KeptMail mail : mails) {
            int expected = Arrays.equals(sha256(mail.token("/password-reset/confirm")), newest) ? 200 : 410;
            assertThat(new MockVisitor(mvc)
                            .get(mail.linkPath("/password-reset/confirm"))
                            .getStatus())
                    .isEqualTo(expected);
        }
        assertThat(mails)
                .filteredOn(m -> Arrays.equals(sha256(m.token("/password-reset/confirm")), newest))
                .hasSize(1);

        clock.advance(Duration.ofMinutes(61));
        new MockVisitor(mvc).post("/password-reset", "email", user.email());
        mailbox.awaitAllSent();
        assertThat(mailbox.withSubject(user.email(), RESET_SUBJECT)).hasSize(4);
    }

    private KeptMail requestReset(User user) throws Exception {
        int before = mailbox.withSubject(user.email(), RESET_SUBJECT).size();
        new MockVisitor(mvc).post("/password-reset", "email", user.email());
        return org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> mailbox.withSubject(user.email(), RESET_SUBJECT), mails -> mails.size() > before)
                .getLast();
    }

    /** The page with what differs by nature (the typed address, CSRF tokens) taken out. */
    private static String comparable(MockHttpServletResponse response, String email) throws Exception {
        return response.getContentAsString().replace(email, "EMAIL").replaceAll("[A-Za-z0-9_-]{64,}", "TOKEN");
    }

    private long sessionsOf(User user) {
        return jdbc.sql("select count(*) from spring_session where principal_name = :email")
                .param("email", user.email())
                .query(Long.class)
                .single();
    }

    private long rememberMeTokensOf(User user) {
        return jdbc.sql("select count(*) from persistent_logins where username = :email")
                .param("email", user.email())
                .query(Long.class)
                .single();
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
