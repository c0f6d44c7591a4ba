package org.maecenas.payments;

import org.jspecify.annotations.Nullable;
import org.maecenas.money.Money;

/** What a gateway says about a refund. */
public record RefundResult(
        Outcome outcome,
        @Nullable String refundId,
        @Nullable Money amount,
        String message) {

    public enum Outcome {
        SUCCEEDED,
        /** Accepted; the money is on its way back (Stripe: {@code pending}). Counts as refunded. */
        PENDING,
        FAILED,
        /** No answer: ask again by key. */
        UNKNOWN
    }

    public static RefundResult unknown(String message) {
        return new RefundResult(Outcome.UNKNOWN, null, null, message);
    }

    /** Money has gone (or is going) back to the patron. */
    public boolean accepted() {
        return outcome == Outcome.SUCCEEDED || outcome == Outcome.PENDING;
    }
}
