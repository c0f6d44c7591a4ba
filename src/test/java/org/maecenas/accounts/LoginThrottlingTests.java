package org.maecenas.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.maecenas.testing.MaecenasTest;
import org.maecenas.testing.MockVisitor;
import org.maecenas.testing.MutableClock;
import org.maecenas.testing.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Sign-in throttling through the real form: five failures within fifteen minutes, for one email or
 * from one address, refuse the next attempt (even with the right password) until the oldest of them
 * leaves the window. Time is frozen so the minutes in the message are exact.
 */
@MaecenasTest
class LoginThrottlingTests {

    static final String THROTTLED = "Too many failed sign-in attempts.";

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    MutableClock clock;

    @BeforeEach
    void freezeTime() {
        clock.freezeAt(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void afterFiveFailuresForAnEmailEvenTheRightPasswordWaitsUntilTheOldestFailureLeavesTheWindow() throws Exception {
        User user = users.create("throttle-email");
        // one failure a minute, each from another address, in any letter case
        for (int i = 0; i < 5; i++) {
            String typed = i % 2 == 0 ? user.email() : user.email().toUpperCase(Locale.ROOT);
            assertThat(new MockVisitor(mvc).signIn(typed, "wrong password " + i).getRedirectedUrl())
                    .isEqualTo("/login?error");
            if (i < 4) {
                clock.advance(Duration.ofMinutes(1));
            }
        }

        MockVisitor browser = new MockVisitor(mvc);
        assertRefused(browser, user, "Try again in 11 minutes, or reset your password.");

        clock.advance(Duration.ofMinutes(10).plusSeconds(59));
        assertRefused(browser, user, "Try again in a minute, or reset your password.");

        clock.advance(Duration.ofSeconds(1));
        assertSignedIn(browser, user);
    }

    @Test
    void fourFailuresDoNotThrottle() throws Exception {
        User user = users.create("throttle-four");
        for (int i = 0; i < 4; i++) {
            new MockVisitor(mvc).signIn(user.email(), "wrong password " + i);
        }

        assertSignedIn(new MockVisitor(mvc), user);
    }

    @Test
    void failuresOlderThanTheWindowDoNotCount() throws Exception {
        User user = users.create("throttle-old");
        for (int i = 0; i < 4; i++) {
            new MockVisitor(mvc).signIn(user.email(), "wrong password " + i);
        }
        clock.advance(Duration.ofMinutes(15));
        new MockVisitor(mvc).signIn(user.email(), "wrong password again");

        assertSignedIn(new MockVisitor(mvc), user);
    }

    @Test
    void fiveFailuresFromOneAddressRefuseEveryEmailFromThatAddressButNotFromOthers() throws Exception {
        User user = users.create("throttle-addr");
        String address = MockVisitor.uniqueAddress();
        for (int i = 0; i < 5; i++) {
            new MockVisitor(mvc, address).signIn(TestUsers.uniqueEmail("guess"), "guessed password " + i);
        }

        assertRefused(new MockVisitor(mvc, address), user, "Try again in 15 minutes, or reset your password.");
        assertSignedIn(new MockVisitor(mvc), user);
    }

    @Test
    void aSuccessfulSignInClearsTheEmailsFailures() throws Exception {
        User user = users.create("throttle-clear");
        for (int i = 0; i < 4; i++) {
            new MockVisitor(mvc).signIn(user.email(), "wrong password " + i);
        }
        assertSignedIn(new MockVisitor(mvc), user);
        for (int i = 0; i < 4; i++) {
            new MockVisitor(mvc).signIn(user.email(), "wrong password again " + i);
        }

        // eight failures in the window had the success not cleared the first four
        assertSignedIn(new MockVisitor(mvc), user);
    }

    private void assertRefused(MockVisitor browser, User user, String wait) throws Exception {
        MockHttpServletResponse response = browser.signIn(user.email(), TestUsers.PASSWORD);
        assertThat(response.getRedirectedUrl()).isEqualTo("/login?error");
        assertThat(browser.follow(response).getContentAsString()).contains(THROTTLED + " " + wait);
        assertThat(browser.get("/settings/account").getRedirectedUrl()).endsWith("/login");
    }

    private void assertSignedIn(MockVisitor browser, User user) throws Exception {
        MockHttpServletResponse response = browser.signIn(user.email(), TestUsers.PASSWORD);
        assertThat(response.getStatus()).isEqualTo(302);
        assertThat(response.getRedirectedUrl()).doesNotContain("/login");
        MockHttpServletResponse settings = browser.get("/settings/account");
        assertThat(settings.getStatus()).isEqualTo(200);
        assertThat(settings.getContentAsString()).contains(user.email());
    }
}
