package org.maecenas.payments;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.maecenas.money.Money;
import org.maecenas.payments.internal.StripeGateway;
import org.maecenas.testing.FakeStripe;
import org.maecenas.testing.StripeTest;
import org.springframework.beans.factory.annotation.Autowired;

/** The contract against the Stripe adapter as the application wires it, over HTTP to a fake Stripe. */
@StripeTest
class StripeGatewayContractTests extends PaymentGatewayContract {

    private final FakeStripe stripe = FakeStripe.get();

    @Autowired
    PaymentGateway gateway;

    @Override
    protected PaymentGateway gateway() {
        return gateway;
    }

    @Override
    protected String payingCard() {
        return stripe.card("visa");
    }

    @Override
    protected String poorCard() {
        return stripe.card("chargeDeclinedInsufficientFunds");
    }

    @Override
    protected String authenticatingCard() {
        return stripe.card("authenticationRequired");
    }

    @Test
    void aReplayedChargeSendsTheSameIdempotencyKeyAndStripeMakesOneIntent() {
        String key = "inv-replay-" + UUID.randomUUID();
        String card = payingCard();
        long intentsBefore = stripe.count("pi");

        ChargeResult first = gateway.charge(new ChargeRequest(key, card, Money.of(800, "USD"), "replay"));
        ChargeResult again = gateway.charge(new ChargeRequest(key, card, Money.of(800, "USD"), "replay"));

        assertThat(again).isEqualTo(first);
        assertThat(stripe.count("pi")).isEqualTo(intentsBefore + 1);
        assertThat(stripe
                        .server()
                        .findAll(postRequestedFor(urlEqualTo("/v1/payment_intents"))
                                .withFormParam("metadata[maecenas_key]", equalTo(key)))
                        .stream()
                        .map(request -> request.getHeader("Idempotency-Key")))
                .containsExactly("maecenas-" + key, "maecenas-" + key);
    }

    @Test
    void theApplicationUsesStripeWhenItsKeyIsSet() {
        assertThat(gateway).isInstanceOf(StripeGateway.class);
        assertThat(gateway.name()).isEqualTo("stripe");
    }
}
