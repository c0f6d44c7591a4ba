package org.maecenas.payouts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.maecenas.billing.BillingFixtures.Creator;
import org.maecenas.testing.MaecenasTest;
import org.maecenas.web.InvalidInput;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Setting how a creator is paid: what is accepted, what is refused and why, and how bank details are kept. */
@MaecenasTest
class PayoutMethodsTests {

    @Autowired
    Payouts payouts;

    @Autowired
    PayoutFixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Test
    void validIbansAreAcceptedWithSpacesAndInLowerCaseAndStoredNormalised() {
        Creator creator = fixtures.creator("iban-ok");
        long c = creator.campaignId();

        PayoutMethod uk = payouts.useBankAccount(c, "  Ada Lovelace ", "gb82 west 1234 5698 7654 32", "", "", false);
        assertThat(uk.kind()).isEqualTo("MANUAL");
        assertThat(uk.bankSummary()).isEqualTo("GB …5432");
        assertThat(uk.destination()).isEqualTo("Bank GB …5432");
        assertThat(uk.connectAccount()).isNull();
        assertThat(uk.automatic()).isFalse();
        assertThat(payouts.bankDetails(c)).contains("holder=Ada Lovelace\niban=GB82WEST12345698765432");

        PayoutMethod de = payouts.useBankAccount(c, "Ada Lovelace", "DE89 3704 0044 0532 0130 00", null, null, true);
        assertThat(de.bankSummary()).isEqualTo("DE …3000");
        assertThat(de.automatic()).isTrue();
        assertThat(payouts.bankDetails(c)).contains("holder=Ada Lovelace\niban=DE89370400440532013000");
        assertThat(payouts.method(c)).contains(de);
    }

    @Test
    void anIbanWithAWrongCheckDigitIsRefusedWithTheIbanFieldsMessage() {
        long c = fixtures.creator("iban-sum").campaignId();

        InvalidInput refused = catchThrowableOfType(
                InvalidInput.class,
                () -> payouts.useBankAccount(c, "Ada", "GB82 WEST 1234 5698 7654 33", "", "", false));

        assertThat(refused.fields())
                .containsExactly(Map.entry("iban", "This IBAN is not valid. Check it against your bank statement."));
        assertThat(payouts.method(c)).as("nothing is saved").isEmpty();
    }

    @Test
    void anIbanOfAnUnknownCountryOrOfTheWrongLengthForItsCountryIsRefusedEvenWithAGoodChecksum() {
        long c = fixtures.creator("iban-shape").campaignId();
        // each has correct mod-97 check digits, so only the country and length rules can refuse them
        String unknownCountry = IbanTests.withCheckDigits("XX", "WEST12345698765432");
        String germanButShort = IbanTests.withCheckDigits("DE", "37040044053201300");
        String britishButLong = IbanTests.withCheckDigits("GB", "WEST123456987654321");
        assertThat(Iban.checksumHolds(unknownCountry)).isTrue();
        assertThat(Iban.checksumHolds(germanButShort)).isTrue();
        assertThat(Iban.checksumHolds(britishButLong)).isTrue();

        for (String iban : new String[] {unknownCountry, germanButShort, britishButLong, "GB82", "1234WEST"}) {
            assertThatThrownBy(() -> payouts.useBankAccount(c, "Ada", iban, "", "", false))
                    .as(iban)
                    .isInstanceOfSatisfying(
                            InvalidInput.class, e -> assertThat(e.fields()).containsOnlyKeys("iban"));
        }
        assertThat(payouts.method(c)).isEmpty();
    }

    @Test
    void anEmptyOrOverlongHolderIsRefusedBesideTheHolderField() {
        long c = fixtures.creator("holder").campaignId();

        InvalidInput empty = catchThrowableOfType(
                InvalidInput.class, () -> payouts.useBankAccount(c, "   ", PayoutFixtures.GB_IBAN, "", "", false));
        assertThat(empty.fields()).containsExactly(Map.entry("holder", "Enter the account holder’s name."));

        InvalidInput both = catchThrowableOfType(
                InvalidInput.class, () -> payouts.useBankAccount(c, null, "GB00 WEST 1234", "", "", false));
        assertThat(both.fields()).containsOnlyKeys("holder", "iban");

        assertThatThrownBy(() -> payouts.useBankAccount(c, "x".repeat(141), PayoutFixtures.GB_IBAN, "", "", false))
                .isInstanceOfSatisfying(
                        InvalidInput.class, e -> assertThat(e.fields()).containsOnlyKeys("holder"));
        assertThat(payouts.useBankAccount(c, "x".repeat(140), PayoutFixtures.GB_IBAN, "", "", false)
                        .kind())
                .isEqualTo("MANUAL");
    }

