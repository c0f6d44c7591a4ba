package org.maecenas.payments.internal;

import static org.maecenas.payments.internal.StripeApi.KEY_METADATA;

import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.Dispute;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Payout;
import com.stripe.model.Refund;
import com.stripe.net.RequestOptions;
import com.stripe.param.RefundListParams;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.maecenas.payments.GatewayEvents;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Applies a Stripe event by fetching its object again (the payload is only news that something
 * changed; Stripe's current state is the truth) and announcing what the other modules must know.
 * Each fact is announced once per object, whatever order events come in: a dispute's close that
 * arrives before its creation announces both, and the creation then adds nothing.
 */
class StripeEventHandlers {

    private final StripeApi stripe;
    private final StripeSetup setup;
    private final PaymentMethodRepository methods;
    private final StripeEventStore store;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    StripeEventHandlers(
            StripeApi stripe,
            StripeSetup setup,
            PaymentMethodRepository methods,
            StripeEventStore store,
            ApplicationEventPublisher events,
            Clock clock) {
        this.stripe = stripe;
        this.setup = setup;
        this.methods = methods;
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    /** Applies one event; answers what it did, for the operators' list. */
    String apply(String type, String objectId, @Nullable String account) throws StripeException {
        return switch (type) {
            case "payment_intent.succeeded", "payment_intent.payment_failed", "payment_intent.requires_action" ->
                paymentIntent(objectId);
            case "charge.refunded" -> refunds(objectId);
            case "charge.dispute.created", "charge.dispute.closed" -> dispute(objectId);
            case "setup_intent.succeeded" -> setupIntent(objectId);
            case "payout.paid", "payout.failed" -> payout(objectId, account);
            default -> "ignored: not an event Maecenas acts on";
        };
    }

    private String paymentIntent(String id) throws StripeException {
        PaymentIntent intent = stripe.call(c -> c.v1().paymentIntents().retrieve(id));
        String key = metadata(intent.getMetadata());
        if (key == null) {
            return "ignored: not a Maecenas charge";
        }
        // the listener looks the key up, as the janitor would, and applies what Stripe says now
        events.publishEvent(new GatewayEvents.ChargeChanged(StripeGateway.NAME, key));
        return "charge " + key + " is " + intent.getStatus();
    }

    /** Refunds made outside Maecenas (the dashboard); ours carry our key and are recorded already. */
    private String refunds(String chargeId) throws StripeException {
        Charge charge = stripe.call(c -> c.v1().charges().retrieve(chargeId));
        String ours = charge.getPaymentIntent() != null ? charge.getPaymentIntent() : charge.getId();
        RefundListParams params =
                RefundListParams.builder().setCharge(chargeId).setLimit(100L).build();
        int announced = 0;
        for (Refund refund : stripe.call(c -> c.v1().refunds().list(params)).autoPagingIterable()) {
            boolean moved = "succeeded".equals(refund.getStatus()) || "pending".equals(refund.getStatus());
            if (moved && metadata(refund.getMetadata()) == null && announce(refund.getId(), "refund-made")) {
                events.publishEvent(new GatewayEvents.RefundMade(
                        StripeGateway.NAME,
                        ours,
                        refund.getId(),
                        StripeResults.money(refund.getAmount(), refund.getCurrency())));
                announced++;
            }
        }
        return announced + " outside refund(s) announced";
    }

    private String dispute(String id) throws StripeException {
        Dispute dispute = stripe.call(c -> c.v1().disputes().retrieve(id));
        String status = dispute.getStatus();
        if (status.startsWith("warning_")) {
            return "ignored: an inquiry, no money is held";
        }
        StringBuilder outcome = new StringBuilder("dispute " + status);
        if (announce(id, "opened")) {
            String charge = dispute.getPaymentIntent() != null ? dispute.getPaymentIntent() : dispute.getCharge();
            events.publishEvent(new GatewayEvents.DisputeOpened(
                    StripeGateway.NAME,
                    charge,
                    id,
                    StripeResults.money(dispute.getAmount(), dispute.getCurrency()),
                    dispute.getReason()));
            outcome.append(", opened");
        }
        boolean closed = "won".equals(status) || "lost".equals(status);
        if (closed && announce(id, "closed")) {
            events.publishEvent(new GatewayEvents.DisputeClosed(StripeGateway.NAME, id, "won".equals(status)));
            outcome.append(", closed");
        }
        return outcome.toString();
    }

    private String setupIntent(String id) {
        Optional<StripeSetup.Saved> saved = setup.succeeded(id);
        if (saved.isEmpty()) {
            return "ignored: not a finished card setup of a Maecenas patron";
        }
        boolean added = methods.saveIfAbsent(
                saved.get().userId(), StripeGateway.NAME, saved.get().method(), clock.instant());
        return added ? "card saved" : "card was saved already";
    }

    private String payout(String id, @Nullable String account) throws StripeException {
        RequestOptions on = account == null
                ? RequestOptions.getDefault()
                : RequestOptions.builder().setStripeAccount(account).build();
        Payout payout = stripe.call(c -> c.v1().payouts().retrieve(id, on));
        return switch (payout.getStatus()) {
            case "paid" -> {
                if (announce(id, "paid")) {
                    events.publishEvent(new GatewayEvents.PayoutPaid(StripeGateway.NAME, id));
                }
                yield "payout paid";
            }
            case "failed" -> {
                if (announce(id, "failed")) {
                    String reason = payout.getFailureMessage() != null
                            ? payout.getFailureMessage()
                            : String.valueOf(payout.getFailureCode());
                    events.publishEvent(new GatewayEvents.PayoutFailed(StripeGateway.NAME, id, reason));
                }
                yield "payout failed";
            }
            default -> "payout " + payout.getStatus() + ": nothing to announce yet";
        };
    }

    private boolean announce(String objectId, String fact) {
        return store.announce(objectId, fact, clock.instant());
    }

    private static @Nullable String metadata(@Nullable Map<String, String> metadata) {
        return metadata == null ? null : metadata.get(KEY_METADATA);
    }
}
