package org.maecenas.payments.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.model.BalanceTransaction;
import com.stripe.model.PaymentIntent;
import com.stripe.model.StripeError;
import java.math.BigDecimal;
import java.util.Currency;
import org.junit.jupiter.api.Test;
import org.maecenas.money.Money;
import org.maecenas.payments.ChargeResult.Outcome;

class StripeResultsTests {

    @Test
    void aFeeTakenInTheAccountsCurrencyIsConvertedBackAtStripesRate() {
        // €100.00 charged, settled in USD at 1.08: the $3.43 fee is €3.18 in the charge's books
        assertThat(StripeResults.convertBack(settled("usd", 343, "1.08"), Currency.getInstance("EUR")))
                .isEqualTo(318);
        // ¥1000 settled in USD at 0.0067 (dollars per yen): a 49-cent fee is ¥73
        assertThat(StripeResults.convertBack(settled("usd", 49, "0.0067"), Currency.getInstance("JPY")))
                .isEqualTo(73);
    }

    @Test
    void aSucceededIntentSettledInAnotherCurrencyKeepsTheChargesCurrency() {
        PaymentIntent intent = intent("succeeded", 10_000, "eur");

        var result = StripeResults.of(intent, settled("usd", 343, "1.08"));

        assertThat(result.settled()).isEqualTo(Money.of(10_000, "EUR"));
        assertThat(result.fee()).isEqualTo(Money.of(318, "EUR"));
    }

    @Test
    void aSucceededIntentWithoutItsBalanceTransactionIsNotFinalYet() {
        assertThat(StripeResults.of(intent("succeeded", 500, "usd"), null).outcome())
                .isEqualTo(Outcome.UNKNOWN);
    }

    @Test
    void statusesMapToOutcomes() {
        assertThat(StripeResults.of(intent("requires_action", 500, "usd"), null).outcome())
                .isEqualTo(Outcome.REQUIRES_ACTION);
        assertThat(StripeResults.of(intent("processing", 500, "usd"), null).outcome())
                .isEqualTo(Outcome.UNKNOWN);
        PaymentIntent abandoned = intent("canceled", 500, "usd");
        abandoned.setCancellationReason("abandoned");
        assertThat(StripeResults.of(abandoned, null).declineCode()).isEqualTo("authentication_abandoned");

        PaymentIntent declined = intent("requires_payment_method", 500, "usd");
        StripeError error = new StripeError();
        error.setCode("card_declined");
        error.setDeclineCode("expired_card");
        error.setMessage("Your card has expired.");
        declined.setLastPaymentError(error);
        var result = StripeResults.of(declined, null);
        assertThat(result.outcome()).isEqualTo(Outcome.DECLINED);
        assertThat(result.declineCode()).isEqualTo("expired_card");
        assertThat(result.chargeId()).isEqualTo("pi_unit");
    }

    private static PaymentIntent intent(String status, long amount, String currency) {
        PaymentIntent intent = new PaymentIntent();
        intent.setId("pi_unit");
        intent.setStatus(status);
        intent.setAmount(amount);
        intent.setAmountReceived(amount);
        intent.setCurrency(currency);
        return intent;
    }

    private static BalanceTransaction settled(String currency, long fee, String rate) {
        BalanceTransaction txn = new BalanceTransaction();
        txn.setCurrency(currency);
        txn.setFee(fee);
        txn.setAmount(0L);
        txn.setExchangeRate(new BigDecimal(rate));
        return txn;
    }
}
