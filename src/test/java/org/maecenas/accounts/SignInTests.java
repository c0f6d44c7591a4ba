package org.maecenas.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.maecenas.testing.MaecenasTest;
import org.maecenas.testing.MockVisitor;
import org.maecenas.testing.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/** Signing in through the real form, staying signed in with "remember me", and signing out. */
@MaecenasTest
class SignInTests {

    static final String NO_MATCH = "That email and password don’t match an account.";

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theRightPasswordSignsInAndTheNextPageShowsTheName() throws Exception {
        User user = users.create("signin");
        MockVisitor browser = new MockVisitor(mvc);

        MockHttpServletResponse response = browser.signIn(user.email(), TestUsers.PASSWORD);

        assertThat(response.getStatus()).isEqualTo(302);
        assertThat(response.getRedirectedUrl()).isIn("/", "http://localhost/");
        assertThat(sessionPrincipals(user.email())).isEqualTo(1);
        MockHttpServletResponse settings = browser.get("/settings/account");
        assertThat(settings.getStatus()).isEqualTo(200);
        assertThat(settings.getContentAsString()).contains(">" + user.displayName() + "</a>");
    }

    @Test
    void signingInGivesTheBrowserANewSessionId() throws Exception {
        User user = users.create("signin-fixation");
        MockVisitor browser = new MockVisitor(mvc);
        // asking for a private page first opens an anonymous session (to return there after sign-in)
        assertThat(browser.get("/settings/account").getRedirectedUrl()).endsWith("/login");
        String anonymousSession = browser.sessionId().orElseThrow();

        MockHttpServletResponse response = browser.signIn(user.email(), TestUsers.PASSWORD);

        assertThat(response.getRedirectedUrl()).isEqualTo("http://localhost/settings/account?continue");
        assertThat(browser.sessionId()).isPresent().get().isNotEqualTo(anonymousSession);
        assertThat(sessionExists(anonymousSession)).isFalse();
        assertThat(browser.follow(response).getStatus()).isEqualTo(200);
    }

    @Test
    void theEmailIsMatchedWhateverItsCase() throws Exception {
        User user = users.create("signin-case");
        MockVisitor browser = new MockVisitor(mvc);

        browser.signIn(user.email().toUpperCase(java.util.Locale.ROOT), TestUsers.PASSWORD);

        assertThat(browser.get("/settings/account").getStatus()).isEqualTo(200);
    }

