package org.maecenas.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.maecenas.testing.MaecenasTest;
import org.maecenas.testing.MockVisitor;
import org.maecenas.testing.TestMailbox;
import org.maecenas.testing.TestMailbox.KeptMail;
import org.maecenas.testing.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/** Opening an account through the real sign-up form. */
@MaecenasTest
class SignupTests {

    static final String GOOD_PASSWORD = "a few unrelated words";

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    TestUsers users;

    @Autowired
    TestMailbox mailbox;

    @Autowired
    JdbcClient jdbc;

    @Test
    void signingUpCreatesAnUnconfirmedPatronSignsThemInAndMailsAConfirmationLink() throws Exception {
        String email = TestUsers.uniqueEmail("Signup");
        MockVisitor browser = new MockVisitor(mvc);

        MockHttpServletResponse response = browser.post(
                "/signup", "email", "  " + email + " ", "displayName", " Ada Lovelace ", "password", GOOD_PASSWORD);

        assertThat(response.getStatus()).isEqualTo(302);
        assertThat(response.getRedirectedUrl()).isEqualTo("/");
        User user = accounts.findByEmail(email).orElseThrow();
        assertThat(user.email()).isEqualTo(email);
        assertThat(user.displayName()).isEqualTo("Ada Lovelace");
        assertThat(user.emailVerified()).isFalse();
        assertThat(user.roles()).containsExactly(Role.PATRON);
        assertThat(passwordHash(user)).startsWith("{argon2}").doesNotContain(GOOD_PASSWORD);

        // the session row in PostgreSQL names the new account, and the next page greets it
        assertThat(sessionsOf(email)).containsExactly(browser.sessionId().orElseThrow());
        String home = browser.follow(response).getContentAsString();
        assertThat(home)
                .contains("Welcome, Ada Lovelace. We sent a link to " + email + " to confirm your address.")
                .contains(">Ada Lovelace</a>");

        KeptMail mail = mailbox.awaitMail(email, "Confirm your email address");
        assertThat(mail.subject()).isEqualTo("Confirm your email address for Maecenas");
        assertThat(mail.body()).startsWith("Hello Ada Lovelace,").contains("Welcome to Maecenas!");
        String token = mail.token("/verify-email?token=");
        assertThat(token).matches("[A-Za-z0-9_-]{43}");

        // opening the link shows a button (mail scanners only GET); pressing it confirms
        assertThat(browser.get(mail.linkPath("/verify-email")).getContentAsString())
                .contains("Confirm my address")
                .contains("value=\"" + token + "\"");
        assertThat(accounts.require(user.id()).emailVerified()).isFalse();
        MockHttpServletResponse confirmed = browser.post("/verify-email", "token", token);
        assertThat(confirmed.getStatus()).isEqualTo(200);
        assertThat(confirmed.getContentAsString()).contains("Address confirmed");
        assertThat(accounts.require(user.id()).emailVerified()).isTrue();
    }

    @Test
    void nameOfEightyCharactersAndEmailOf254AreAccepted() throws Exception {
        String local = (TestUsers.uniqueEmail("max").replace("@example.test", "-") + "x".repeat(64)).substring(0, 64);
        String address = local + "@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(56) + ".test";
        assertThat(address).hasSize(254);
        String name = "N".repeat(80);

        MockHttpServletResponse response =
                new MockVisitor(mvc).post("/signup", "email", address, "displayName", name, "password", GOOD_PASSWORD);

        assertThat(response.getStatus()).isEqualTo(302);
        assertThat(accounts.findByEmail(address).orElseThrow().displayName()).isEqualTo(name);
    }

