package org.maecenas.pledges;

import java.time.Instant;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;
import org.maecenas.campaigns.CampaignId;
import org.maecenas.campaigns.TierId;
import org.maecenas.money.Money;

/**
 * A membership with its money: what is paid, how often, capped how, with which card, and until
 * when it is paid.
 *
 * @param amount per creation, per month, or per year (annual)
 * @param monthlyCap most paid creations billed in a calendar month (per creation only)
 * @param nextChargeOn the next renewal (monthly and annual)
 * @param nextAmount a downgrade waiting for the next cycle
 */
public record Pledge(
        long id,
        CampaignId campaignId,
        long patronUserId,
        @Nullable TierId tier,
        Money amount,
        Cadence cadence,
        Status status,
        @Nullable Integer monthlyCap,
        @Nullable Integer anchorDay,
        @Nullable LocalDate nextChargeOn,
        @Nullable Money nextAmount,
        @Nullable TierId nextTier,
        @Nullable Long paymentMethodId,
        @Nullable Instant paidThrough,
        Instant createdAt,
        @Nullable Instant cancelledAt) {

    public enum Status {
        INCOMPLETE,
        ACTIVE,
        DECLINED,
        CANCELLED,
        FAILED
    }

    public boolean live() {
        return status == Status.ACTIVE || status == Status.DECLINED || status == Status.INCOMPLETE;
    }

    public boolean paid() {
        return cadence != Cadence.FREE;
    }
}
