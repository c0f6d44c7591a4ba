package org.maecenas.payouts.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.StripeClient;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.maecenas.money.Money;
import org.maecenas.testing.FakeStripe;

/** Connect payouts: a Transfer to the creator's account, then a Payout on it, each keyed by our payout. */
class StripePayoutGatewayTests {

    private final FakeStripe stripe = FakeStripe.get();
    private final StripePayoutGateway payouts = new StripePayoutGateway(StripeClient.builder()
            .setApiKey("sk_test_payouts")
            .setApiBase(stripe.baseUrl())
            .build());

    @Test
    void aPayoutTransfersToTheConnectedAccountThenPaysOutThereOnce() {
        String key = "payout-" + UUID.randomUUID();
        long transfersBefore = stripe.count("tr");

        String sent = payouts.send(key, "acct_1QCreator", Money.of(4000, "EUR"));
        String again = payouts.send(key, "acct_1QCreator", Money.of(4000, "EUR"));

        assertThat(sent).startsWith("po_").isEqualTo(again);
        assertThat(stripe.count("tr")).isEqualTo(transfersBefore + 1);
        stripe.server()
                .verify(
                        2,
                        postRequestedFor(urlEqualTo("/v1/transfers"))
                                .withHeader("Idempotency-Key", equalTo("maecenas-transfer-" + key))
                                .withFormParam("destination", equalTo("acct_1QCreator"))
                                .withFormParam("amount", equalTo("4000"))
                                .withFormParam("currency", equalTo("eur")));
        stripe.server()
                .verify(
                        2,
                        postRequestedFor(urlEqualTo("/v1/payouts"))
                                .withHeader("Idempotency-Key", equalTo("maecenas-payout-" + key))
                                .withHeader("Stripe-Account", equalTo("acct_1QCreator"))
                                .withFormParam("metadata[maecenas_key]", equalTo(key)));
    }

    @Test
    void somethingThatIsNotAConnectedAccountIsRefusedBeforeStripeIsAsked() {
        assertThatThrownBy(() -> payouts.send("payout-x", "GB00 not an account", Money.of(100, "EUR")))
                .isInstanceOf(org.maecenas.payouts.PayoutGateway.Refused.class);
    }
}
