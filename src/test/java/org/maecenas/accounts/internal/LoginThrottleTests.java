package org.maecenas.accounts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.maecenas.testing.MaecenasTest;
import org.maecenas.testing.MockVisitor;
import org.maecenas.testing.MutableClock;
import org.maecenas.testing.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;

/** The cool-down arithmetic: it ends when the oldest of the counted (newest five) failures leaves the window. */
@MaecenasTest
class LoginThrottleTests {

    @Autowired
    LoginThrottle throttle;

    @Autowired
    MutableClock clock;

    String email = TestUsers.uniqueEmail("cooldown");
    String address = MockVisitor.uniqueAddress();
    Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @BeforeEach
    void freezeTime() {
        clock.freezeAt(start);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void fiveFailuresAMinuteApartCoolDownUntilFifteenMinutesAfterTheFirst() {
        failEveryMinute(5, email, address);
        // now start + 4 min

        assertThat(throttle.coolDown(email, MockVisitor.uniqueAddress())).contains(Duration.ofMinutes(11));
        clock.advance(Duration.ofMinutes(6));
        assertThat(throttle.coolDown(email, MockVisitor.uniqueAddress())).contains(Duration.ofMinutes(5));
        clock.advance(Duration.ofMinutes(5).minusMillis(1));
        assertThat(throttle.coolDown(email, MockVisitor.uniqueAddress())).contains(Duration.ofMillis(1));
        clock.advance(Duration.ofMillis(1));
        assertThat(throttle.coolDown(email, MockVisitor.uniqueAddress())).isEmpty();
    }

    @Test
    void fourFailuresAreNoCoolDown() {
        failEveryMinute(4, email, address);

        assertThat(throttle.coolDown(email, address)).isEmpty();
    }

    @Test
    void withMoreThanFiveFailuresTheFifthNewestDecides() {
        failEveryMinute(7, email, MockVisitor.uniqueAddress());
        // failures at +0 … +6 min; the fifth newest is at +2, so the wait ends at +17

        assertThat(throttle.coolDown(email, address)).contains(Duration.ofMinutes(11));
    }

    @Test
    void theEmailIsCountedWhateverItsCaseAndSpacing() {
        for (int i = 0; i < 5; i++) {
            throttle.failed(i % 2 == 0 ? " " + email.toUpperCase() + " " : email, MockVisitor.uniqueAddress());
        }

        assertThat(throttle.coolDown(email.toUpperCase(), address)).contains(Duration.ofMinutes(15));
    }

    @Test
    void theLongerOfTheEmailAndAddressWaitsApplies() {
        failEveryMinute(5, TestUsers.uniqueEmail("other"), address);
        // the address is blocked until +15; now the email fails five times at +4 … +8
        for (int i = 0; i < 5; i++) {
            throttle.failed(email, MockVisitor.uniqueAddress());
            clock.advance(Duration.ofMinutes(1));
        }
        // now +9: the address waits 6 more minutes, the email 10

        assertThat(throttle.coolDown(email, address)).contains(Duration.ofMinutes(10));
        assertThat(throttle.coolDown(TestUsers.uniqueEmail("innocent"), address))
                .contains(Duration.ofMinutes(6));
    }

    @Test
    void successClearsThatEmailsFailuresOnly() {
        failEveryMinute(5, email, MockVisitor.uniqueAddress());
        String other = TestUsers.uniqueEmail("other");
        for (int i = 0; i < 5; i++) {
            throttle.failed(other, address);
        }

        throttle.succeeded(email.toUpperCase());

        assertThat(throttle.coolDown(email, MockVisitor.uniqueAddress())).isEmpty();
        // someone else's failures, from the same address, still count for both
        assertThat(throttle.coolDown(other, MockVisitor.uniqueAddress())).contains(Duration.ofMinutes(15));
        assertThat(throttle.coolDown(email, address)).contains(Duration.ofMinutes(15));
    }

    private void failEveryMinute(int times, String email, String address) {
        for (int i = 0; i < times; i++) {
            if (i > 0) {
                clock.advance(Duration.ofMinutes(1));
            }
            throttle.failed(email, address);
        }
    }
}
