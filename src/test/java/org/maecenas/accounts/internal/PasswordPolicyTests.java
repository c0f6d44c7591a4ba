package org.maecenas.accounts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTests {

    static final String EMAIL = "ada@example.test";
    static final String NAME = "Ada Lovelace";

    final PasswordPolicy policy = new PasswordPolicy();

    @Test
    void aLongUncommonPasswordIsFine() {
        assertThat(policy.problem("tea kettle on mars", EMAIL, NAME)).isEmpty();
    }

    @Test
    void anEmptyPasswordAsksForOne() {
        assertThat(policy.problem("", EMAIL, NAME)).contains("Choose a password.");
        assertThat(policy.problem(null, EMAIL, NAME)).contains("Choose a password.");
    }

    @Test
    void tenCharactersIsTheShortestAllowed() {
        assertThat(policy.problem("kettle-on9", EMAIL, NAME)).isEmpty();
        assertThat(policy.problem("kettle-on", EMAIL, NAME)).contains("Use at least 10 characters.");
    }

    @Test
    void lengthCountsCharactersNotUtf16Units() {
        // nine emoji are eighteen chars in Java but nine characters to the person typing them
        assertThat(policy.problem("🍵🫖🚀🪐🌙⭐🌍🔭🛰", EMAIL, NAME)).contains("Use at least 10 characters.");
        assertThat(policy.problem("🍵🫖🚀🪐🌙⭐🌍🔭🛰🌌", EMAIL, NAME)).isEmpty();
    }

    @Test
    void at128CharactersItIsLongEnough() {
        String max = "abcdefghij".repeat(12) + "klmnopqr";
        assertThat(max).hasSize(128);
        assertThat(policy.problem(max, EMAIL, NAME)).isEmpty();
        assertThat(policy.problem(max + "s", EMAIL, NAME)).contains("Use at most 128 characters.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"password123", "PASSWORD123", "Password1234", "1234567890", "qwertyuiop"})
    void aPasswordFromTheBreachListIsTooCommonInAnyCase(String password) {
        assertThat(policy.problem(password, EMAIL, NAME))
                .contains("This password is too common. Choose one that is harder to guess.");
    }

    @Test
    void oneCharacterRepeatedIsTooCommon() {
        assertThat(policy.problem("zzzzzzzzzzzzzzz", EMAIL, NAME))
                .contains("This password is too common. Choose one that is harder to guess.");
    }

    @Test
    void theEmailOrNameIsNotAPassword() {
        String refused = "Don’t use your email or name as your password.";
        assertThat(policy.problem("ADA@example.test", EMAIL, NAME)).contains(refused);
        assertThat(policy.problem("ada lovelace", EMAIL, " Ada Lovelace ")).contains(refused);
        assertThat(policy.problem("ada lovelace!", EMAIL, NAME)).isEmpty();
        assertThat(policy.problem("ada lovelace", null, null)).isEmpty();
    }
}
