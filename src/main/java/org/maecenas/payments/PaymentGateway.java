package org.maecenas.payments;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.maecenas.money.Money;

/**
 * A payment processor. Every call that moves money carries our idempotency key, so asking twice
 * never charges twice, and {@link #lookup} answers what happened to a key after a crash.
 */
public interface PaymentGateway {

    String name();

    /** Charges a saved method. Throws nothing for declines; an exception means the outcome is unknown. */
    ChargeResult charge(ChargeRequest request);

    /** What happened to a charge with this key, if the gateway saw it. */
    Optional<ChargeResult> lookup(String idempotencyKey);

    /**
     * Gives up on a charge that waits for the patron to authenticate it, so another attempt may
     * start. Answers what became of the charge: it may have succeeded just before (then it stands).
     */
    ChargeResult cancel(String idempotencyKey);

    /**
     * What the patron's browser needs to authenticate a waiting charge (Stripe: the PaymentIntent's
     * client secret); empty when the gateway has nothing waiting or completes it another way.
     */
    Optional<String> actionSecret(String idempotencyKey);

    /** Refunds part or all of a charge. Throws nothing for a refusal; an exception means the outcome is unknown. */
    RefundResult refund(RefundRequest request);

    /** What happened to a refund with this key, if the gateway saw it. */
    Optional<RefundResult> lookupRefund(String idempotencyKey);

    /** The gateway's own record of money moved in {@code [from, to)}, oldest first, for reconciliation. */
    List<GatewayTransaction> transactions(Instant from, Instant to);

    /** Checks a payment method can be charged (no money moves); a decline says why not. */
    ChargeResult verify(String token, Money probe);

    /** Turns what a patron entered into a saved method (the sandbox takes test card numbers). */
    SavedMethod save(String cardNumber, int expMonth, int expYear);

    /** A method as the gateway keeps it. */
    record SavedMethod(String token, String brand, String last4, int expMonth, int expYear) {}
}