    @Test
    void aWrongPasswordComesBackToTheFormSayingTheyDoNotMatch() throws Exception {
        User user = users.create("signin-wrong");
        MockVisitor browser = new MockVisitor(mvc);

        MockHttpServletResponse response = browser.signIn(user.email(), "not the password at all");

        assertThat(response.getStatus()).isEqualTo(302);
        assertThat(response.getRedirectedUrl()).isEqualTo("/login?error");
        MockHttpServletResponse page = browser.follow(response);
        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getContentAsString()).contains(NO_MATCH);
        assertThat(browser.get("/settings/account").getRedirectedUrl()).endsWith("/login");
    }

    @Test
    void anUnknownEmailGetsTheSameAnswerAsAWrongPassword() throws Exception {
        MockVisitor browser = new MockVisitor(mvc);

        MockHttpServletResponse response = browser.signIn(TestUsers.uniqueEmail("nobody"), "whatever password");

        assertThat(response.getRedirectedUrl()).isEqualTo("/login?error");
        assertThat(browser.follow(response).getContentAsString()).contains(NO_MATCH);
    }

    @Test
    void aFailedSignInDoesNotKeepTheTypedPasswordInTheSessionTable() throws Exception {
        User user = users.create("signin-leak");
        MockVisitor browser = new MockVisitor(mvc);
        String typed = "Typed-Secret-" + System.nanoTime();

        // the browser never follows the redirect to /login?error, so nothing reads and removes it
        browser.signIn(user.email(), typed);

        assertThat(jdbc.sql(
                                "select count(*) from spring_session_attributes where position(:typed in attribute_bytes) > 0")
                        .param("typed", typed.getBytes(StandardCharsets.UTF_8))
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void theSignInPageOpensNoSessionForAnonymousVisitors() throws Exception {
        MockVisitor crawler = new MockVisitor(mvc);

        MockHttpServletResponse page = crawler.get("/login");
        MockHttpServletResponse errorPage = crawler.get("/login?error=");

        assumeTrue(
                crawler.cookie("XSRF-TOKEN").isPresent(),
                "spring-security-test's csrf() has replaced the cookie CSRF repository of this shared context");
        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(errorPage.getContentAsString()).contains(NO_MATCH);
        assertThat(crawler.cookie(MockVisitor.SESSION_COOKIE)).isEmpty();
    }

    @Test
    void rememberMeSetsACookieThatSignsInAFreshBrowser() throws Exception {
        User user = users.create("remember");
        MockVisitor browser = new MockVisitor(mvc);

        browser.signInRemembered(user.email(), TestUsers.PASSWORD);

        Cookie cookie = browser.cookie(MockVisitor.REMEMBER_ME_COOKIE).orElseThrow();
        assertThat(cookie.getMaxAge()).isEqualTo(30 * 24 * 60 * 60);
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(rememberMeTokens(user.email())).isEqualTo(1);

        MockVisitor nextWeek = browser.withOnly(MockVisitor.REMEMBER_ME_COOKIE);
        MockHttpServletResponse settings = nextWeek.get("/settings/account");
        assertThat(settings.getStatus()).isEqualTo(200);
        assertThat(settings.getContentAsString()).contains(">" + user.displayName() + "</a>");
    }

    @Test
    void withoutRememberMeAFreshBrowserIsNotSignedIn() throws Exception {
        User user = users.create("no-remember");
        MockVisitor browser = new MockVisitor(mvc);

        browser.signIn(user.email(), TestUsers.PASSWORD);

        assertThat(browser.cookie(MockVisitor.REMEMBER_ME_COOKIE)).isEmpty();
        assertThat(rememberMeTokens(user.email())).isZero();
        browser.forget(MockVisitor.SESSION_COOKIE);
        assertThat(browser.get("/settings/account").getRedirectedUrl()).endsWith("/login");
    }

    @Test
    void signingOutEndsTheSessionAndForgetsTheRememberMeToken() throws Exception {
        User user = users.create("signout");
        MockVisitor browser = new MockVisitor(mvc);
        browser.signInRemembered(user.email(), TestUsers.PASSWORD);
        String sessionId = browser.sessionId().orElseThrow();
        assertThat(browser.get("/settings/account").getStatus()).isEqualTo(200);

        MockHttpServletResponse response = browser.post("/logout");

        assertThat(response.getStatus()).isEqualTo(302);
        assertThat(response.getRedirectedUrl()).isEqualTo("/?signed-out");
        assertThat(sessionExists(sessionId)).isFalse();
        assertThat(rememberMeTokens(user.email())).isZero();
        assertThat(browser.cookie(MockVisitor.REMEMBER_ME_COOKIE)).isEmpty();
        assertThat(browser.get("/settings/account").getRedirectedUrl()).endsWith("/login");
    }

    @Test
    void theSignInPageSendsSomeoneSignedInHome() throws Exception {
        User user = users.create("signin-again");
        MockVisitor browser = new MockVisitor(mvc);
        browser.signIn(user.email(), TestUsers.PASSWORD);

        assertThat(browser.get("/login").getRedirectedUrl()).isEqualTo("/");
    }

    private long sessionPrincipals(String email) {
        return jdbc.sql("select count(*) from spring_session where principal_name = :email")
                .param("email", email)
                .query(Long.class)
                .single();
    }

    private boolean sessionExists(String id) {
        return jdbc.sql("select exists (select 1 from spring_session where session_id = :id)")
                .param("id", id)
                .query(Boolean.class)
                .single();
    }

    private long rememberMeTokens(String email) {
        return jdbc.sql("select count(*) from persistent_logins where username = :email")
                .param("email", email)
                .query(Long.class)
                .single();
    }
}
