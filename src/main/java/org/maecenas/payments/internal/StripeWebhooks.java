package org.maecenas.payments.internal;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.exception.StripeException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import java.time.Clock;
import java.time.Instant;
import org.maecenas.payments.PaymentProblems.ProcessorUnavailable;
import org.maecenas.payments.StripeProperties;
import org.maecenas.web.DomainProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stripe's webhooks: signature checked against our clock, each event stored by id and applied in
 * the same transaction, once. A redelivered event finds its id taken and changes nothing; an event
 * that cannot be applied now (Stripe unreachable for the re-fetch) is not stored, so Stripe's own
 * retry brings it again.
 */
public class StripeWebhooks {

    private static final Logger log = LoggerFactory.getLogger(StripeWebhooks.class);

    private final StripeProperties properties;
    private final StripeEventStore store;
    private final StripeEventHandlers handlers;
    private final TransactionTemplate transactions;
    private final Clock clock;

    StripeWebhooks(
            StripeProperties properties,
            StripeEventStore store,
            StripeEventHandlers handlers,
            PlatformTransactionManager transactions,
            Clock clock) {
        this.properties = properties;
        this.store = store;
        this.handlers = handlers;
        this.transactions = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** What became of a delivery. */
    public enum Receipt {
        APPLIED,
        DUPLICATE
    }

    public Receipt receive(String payload, String signature) {
        Event event = verified(payload, signature);
        String objectId = objectId(payload);
        Receipt receipt = transactions.execute(tx -> {
            Instant now = clock.instant();
            if (!store.insert(
                    event.getId(), event.getType(), Instant.ofEpochSecond(event.getCreated()), now, payload)) {
                return Receipt.DUPLICATE;
            }
            try {
                store.applied(event.getId(), handlers.apply(event.getType(), objectId, event.getAccount()), now);
            } catch (StripeException unreachable) {
                log.warn(
                        "Stripe event {} not applied now, Stripe will send it again: {}",
                        event.getId(),
                        unreachable.getMessage());
                throw new ProcessorUnavailable();
            }
            return Receipt.APPLIED;
        });
        log.info("Stripe event {} ({}): {}", event.getId(), event.getType(), receipt);
        return receipt;
    }

    private Event verified(String payload, String signature) {
        if (signature == null || signature.isBlank()) {
            throw new WebhookRejected("The Stripe-Signature header is missing.");
        }
        long tolerance = properties.webhookTolerance().toSeconds();
        SignatureVerificationException last = null;
        for (String secret : properties.webhookSecrets()) {
            try {
                return Webhook.constructEvent(payload, signature, secret, tolerance, clock);
            } catch (SignatureVerificationException wrong) {
                last = wrong;
            } catch (RuntimeException malformed) {
                // a header or body that isn't what Stripe sends (a bad timestamp, broken JSON)
                throw new WebhookRejected("The webhook is malformed.");
            }
        }
        throw new WebhookRejected(
                last == null
                        ? "No webhook signing secret is configured (STRIPE_WEBHOOK_SECRET)."
                        : "The signature does not match, or its timestamp is too old: " + last.getMessage());
    }

    /** The id of the event's object: all that is taken from the payload (the object is fetched again). */
    private static String objectId(String payload) {
        JsonNode id = JsonMapper.shared()
                .readTree(payload)
                .path("data")
                .path("object")
                .path("id");
        if (!id.isString() || id.asString().isBlank()) {
            throw new WebhookRejected("The event names no object.");
        }
        return id.asString();
    }

    /** A webhook that is not Stripe's, or not recent: refused, nothing stored. */
    public static final class WebhookRejected extends DomainProblem {
        WebhookRejected(String message) {
            super("webhook-rejected", HttpStatus.BAD_REQUEST, message);
        }
    }
}
