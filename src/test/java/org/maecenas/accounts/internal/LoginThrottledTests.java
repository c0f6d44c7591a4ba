package org.maecenas.accounts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LoginThrottledTests {

    @ParameterizedTest(name = "{0} s → {1}")
    @CsvSource({
        "1, a minute",
        "60, a minute",
        "61, 2 minutes",
        "599, 10 minutes",
        "660, 11 minutes",
        "900, 15 minutes",
    })
    void theWaitIsRoundedUpToWholeMinutes(long seconds, String said) {
        assertThat(new LoginThrottled(Duration.ofSeconds(seconds)).getMessage())
                .isEqualTo("Too many failed sign-in attempts. Try again in " + said + ", or reset your password.");
    }
}
