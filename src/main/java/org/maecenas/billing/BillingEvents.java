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

    /**
     * A chunk of a billing day was collected: what {@link InvoicePaid} and {@link PaymentDeclined}
     * tell one invoice at a time, for the hundreds of a chunk in one publication.
     */
    public record PaymentsCollected(List<InvoicePaid> paid, List<PaymentDeclined> declined) {}
}
