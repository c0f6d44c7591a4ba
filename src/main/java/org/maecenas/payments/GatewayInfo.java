package org.maecenas.payments;

import java.util.Optional;
import org.maecenas.payments.internal.SandboxGateway;
import org.maecenas.web.PaymentsMode;
import org.springframework.stereotype.Component;

/**
 * Which gateway takes the money, for pages: test mode (the sandbox) is said on every page, and
 * Stripe.js needs the publishable key.
 */
@Component
public class GatewayInfo implements PaymentsMode {

    private final PaymentGateway gateway;
    private final StripeProperties stripe;

    GatewayInfo(PaymentGateway gateway, StripeProperties stripe) {
        this.gateway = gateway;
        this.stripe = stripe;
    }

    public String name() {
        return gateway.name();
    }

    /** Payments go through the sandbox: test cards only, no real money moves. */
    @Override
    public boolean testMode() {
        return SandboxGateway.NAME.equals(gateway.name());
    }

    /** Whether cards are entered in Stripe's own form (Stripe.js), never on our pages. */
    public boolean stripe() {
        return !testMode() && stripe.configured();
    }

    /** The publishable key for Stripe.js, when Stripe takes the money and the key is set. */
    public Optional<String> stripePublishableKey() {
        return stripe() ? Optional.ofNullable(stripe.publishableKey()).filter(k -> !k.isBlank()) : Optional.empty();
    }
}
