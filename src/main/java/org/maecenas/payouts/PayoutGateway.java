package org.maecenas.payouts;

import org.maecenas.money.Money;

/** Sends money to a creator's Stripe Connect account. The sandbox sends nothing and says it did. */
public interface PayoutGateway {

    /** Starts a payout; returns the processor's id. Throws when the processor refuses it. */
    String send(String idempotencyKey, String connectAccount, Money amount);
}
