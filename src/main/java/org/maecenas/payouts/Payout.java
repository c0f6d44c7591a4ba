package org.maecenas.payouts;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.maecenas.money.Money;

public record Payout(
        long id,
        long campaignId,
        Money amount,
        String methodKind,
        String destination,
        String status,
        @Nullable String externalId,
        @Nullable String failureReason,
        Instant requestedAt,
        @Nullable Instant sentAt,
        @Nullable Instant settledAt) {}
