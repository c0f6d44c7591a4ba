package org.maecenas.accounts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressesTests {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a@example.com",
                "first.last+tag@sub.example.co.uk",
                "o'brien@example.ie",
                "user@xn--bcher-kva.example",
                "UPPER@EXAMPLE.COM",
                "digits123@123.example"
            })
    void ordinaryAddressesAreAccepted(String email) {
        assertThat(EmailAddresses.problem(email)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "plainaddress",
                "@example.com",
                "name@",
                "name@localhost",
                "two@@example.com",
                "a@b@example.com",
                "with space@example.com",
                "name@exam_ple.com",
                "name@-example.com",
                "name@example-.com",
                "name@example..com",
                "\"quoted\"@example.com",
                "name@example.com."
            })
    void malformedAddressesAskForTheUsualShape(String email) {
        assertThat(EmailAddresses.problem(email)).contains("Enter an email address like name@example.com.");
    }

    @Test
    void theLocalPartHasAtMost64Characters() {
        assertThat(EmailAddresses.problem("l".repeat(64) + "@example.com")).isEmpty();
        assertThat(EmailAddresses.problem("l".repeat(65) + "@example.com"))
                .contains("Enter an email address like name@example.com.");
    }

    @Test
    void anAddressHasAtMost254Characters() {
        String domain = "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(56) + ".test";
        String longest = "l".repeat(64) + "@" + domain;
        assertThat(longest).hasSize(254);

        assertThat(EmailAddresses.problem(longest)).isEmpty();
        assertThat(EmailAddresses.problem("l" + longest)).contains("That email address is too long.");
    }

    @Test
    void blankIsAskedFor() {
        assertThat(EmailAddresses.problem("")).contains("Enter your email address.");
        assertThat(EmailAddresses.problem("   ")).contains("Enter your email address.");
        assertThat(EmailAddresses.problem(null)).contains("Enter your email address.");
    }

    @Test
    void normalisingStripsSpacesButKeepsTheCase() {
        assertThat(EmailAddresses.normalise("  Ada@Example.COM\t")).isEqualTo("Ada@Example.COM");
        assertThat(EmailAddresses.normalise(null)).isEmpty();
        assertThat(EmailAddresses.problem("  ada@example.com  ")).isEmpty();
    }
}
