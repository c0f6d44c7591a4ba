package org.maecenas.payments.internal;

import static org.maecenas.payments.internal.StripeApi.KEY_METADATA;
import static org.maecenas.payments.internal.StripeApi.idempotent;

import com.stripe.exception.CardException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.BalanceTransaction;
import com.stripe.model.Charge;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.param.PaymentIntentCancelParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentIntentListParams;
import com.stripe.param.PaymentIntentRetrieveParams;
import com.stripe.param.PaymentIntentSearchParams;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.RefundListParams;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.maecenas.money.Money;
import org.maecenas.payments.ChargeRequest;
import org.maecenas.payments.ChargeResult;
import org.maecenas.payments.ChargeResult.Outcome;
import org.maecenas.payments.GatewayTransaction;
import org.maecenas.payments.PaymentGateway;
import org.maecenas.payments.RefundRequest;
import org.maecenas.payments.RefundResult;
import org.maecenas.web.InvalidInput;

/**
 * Stripe behind the port. A charge is an off-session PaymentIntent created and confirmed at once
 * with a Stripe idempotency key derived from our attempt key, which also travels in the intent's
 * metadata. The charge id we hand out is the PaymentIntent's id; refunds, disputes and balance
 * transactions are traced back to it.
 *
 * <p>Finding a key again: the key is recorded (committed on its own) before Stripe is called and
 * the intent's id after. A key whose answer was lost is looked for among its customer's intents
 * created since (a list is consistent at once, unlike search); a key we have no record of at all
 * (a database restored from before it) is searched for by metadata, which may lag by a minute. We
 * do not replay the create to find out: within Stripe's 24 hours that would answer the same, but
 * it would also charge a key that never reached Stripe, long after the patron's attempt.
 */
public class StripeGateway implements PaymentGateway {

    public static final String NAME = "stripe";

    private static final String SETTLEMENT = "latest_charge.balance_transaction";
    private static final Duration LOOKBACK = Duration.ofHours(1);

    private final StripeApi stripe;
    private final StripeCustomers customers;
    private final StripeKeys keys;
    private final Clock clock;

