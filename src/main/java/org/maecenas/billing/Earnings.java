package org.maecenas.billing;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.maecenas.accounts.Accounts;
import org.maecenas.accounts.UserId;
import org.maecenas.billing.internal.AccrualRepository;
import org.maecenas.campaigns.BillingModel;
import org.maecenas.campaigns.Campaign;
import org.maecenas.campaigns.CampaignId;
import org.maecenas.campaigns.Campaigns;
import org.maecenas.campaigns.Tier;
import org.maecenas.campaigns.Tiers;
import org.maecenas.ledger.Ledger;
import org.maecenas.money.Money;
import org.maecenas.pledges.Cadence;
import org.maecenas.pledges.Pledge;
import org.maecenas.pledges.Pledges;
import org.maecenas.posts.PostCharges;
import org.maecenas.posts.PostId;
import org.springframework.stereotype.Service;

/**
 * What a creator sees of the money coming in: this month's pending accruals, the estimate for the
 * next billing day, their balance, who supports them, and what each paid post was billed.
 */
@Service
public class Earnings implements PostCharges {

    private final AccrualRepository accruals;
    private final Pledges pledges;
    private final Tiers tiers;
    private final Campaigns campaigns;
    private final Accounts accounts;
    private final Ledger ledger;
    private final BillingProperties properties;
    private final Clock clock;

    Earnings(
            AccrualRepository accruals,
            Pledges pledges,
            Tiers tiers,
            Campaigns campaigns,
            Accounts accounts,
            Ledger ledger,
            BillingProperties properties,
            Clock clock) {
        this.accruals = accruals;
        this.pledges = pledges;
        this.tiers = tiers;
        this.campaigns = campaigns;
        this.accounts = accounts;
        this.ledger = ledger;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * A creator's money at a glance.
     *
     * @param pendingThisMonth paid creations of this month accrued and not yet billed
     * @param nextBillingDay the next day something of this creator's is billed (null: nothing is due)
     * @param estimate what that day should bill (before fees; declines may lower it)
     * @param balance what the platform owes the creator, settled nets so far
     */
    public record Summary(
            Money pendingThisMonth,
            long pendingCount,
            long pendingPatrons,
            @Nullable LocalDate nextBillingDay,
            Money estimate,
            long renewals,
            Money balance) {}

    public Summary of(Campaign campaign) {
        LocalDate today = new BillingCalendar(properties.timeZone()).today(clock.instant());
        LocalDate month = BillingCalendar.monthStart(today);
        long[] pending = accruals.pendingOfMonth(campaign.id().value(), month);
        Money balance = campaign.money(ledger.creatorBalance(campaign.id().value())
                .getOrDefault(campaign.currency().getCurrencyCode(), 0L));
        if (campaign.billingModel() == BillingModel.PER_CREATION) {
            // everything pending is billed on the next 1st
            return new Summary(
                    campaign.money(pending[1]),
                    pending[0],
                    pending[2],
                    month.plusMonths(1),
                    campaign.money(accruals.pendingTotal(campaign.id().value())),
                    0,
                    balance);
        }
        List<Pledge> renewing = pledges.renewing(campaign.id(), today, today.plusYears(1));
        LocalDate next = renewing.isEmpty() ? null : renewing.getFirst().nextChargeOn();
        long estimate = 0;
        long count = 0;
        for (Pledge pledge : renewing) {
            if (pledge.nextChargeOn().equals(next)) {
                estimate += priceOf(pledge, campaign);
                count++;
            }
        }
        return new Summary(
                campaign.money(pending[1]), pending[0], pending[2], next, campaign.money(estimate), count, balance);
    }

    /** A patron of a creator as the patrons list shows them. */
    public record Patron(
            String name, Pledge pledge, @Nullable String tierTitle) {}

    /** Paying patrons (active or declined), newest first. */
    public List<Patron> patrons(Campaign campaign, int limit, int offset) {
        List<Pledge> list = pledges.ofCampaign(campaign.id(), limit, offset);
        Map<UserId, String> names = accounts.displayNames(
                list.stream().map(p -> new UserId(p.patronUserId())).toList());
        Map<Object, String> tierTitles = new HashMap<>();
        for (Tier tier : tiers.all(campaign.id())) {
            tierTitles.put(tier.id(), tier.title());
        }
        List<Patron> patrons = new ArrayList<>();
        for (Pledge pledge : list) {
            patrons.add(new Patron(
                    names.getOrDefault(new UserId(pledge.patronUserId()), "A patron"),
                    pledge,
                    pledge.tier() == null ? null : tierTitles.get(pledge.tier())));
        }
        return patrons;
    }

    @Override
    public Map<PostId, Charged> of(CampaignId campaign, Collection<PostId> posts) {
        if (posts.isEmpty()) {
            return Map.of();
        }
        Map<PostId, Charged> charged = new HashMap<>();
        Map<Long, long[]> found = accruals.chargedByPost(
                campaign.value(), posts.stream().map(PostId::value).toList());
        if (found.isEmpty()) {
            return charged;
        }
        java.util.Currency currency = campaigns.require(campaign).currency();
        for (Map.Entry<Long, long[]> entry : found.entrySet()) {
            charged.put(
                    new PostId(entry.getKey()),
                    new Charged(entry.getValue()[0], new Money(entry.getValue()[1], currency)));
        }
        return charged;
    }

    private static long priceOf(Pledge pledge, Campaign campaign) {
        Money amount = pledge.nextAmount() != null ? pledge.nextAmount() : pledge.amount();
        return pledge.cadence() == Cadence.ANNUAL
                ? Checkout.annualPrice(amount.minor(), campaign.annualDiscountPercent())
                : amount.minor();
    }
}