    @Test
    void withoutAnIbanAnAccountNumberAndRoutingCodeOfDigitsAreNeeded() {
        long c = fixtures.creator("routing").campaignId();

        PayoutMethod us = payouts.useBankAccount(c, "Grace Hopper", null, "0001 2345-6789", "021-000-021", false);
        assertThat(us.bankSummary()).isEqualTo("…6789");
        assertThat(payouts.bankDetails(c)).contains("holder=Grace Hopper\naccount=000123456789\nrouting=021000021");

        InvalidInput nothing =
                catchThrowableOfType(InvalidInput.class, () -> payouts.useBankAccount(c, "Grace", "", "", "", false));
        assertThat(nothing.fields())
                .containsOnly(
                        Map.entry("accountNumber", "Enter an IBAN, or an account number of 4 to 17 digits."),
                        Map.entry("routingCode", "Enter the routing or sort code (6 to 9 digits)."));

        for (String[] bad : new String[][] {
            {"123", "021000021"}, // account too short
            {"123456789012345678", "021000021"}, // account too long
            {"12345678A", "021000021"}, // account not digits
        }) {
            assertThatThrownBy(() -> payouts.useBankAccount(c, "Grace", "", bad[0], bad[1], false))
                    .as(bad[0])
                    .isInstanceOfSatisfying(
                            InvalidInput.class, e -> assertThat(e.fields()).containsOnlyKeys("accountNumber"));
        }
        for (String routing : new String[] {"12345", "1234567890", "12-34-5X"}) {
            assertThatThrownBy(() -> payouts.useBankAccount(c, "Grace", "", "12345678", routing, false))
                    .as(routing)
                    .isInstanceOfSatisfying(
                            InvalidInput.class, e -> assertThat(e.fields()).containsOnlyKeys("routingCode"));
        }
        assertThat(payouts.bankDetails(c))
                .as("the refused attempts left the saved account alone")
                .contains("holder=Grace Hopper\naccount=000123456789\nrouting=021000021");
        // a UK sort code with an 8-digit account
        assertThat(payouts.useBankAccount(c, "Grace", "", "31926819", "60-16-13", false)
                        .bankSummary())
                .isEqualTo("…6819");
    }

    @Test
    void aStripeConnectAccountLooksLikeAcctAndLettersOrDigits() {
        long c = fixtures.creator("connect").campaignId();

        PayoutMethod stripe = payouts.useStripeConnect(c, " acct_1A2b3C4d5E6f ", true);
        assertThat(stripe.kind()).isEqualTo("STRIPE_CONNECT");
        assertThat(stripe.connectAccount()).isEqualTo("acct_1A2b3C4d5E6f");
        assertThat(stripe.destination()).isEqualTo("Stripe acct_1A2b3C4d5E6f");
        assertThat(stripe.bankSummary()).isNull();
        assertThat(stripe.automatic()).isTrue();
        assertThat(payouts.bankDetails(c))
                .as("no bank details for a Stripe method")
                .isEmpty();

        for (String bad :
                new String[] {"", "   ", "1A2b3C4d5E6f", "acct_", "acct_12345", "acct_1A2b-3C4d", "ACCT_1A2b3C4d5E6f"
                }) {
            InvalidInput refused =
                    catchThrowableOfType(InvalidInput.class, () -> payouts.useStripeConnect(c, bad, false));
            assertThat(refused).as(bad).isNotNull();
            assertThat(refused.fields())
                    .containsExactly(
                            Map.entry("connectAccount", "A Stripe Connect account id looks like acct_1A2b3C4d5E6f."));
        }
        InvalidInput missing = catchThrowableOfType(InvalidInput.class, () -> payouts.useStripeConnect(c, null, false));
        assertThat(missing.fields()).containsOnlyKeys("connectAccount");
        assertThat(payouts.method(c)).contains(stripe);
    }

    @Test
    void switchingFromABankToStripeForgetsTheBankDetails() {
        long c = fixtures.creator("switch").campaignId();
        payouts.useBankAccount(c, "Ada", PayoutFixtures.GB_IBAN, "", "", false);

        payouts.useStripeConnect(c, "acct_switched01", false);

        assertThat(payouts.bankDetails(c)).isEmpty();
        assertThat(rawBankDetails(c)).isNull();
    }

    @Test
    void bankDetailsAreStoredEncryptedAndEachSaveUsesAFreshNonce() {
        long c = fixtures.creator("sealed").campaignId();
        payouts.useBankAccount(c, "Ada Lovelace", PayoutFixtures.GB_IBAN, "", "", false);
        byte[] first = rawBankDetails(c);

        String raw = new String(first, StandardCharsets.ISO_8859_1);
        assertThat(raw)
                .doesNotContain("GB82WEST12345698765432")
                .doesNotContain("12345698765432")
                .doesNotContain("Ada Lovelace")
                .doesNotContain("iban=");
        // 12-byte nonce + ciphertext of the same length as the text + 16-byte tag
        int plainLength = "holder=Ada Lovelace\niban=GB82WEST12345698765432".length();
        assertThat(first).hasSize(12 + plainLength + 16);
        assertThat(payouts.bankDetails(c)).contains("holder=Ada Lovelace\niban=GB82WEST12345698765432");

        payouts.useBankAccount(c, "Ada Lovelace", PayoutFixtures.GB_IBAN, "", "", false);
        byte[] second = rawBankDetails(c);
        assertThat(second).hasSize(first.length).isNotEqualTo(first);
        assertThat(payouts.bankDetails(c)).contains("holder=Ada Lovelace\niban=GB82WEST12345698765432");
    }

    @Test
    void theDatabaseItselfRefusesAStripeMethodWithoutAnAccountOrABankMethodWithoutDetails() {
        long c = fixtures.creator("db-checks").campaignId();
        assertThatThrownBy(() -> jdbc.sql("""
                        insert into payout_methods (campaign_id, kind, connect_account, updated_at)
                        values (:c, 'STRIPE_CONNECT', 'not-an-account', now())
                        """).param("c", c).update()).hasMessageContaining("payout_methods");
        assertThatThrownBy(() -> jdbc.sql("""
                        insert into payout_methods (campaign_id, kind, updated_at) values (:c, 'MANUAL', now())
                        """).param("c", c).update()).hasMessageContaining("payout_methods");
    }

    private byte[] rawBankDetails(long campaign) {
        return jdbc.sql("select bank_details_encrypted from payout_methods where campaign_id = :c")
                .param("c", campaign)
                .query((rs, n) -> rs.getBytes(1))
                .list()
                .getFirst();
    }
}
