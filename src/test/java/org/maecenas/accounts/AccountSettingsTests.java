package org.maecenas.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.maecenas.testing.MaecenasTest;
import org.maecenas.testing.MockVisitor;
import org.maecenas.testing.TestMailbox;
import org.maecenas.testing.TestMailbox.KeptMail;
import org.maecenas.testing.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/** /settings/account: the name, the email (confirmed by a link to the new address) and the password. */
@MaecenasTest
class AccountSettingsTests {

    static final String NEW_PASSWORD = "another long passphrase";

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    TestMailbox mailbox;

    @Autowired
    Accounts accounts;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anonymousVisitorsAreSentToSignIn() throws Exception {
        MockVisitor anonymous = new MockVisitor(mvc);

        assertThat(anonymous.get("/settings/account").getRedirectedUrl()).endsWith("/login");
        assertThat(anonymous
                        .post("/settings/account/name", "displayName", "Intruder")
                        .getRedirectedUrl())
                .endsWith("/login");
    }

    @Test
    void theNameChangesAndTheNavigationShowsTheNewOne() throws Exception {
        User user = users.create("rename");
        MockVisitor browser = signedIn(user);

        MockHttpServletResponse response = browser.post("/settings/account/name", "displayName", "  Grace Hopper ");

        assertThat(response.getRedirectedUrl()).isEqualTo("/settings/account");
        assertThat(accounts.require(user.id()).displayName()).isEqualTo("Grace Hopper");
        String page = browser.follow(response).getContentAsString();
        assertThat(page).contains("Your name has been changed.").contains(">Grace Hopper</a>");
        assertThat(browser.get("/").getContentAsString()).contains(">Grace Hopper</a>");
    }

    @Test
    void anEmptyOrTooLongNameIsRefusedBesideTheField() throws Exception {
        User user = users.create("rename-bad");
        MockVisitor browser = signedIn(user);

        MockHttpServletResponse empty = browser.post("/settings/account/name", "displayName", " ");
        MockHttpServletResponse tooLong = browser.post("/settings/account/name", "displayName", "L".repeat(81));

        assertThat(empty.getStatus()).isEqualTo(422);
        assertThat(empty.getContentAsString()).contains(fieldError("displayName", "Enter the name people will see."));
        assertThat(tooLong.getStatus()).isEqualTo(422);
        assertThat(tooLong.getContentAsString())
                .contains(fieldError("displayName", "Use at most 80 characters."))
                .contains("value=\"" + "L".repeat(81) + "\"");
        assertThat(accounts.require(user.id()).displayName()).isEqualTo(user.displayName());
    }

    @Test
    void changingTheEmailNeedsTheCurrentPassword() throws Exception {
        User user = users.create("email-pw");
        MockVisitor browser = signedIn(user);
        String wanted = TestUsers.uniqueEmail("wanted");

        MockHttpServletResponse response =
                browser.post("/settings/account/email", "email", wanted, "emailPassword", "not my password");

        assertThat(response.getStatus()).isEqualTo(422);
        assertThat(response.getContentAsString())
                .contains(fieldError("emailPassword", "That is not your current password."))
                .doesNotContain("id=\"currentPassword-error\"")
                .contains("value=\"" + wanted + "\"");
        mailbox.awaitAllSent();
        assertThat(mailbox.to(wanted)).isEmpty();
    }

    @Test
    void anAddressInUseIsRefused() throws Exception {
        User user = users.create("email-taken");
        User other = users.create("email-owner");
        MockVisitor browser = signedIn(user);

        MockHttpServletResponse response = browser.post(
                "/settings/account/email",
                "email",
                other.email().toUpperCase(Locale.ROOT),
                "emailPassword",
                TestUsers.PASSWORD);

        assertThat(response.getStatus()).isEqualTo(422);
        assertThat(response.getContentAsString())
                .contains(fieldError(
                        "email", "An account with this email already exists. Sign in, or reset your password."));
        assertThat(accounts.require(user.id()).email()).isEqualTo(user.email());
    }

    @Test
    void theAddressChangesOnlyWhenTheLinkSentToTheNewAddressIsConfirmedOnce() throws Exception {
        User user = users.create("email-change");
        MockVisitor browser = signedIn(user);
        String wanted = TestUsers.uniqueEmail("moved");

        MockHttpServletResponse response =
                browser.post("/settings/account/email", "email", wanted, "emailPassword", TestUsers.PASSWORD);

        assertThat(response.getRedirectedUrl()).isEqualTo("/settings/account");
        assertThat(browser.follow(response).getContentAsString())
                .contains("We sent a link to " + wanted + ". Your address changes when you open it.");
        KeptMail mail = mailbox.awaitMail(wanted, "Confirm your email address");
        assertThat(mail.body()).contains("You asked to use this address for your Maecenas account.");
        assertThat(mailbox.withSubject(user.email(), "Confirm your email address"))
                .isEmpty();
        assertThat(accounts.require(user.id()).email()).isEqualTo(user.email());

        String token = mail.token("/verify-email");
        MockHttpServletResponse confirmed = new MockVisitor(mvc).post("/verify-email", "token", token);

        assertThat(confirmed.getStatus()).isEqualTo(200);
        assertThat(confirmed.getContentAsString())
                .contains("<strong>" + wanted + "</strong> is confirmed for your account.");
        User changed = accounts.require(user.id());
        assertThat(changed.email()).isEqualTo(wanted);
        assertThat(changed.emailVerified()).isTrue();
        assertThat(accounts.findByEmail(user.email())).isEmpty();
        assertThat(new MockVisitor(mvc).signIn(wanted, TestUsers.PASSWORD).getRedirectedUrl())
                .isEqualTo("/");
        assertThat(new MockVisitor(mvc).signIn(user.email(), TestUsers.PASSWORD).getRedirectedUrl())
                .isEqualTo("/login?error");

        MockHttpServletResponse twice = new MockVisitor(mvc).post("/verify-email", "token", token);
        assertThat(twice.getStatus()).isEqualTo(410);
        assertThat(twice.getContentAsString()).contains("This link has already been used.");
    }

