package org.maecenas.payments;

import org.jspecify.annotations.Nullable;
import org.maecenas.money.Money;

/**
 * What a gateway says about a charge.
 *
 * @param settled what the gateway actually settled (usually the amount asked for)
 * @param fee the gateway's processing fee
 */
public record ChargeResult(
        Outcome outcome,
        @Nullable String chargeId,
        @Nullable Money settled,
        @Nullable Money fee,
        @Nullable String declineCode,
        String message) {

    public enum Outcome {
        SUCCEEDED,
        DECLINED,
        REQUIRES_ACTION,
        /** The gateway may or may not have charged: ask again by key before doing anything else. */
        UNKNOWN
    }

    public static ChargeResult unknown(String message) {
        return new ChargeResult(Outcome.UNKNOWN, null, null, null, null, message);
    }

    public boolean succeeded() {
        return outcome == Outcome.SUCCEEDED;
    }
}
