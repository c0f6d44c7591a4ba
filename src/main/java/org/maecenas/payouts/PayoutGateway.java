package org.maecenas.payouts;

import org.maecenas.money.Money;

/** Sends money to a creator's Stripe Connect account. The sandbox sends nothing and says it did. */
public interface PayoutGateway {

    /**
     * Starts a payout; returns the processor's id. Throws {@link Refused} when the processor refused
     * it (nothing moved); any other exception means the outcome is unknown, and sending again with
     * the same key is safe.
     */
    String send(String idempotencyKey, String connectAccount, Money amount);

    /** The processor said no: no money moved. */
    class Refused extends RuntimeException {
        public Refused(String message, Throwable cause) {
            super(message, cause);
        }

        public Refused(String message) {
            super(message);
        }
    }
}