    static Stream<Arguments> badInput() {
        String unique = "{unique}";
        return Stream.of(
                Arguments.of("empty email", "", "Ann", GOOD_PASSWORD, "email", "Enter your email address."),
                Arguments.of(
                        "malformed email",
                        "ann.example.test",
                        "Ann",
                        GOOD_PASSWORD,
                        "email",
                        "Enter an email address like name@example.com."),
                Arguments.of(
                        "email over 254 characters",
                        "a".repeat(64) + "@" + ("b".repeat(63) + ".").repeat(3) + "test",
                        "Ann",
                        GOOD_PASSWORD,
                        "email",
                        "That email address is too long."),
                Arguments.of(
                        "empty display name",
                        unique,
                        "  ",
                        GOOD_PASSWORD,
                        "displayName",
                        "Enter the name people will see."),
                Arguments.of(
                        "display name over 80 characters",
                        unique,
                        "N".repeat(81),
                        GOOD_PASSWORD,
                        "displayName",
                        "Use at most 80 characters."),
                Arguments.of(
                        "display name with a control character",
                        unique,
                        "Ann\u0007Bell",
                        GOOD_PASSWORD,
                        "displayName",
                        "Use letters, numbers and punctuation only."),
                Arguments.of(
                        "password under 10 characters",
                        unique,
                        "Ann",
                        "nine char",
                        "password",
                        "Use at least 10 characters."),
                Arguments.of(
                        "common password",
                        unique,
                        "Ann",
                        "Password123",
                        "password",
                        "This password is too common. Choose one that is harder to guess."),
                Arguments.of(
                        "password equal to the email",
                        unique,
                        "Ann",
                        "{email}",
                        "password",
                        "Don’t use your email or name as your password."),
                Arguments.of(
                        "email of an existing account in other letter case",
                        "{existing}",
                        "Ann",
                        GOOD_PASSWORD,
                        "email",
                        "An account with this email already exists. Sign in, or reset your password."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputIsRefusedBesideItsFieldAndWritesNothing(
            String why, String email, String displayName, String password, String field, String message)
            throws Exception {
        String existing = users.create("existing").email();
        String typedEmail = email.replace("{unique}", TestUsers.uniqueEmail("refused"))
                .replace("{existing}", existing.toUpperCase(java.util.Locale.ROOT));
        String typedPassword = password.replace("{email}", typedEmail);
        long usersBefore = userCount();

        MockHttpServletResponse response = new MockVisitor(mvc)
                .post("/signup", "email", typedEmail, "displayName", displayName, "password", typedPassword);

        assertThat(response.getStatus()).isEqualTo(422);
        String page = response.getContentAsString();
        assertThat(page)
                .contains("<p class=\"field-error\" id=\"" + field + "-error\">" + message + "</p>")
                .contains("Please correct the marked fields.")
                .containsOnlyOnce("class=\"field-error\"");
        assertThat(userCount()).isEqualTo(usersBefore);
        assertThat(usersWithEmail(typedEmail)).isEqualTo(typedEmail.equalsIgnoreCase(existing) ? 1 : 0);
    }

    @Test
    void theFormKeepsWhatWasTypedButNeverThePassword() throws Exception {
        MockHttpServletResponse response = new MockVisitor(mvc)
                .post("/signup", "email", "ann.example.test", "displayName", "Ann \"Bee\"", "password", GOOD_PASSWORD);

        assertThat(response.getStatus()).isEqualTo(422);
        assertThat(response.getContentAsString())
                .contains("value=\"ann.example.test\"")
                .contains("value=\"Ann &#34;Bee&#34;\"")
                .doesNotContain(GOOD_PASSWORD);
    }

    @Test
    void aPostWithoutTheCsrfTokenIsForbiddenAndWritesNothing() throws Exception {
        String email = TestUsers.uniqueEmail("forged");
        long usersBefore = userCount();

        MockHttpServletResponse response = new MockVisitor(mvc)
                .postWithoutCsrf("/signup", "email", email, "displayName", "Forged", "password", GOOD_PASSWORD);

        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(userCount()).isEqualTo(usersBefore);
        assertThat(accounts.findByEmail(email)).isEmpty();
    }

    private long userCount() {
        return jdbc.sql("select count(*) from users").query(Long.class).single();
    }

    private long usersWithEmail(String email) {
        return jdbc.sql("select count(*) from users where lower(email) = lower(:email)")
                .param("email", email)
                .query(Long.class)
                .single();
    }

    private String passwordHash(User user) {
        return jdbc.sql("select password_hash from users where id = :id")
                .param("id", user.id().value())
                .query(String.class)
                .single();
    }

    private java.util.List<String> sessionsOf(String email) {
        return jdbc.sql("select session_id from spring_session where principal_name = :email")
                .param("email", email)
                .query(String.class)
                .list();
    }
}
