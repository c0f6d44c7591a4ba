package org.maecenas.payouts;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Facts about payouts (for the creator's notices). */
public final class PayoutEvents {

    private PayoutEvents() {}

    /** The money left for the creator's bank or connected account. */
    public record PayoutPaid(
            long payoutId, long campaignId, long amountMinor, String currency, String destination, Instant at) {}

    /** A payout failed and its money is back in the creator's balance. */
    public record PayoutFailed(
            long payoutId,
            long campaignId,
            long amountMinor,
            String currency,
            String destination,
            @Nullable String reason,
            Instant at) {}
}
