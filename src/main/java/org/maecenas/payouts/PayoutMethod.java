package org.maecenas.payouts;

import org.jspecify.annotations.Nullable;

/** How a creator is paid; bank details are shown only as a summary (never decrypted for display). */
public record PayoutMethod(
        long campaignId,
        String kind,
        @Nullable String connectAccount,
        @Nullable String bankSummary,
        boolean automatic) {

    public String destination() {
        return "STRIPE_CONNECT".equals(kind) ? "Stripe " + connectAccount : "Bank " + bankSummary;
    }
}