    StripeGateway(StripeApi stripe, StripeCustomers customers, StripeKeys keys, Clock clock) {
        this.stripe = stripe;
        this.customers = customers;
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ChargeResult charge(ChargeRequest request) {
        String key = request.idempotencyKey();
        try {
            String customer = customers.ofMethod(request.token());
            if (customer == null) {
                return new ChargeResult(
                        Outcome.DECLINED, null, null, null, "card_not_saved", "This card is no longer on file.");
            }
            keys.charging(key, customer, request.token(), clock.instant());
            PaymentIntentCreateParams params = PaymentIntentCreateParams.builder()
                    .setAmount(request.amount().minor())
                    .setCurrency(request.amount().currency().getCurrencyCode().toLowerCase(Locale.ROOT))
                    .setCustomer(customer)
                    .setPaymentMethod(request.token())
                    .setOffSession(true)
                    .setConfirm(true)
                    .setDescription(request.description())
                    .putMetadata(KEY_METADATA, key)
                    .addExpand(SETTLEMENT)
                    .build();
            PaymentIntent intent = stripe.call(c -> c.v1().paymentIntents().create(params, idempotent("", key)));
            keys.charged(key, intent.getId());
            return result(intent);
        } catch (CardException declined) {
            ChargeResult result = StripeResults.of(declined);
            if (result.chargeId() != null) {
                keys.charged(key, result.chargeId());
            }
            return result;
        } catch (IdempotencyException reused) {
            throw unknown("charge", key, reused);
        } catch (InvalidRequestException refused) {
            // e.g. the card was detached: nothing was charged, and nothing will be by asking again
            return new ChargeResult(
                    Outcome.DECLINED, null, null, null, refused.getCode(), "The card could not be charged.");
        } catch (StripeException unreachable) {
            throw unknown("charge", key, unreachable);
        }
    }

    @Override
    public Optional<ChargeResult> lookup(String idempotencyKey) {
        try {
            return find(idempotencyKey).map(this::result);
        } catch (StripeException unreachable) {
            throw unknown("lookup", idempotencyKey, unreachable);
        }
    }

    @Override
    public ChargeResult cancel(String idempotencyKey) {
        try {
            Optional<PaymentIntent> found = find(idempotencyKey);
            if (found.isEmpty()) {
                return new ChargeResult(
                        Outcome.DECLINED, null, null, null, "not_received", "The payment never reached the gateway.");
            }
            PaymentIntent intent = found.get();
            if (result(intent).outcome() != Outcome.REQUIRES_ACTION) {
                return result(intent);
            }
            try {
                PaymentIntentCancelParams params = PaymentIntentCancelParams.builder()
                        .setCancellationReason(PaymentIntentCancelParams.CancellationReason.ABANDONED)
                        .addExpand(SETTLEMENT)
                        .build();
                return result(stripe.call(c ->
                        c.v1().paymentIntents().cancel(intent.getId(), params, idempotent("cancel-", idempotencyKey))));
            } catch (InvalidRequestException tooLate) {
                // it moved on (the patron authenticated just now): what it is now stands
                return result(retrieve(intent.getId()));
            }
        } catch (StripeException unreachable) {
            throw unknown("cancel", idempotencyKey, unreachable);
        }
    }

    @Override
    public Optional<String> actionSecret(String idempotencyKey) {
        try {
            return find(idempotencyKey)
                    .filter(intent -> result(intent).outcome() == Outcome.REQUIRES_ACTION)
                    .map(PaymentIntent::getClientSecret);
        } catch (StripeException unreachable) {
            throw unknown("actionSecret", idempotencyKey, unreachable);
        }
    }

    @Override
    public RefundResult refund(RefundRequest request) {
        String key = request.idempotencyKey();
        try {
            keys.refunding(key, request.chargeId(), clock.instant());
            RefundCreateParams params = RefundCreateParams.builder()
                    .setPaymentIntent(request.chargeId())
                    .setAmount(request.amount().minor())
                    .putMetadata(KEY_METADATA, key)
                    .putMetadata("maecenas_reason", request.reason())
                    .build();
            Refund refund = stripe.call(c -> c.v1().refunds().create(params, idempotent("refund-", key)));
            keys.refunded(key, refund.getId());
            return StripeResults.of(refund);
        } catch (IdempotencyException reused) {
            throw unknown("refund", key, reused);
        } catch (InvalidRequestException refused) {
            // more than is left of the charge, a charge that isn't there …: Stripe refunded nothing
            return new RefundResult(
                    RefundResult.Outcome.FAILED,
                    null,
                    null,
                    refused.getStripeError() == null
                            ? "The refund was refused."
                            : refused.getStripeError().getMessage());
        } catch (StripeException unreachable) {
            throw unknown("refund", key, unreachable);
        }
    }

    @Override
    public Optional<RefundResult> lookupRefund(String idempotencyKey) {
        try {
            Optional<StripeKeys.Refund> sent = keys.refund(idempotencyKey);
            if (sent.isEmpty()) {
                return Optional.empty();
            }
            if (sent.get().refundId() != null) {
                String id = sent.get().refundId();
                Refund refund = stripe.call(c -> c.v1().refunds().retrieve(id));
                return Optional.of(StripeResults.of(refund));
            }
            RefundListParams params = RefundListParams.builder()
                    .setPaymentIntent(sent.get().paymentIntentId())
                    .setLimit(100L)
                    .build();
            for (Refund refund : stripe.call(c -> c.v1().refunds().list(params)).autoPagingIterable()) {
                if (idempotencyKey.equals(metadata(refund.getMetadata()))) {
                    keys.refunded(idempotencyKey, refund.getId());
                    return Optional.of(StripeResults.of(refund));
                }
            }
            return Optional.empty();
        } catch (StripeException unreachable) {
            throw unknown("lookupRefund", idempotencyKey, unreachable);
        }
    }

    @Override
    public List<GatewayTransaction> transactions(Instant from, Instant to) {
        try {
            return StripeTransactions.between(stripe, from, to);
        } catch (StripeException unreachable) {
            throw new GatewayUnavailable("Stripe's balance transactions could not be read", unreachable);
        }
    }

    @Override
    public ChargeResult verify(String token, Money probe) {
        try {
            // a card saved through a SetupIntent was checked (and authenticated) by Stripe then
            String customer = customers.ofMethod(token);
            return customer == null
                    ? new ChargeResult(Outcome.DECLINED, null, null, null, "card_not_saved", "This card is not saved.")
                    : new ChargeResult(Outcome.SUCCEEDED, null, probe, Money.zero(probe.currency()), null, "verified");
        } catch (StripeException unreachable) {
            throw new GatewayUnavailable("Stripe could not be asked about the card", unreachable);
        }
    }

    @Override
    public SavedMethod save(String cardNumber, int expMonth, int expYear) {
        // card numbers never reach this server with Stripe: they go from Stripe.js to Stripe
        throw InvalidInput.of(
                "cardNumber", "Enter your card in the secure card form: card numbers never reach this site.");
    }

    /** The intent made with our key, wherever we can find it (see the class comment). */
    private Optional<PaymentIntent> find(String key) throws StripeException {
        Optional<StripeKeys.Charge> sent = keys.charge(key);
        if (sent.isPresent() && sent.get().paymentIntentId() != null) {
            return Optional.of(retrieve(sent.get().paymentIntentId()));
        }
        if (sent.isPresent()) {
            PaymentIntentListParams params = PaymentIntentListParams.builder()
                    .setCustomer(sent.get().customerId())
                    .setCreated(PaymentIntentListParams.Created.builder()
                            .setGte(sent.get().at().minus(LOOKBACK).getEpochSecond())
                            .build())
                    .setLimit(100L)
                    .addExpand("data." + SETTLEMENT)
                    .build();
            for (PaymentIntent intent :
                    stripe.call(c -> c.v1().paymentIntents().list(params)).autoPagingIterable()) {
                if (key.equals(metadata(intent.getMetadata()))) {
                    keys.charged(key, intent.getId());
                    return Optional.of(intent);
                }
            }
            return Optional.empty();
        }
        PaymentIntentSearchParams search = PaymentIntentSearchParams.builder()
                .setQuery("metadata['" + KEY_METADATA + "']:'" + key.replace("'", "\\'") + "'")
                .addExpand("data." + SETTLEMENT)
                .build();
        return stripe.call(c -> c.v1().paymentIntents().search(search)).getData().stream()
                .findFirst();
    }

    private PaymentIntent retrieve(String id) throws StripeException {
        PaymentIntentRetrieveParams params =
                PaymentIntentRetrieveParams.builder().addExpand(SETTLEMENT).build();
        return stripe.call(c -> c.v1().paymentIntents().retrieve(id, params));
    }

    private ChargeResult result(PaymentIntent intent) {
        return StripeResults.of(intent, settlement(intent));
    }

    private @Nullable BalanceTransaction settlement(PaymentIntent intent) {
        Charge charge = intent.getLatestChargeObject();
        if (!"succeeded".equals(intent.getStatus()) || charge == null) {
            return null;
        }
        if (charge.getBalanceTransactionObject() != null || charge.getBalanceTransaction() == null) {
            return charge.getBalanceTransactionObject();
        }
        try {
            return stripe.call(c -> c.v1().balanceTransactions().retrieve(charge.getBalanceTransaction()));
        } catch (StripeException unreachable) {
            return null;
        }
    }

    private static @Nullable String metadata(java.util.@Nullable Map<String, String> metadata) {
        return metadata == null ? null : metadata.get(KEY_METADATA);
    }

    private static GatewayUnavailable unknown(String what, String key, StripeException cause) {
        return new GatewayUnavailable(
                "Stripe did not answer " + what + " for " + key + " (" + cause.getMessage() + ")", cause);
    }

    /** Stripe did not answer (after retries): the outcome is unknown, ask again by key later. */
    public static final class GatewayUnavailable extends RuntimeException {
        GatewayUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
