package org.maecenas.billing;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Facts billing announces (for mail, webhooks and dashboards). */
public final class BillingEvents {

    private BillingEvents() {}

    public record InvoicePaid(long invoiceId, long patronUserId, long amountMinor, String currency, Instant at) {}

    /** A payment failed; {@code nextAttemptAt} is null when no retry is left (the invoice is uncollectible). */
    public record PaymentDeclined(
            long invoiceId,
            long patronUserId,
            long amountMinor,
            String currency,
            String reason,
            @Nullable Instant nextAttemptAt) {}

    /** Money went back to a patron (a refund by the creator, or one made at the gateway). */
    public record RefundIssued(
            long refundId,
            long invoiceId,
            long patronUserId,
            long campaignId,
            long amountMinor,
            String currency,
            String description,
            Instant at) {}

    /** A patron's bank disputes a payment: its amount is held from the creators' balances. */
    public record DisputeOpened(long disputeId, long invoiceId, long amountMinor, String currency, Instant at) {}

    /** A dispute was decided: won releases the held amount, lost takes it. */
    public record DisputeClosed(long disputeId, long invoiceId, boolean won, Instant at) {}

    /** The patron's bank wants them to confirm a payment; it waits until they do (or the wait ends). */
    public record AuthenticationRequired(
            long invoiceId, long patronUserId, long amountMinor, String currency, Instant at) {}
    /**
     * A chunk of a billing day was collected: what {@link InvoicePaid}, {@link PaymentDeclined} and
     * {@link AuthenticationRequired} tell one invoice at a time, for the hundreds of a chunk in one
     * publication. A publication stored before {@code toConfirm} existed (read again after an
     * upgrade) has none.
     */
    public record PaymentsCollected(
            List<InvoicePaid> paid, List<PaymentDeclined> declined, List<AuthenticationRequired> toConfirm) {

        public PaymentsCollected {
            toConfirm = toConfirm == null ? List.of() : toConfirm;
        }
    }
}
