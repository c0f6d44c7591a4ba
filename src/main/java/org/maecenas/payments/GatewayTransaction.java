package org.maecenas.payments;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.maecenas.money.Money;

/**
 * A movement of money on the gateway's own books (Stripe: a balance transaction), for
 * reconciliation.
 *
 * @param id the gateway's id of the movement
 * @param chargeId the charge it belongs to, as {@link ChargeResult#chargeId()} named it
 * @param sourceId the refund's or dispute's id for those types, else the charge id
 * @param amount signed: positive when money came to the platform (a charge), negative when it left
 *     (a refund, a dispute withdrawal)
 * @param fee the gateway's fee on this movement (positive = taken from the platform)
 */
public record GatewayTransaction(
        String id,
        Type type,
        @Nullable String chargeId,
        @Nullable String sourceId,
        Money amount,
        Money fee,
        Instant at) {

    public enum Type {
        CHARGE,
        REFUND,
        DISPUTE_WITHDRAWAL,
        DISPUTE_REINSTATEMENT,
        PAYOUT,
        OTHER
    }
}
