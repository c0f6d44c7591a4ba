package org.maecenas.payments;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
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
    void theApplicationUsesStripeWhenItsKeyIsSet() {
        assertThat(gateway).isInstanceOf(StripeGateway.class);
        assertThat(gateway.name()).isEqualTo("stripe");
    }
}
