package org.maecenas.payments;

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

    /** Checks a payment method can be charged (no money moves); a decline says why not. */
    ChargeResult verify(String token, Money probe);

    /** Turns what a patron entered into a saved method (the sandbox takes test card numbers). */
    SavedMethod save(String cardNumber, int expMonth, int expYear);

    /** A method as the gateway keeps it. */
    record SavedMethod(String token, String brand, String last4, int expMonth, int expYear) {}
}
