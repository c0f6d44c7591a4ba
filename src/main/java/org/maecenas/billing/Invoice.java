package org.maecenas.billing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.maecenas.money.Money;

public record Invoice(
        long id,
        String key,
        long patronUserId,
        Money total,
        LocalDate billingDate,
        String reason,
        String status,
        @Nullable Long paymentMethodId,
        int failures,
        @Nullable Instant nextAttemptAt,
        Instant createdAt,
        @Nullable Instant paidAt,
        List<Line> lines) {

    /**
     * One creator's part of an invoice, with the platform's fee on it, fixed when the line was made
     * (null on lines made before that: the creator's rate when the invoice is settled).
     */
    public record Line(
            long id,
            long campaignId,
            long membershipId,
            String kind,
            Money amount,
            @Nullable LocalDate periodStart,
            @Nullable LocalDate periodEnd,
            String description,
            @Nullable Long platformFeeMinor) {}

    public boolean paid() {
        return "PAID".equals(status);
    }
}