    @Test
    void anUnknownVerificationLinkIsNotValid() throws Exception {
        MockHttpServletResponse response = new MockVisitor(mvc).post("/verify-email", "token", "B".repeat(43));

        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(response.getContentAsString()).contains("This link is not valid.");
    }

    @Test
    void anUnconfirmedAddressCanBeSentANewLinkThatReplacesTheOldOne() throws Exception {
        String email = TestUsers.uniqueEmail("unconfirmed");
        User user = accounts.signUp(email, "Una Confirmed", TestUsers.PASSWORD);
        KeptMail first = mailbox.awaitMail(email, "Confirm your email address");
        MockVisitor browser = signedIn(user);
        assertThat(browser.get("/settings/account").getContentAsString())
                .contains("not confirmed yet")
                .contains("Send the confirmation link again");

        MockHttpServletResponse response = browser.post("/settings/account/verification");

        assertThat(response.getRedirectedUrl()).isEqualTo("/settings/account");
        assertThat(browser.follow(response).getContentAsString()).contains("We sent a new confirmation link.");
        List<KeptMail> links = org.awaitility.Awaitility.await()
                .until(() -> mailbox.withSubject(email, "Confirm your email address"), mails -> mails.size() == 2);
        assertThat(new MockVisitor(mvc)
                        .post("/verify-email", "token", first.token("/verify-email"))
                        .getStatus())
                .isEqualTo(410);
        assertThat(new MockVisitor(mvc)
                        .post("/verify-email", "token", links.getLast().token("/verify-email"))
                        .getStatus())
                .isEqualTo(200);
        assertThat(accounts.require(user.id()).emailVerified()).isTrue();
        assertThat(browser.get("/settings/account").getContentAsString())
                .contains("confirmed</span>")
                .doesNotContain("Send the confirmation link again");
    }

    @Test
    void changingThePasswordNeedsTheCurrentOneAndFollowsThePolicy() throws Exception {
        User user = users.create("password-bad");
        MockVisitor browser = signedIn(user);

        MockHttpServletResponse wrong = browser.post(
                "/settings/account/password", "currentPassword", "not my password", "newPassword", NEW_PASSWORD);
        MockHttpServletResponse weak = browser.post(
                "/settings/account/password", "currentPassword", TestUsers.PASSWORD, "newPassword", "qwertyuiop");

        assertThat(wrong.getStatus()).isEqualTo(422);
        assertThat(wrong.getContentAsString())
                .contains(fieldError("currentPassword", "That is not your current password."));
        assertThat(weak.getStatus()).isEqualTo(422);
        assertThat(weak.getContentAsString())
                .contains(
                        fieldError("newPassword", "This password is too common. Choose one that is harder to guess."));
        assertThat(new MockVisitor(mvc).signIn(user.email(), TestUsers.PASSWORD).getRedirectedUrl())
                .isEqualTo("/");
    }

    @Test
    void changingThePasswordSignsOutTheOtherSessionsButKeepsThisOne() throws Exception {
        User user = users.create("password-change");
        MockVisitor laptop = signedIn(user);
        MockVisitor phone = new MockVisitor(mvc);
        phone.signInRemembered(user.email(), TestUsers.PASSWORD);
        MockVisitor rememberedPhone = phone.withOnly(MockVisitor.REMEMBER_ME_COOKIE);
        assertThat(sessionsOf(user)).hasSize(2);

        MockHttpServletResponse response = laptop.post(
                "/settings/account/password", "currentPassword", TestUsers.PASSWORD, "newPassword", NEW_PASSWORD);

        assertThat(response.getRedirectedUrl()).isEqualTo("/settings/account");
        assertThat(sessionsOf(user)).containsExactly(laptop.sessionId().orElseThrow());
        assertThat(rememberMeTokensOf(user)).isZero();
        MockHttpServletResponse page = laptop.follow(response);
        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getContentAsString())
                .contains("Your password has been changed. Other devices have been signed out.");
        assertThat(phone.get("/settings/account").getRedirectedUrl()).endsWith("/login");
        assertThat(rememberedPhone.get("/settings/account").getRedirectedUrl()).endsWith("/login");

        assertThat(new MockVisitor(mvc).signIn(user.email(), TestUsers.PASSWORD).getRedirectedUrl())
                .isEqualTo("/login?error");
        assertThat(new MockVisitor(mvc).signIn(user.email(), NEW_PASSWORD).getRedirectedUrl())
                .isEqualTo("/");
        assertThat(mailbox.awaitMail(user.email(), "password was changed").subject())
                .isEqualTo("Your Maecenas password was changed");
    }

    private MockVisitor signedIn(User user) throws Exception {
        MockVisitor browser = new MockVisitor(mvc);
        assertThat(browser.signIn(user.email(), TestUsers.PASSWORD).getRedirectedUrl())
                .isEqualTo("/");
        return browser;
    }

    private static String fieldError(String field, String message) {
        return "<p class=\"field-error\" id=\"" + field + "-error\">" + message + "</p>";
    }

    private List<String> sessionsOf(User user) {
        return jdbc.sql("select session_id from spring_session where principal_name = :email")
                .param("email", user.email())
                .query(String.class)
                .list();
    }

    private long rememberMeTokensOf(User user) {
        return jdbc.sql("select count(*) from persistent_logins where username = :email")
                .param("email", user.email())
                .query(Long.class)
                .single();
    }
}
