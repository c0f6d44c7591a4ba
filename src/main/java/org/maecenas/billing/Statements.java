package org.maecenas.billing;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.maecenas.billing.BillingProblems.InvoiceNotFound;
import org.maecenas.billing.internal.AccrualRepository;
import org.maecenas.billing.internal.InvoiceRepository;
import org.maecenas.campaigns.Campaign;
import org.maecenas.campaigns.Campaigns;
import org.maecenas.campaigns.Tier;
import org.maecenas.campaigns.Tiers;
import org.maecenas.money.Money;
import org.maecenas.pledges.Cadence;
import org.maecenas.pledges.Pledge;
import org.maecenas.pledges.Pledges;
import org.springframework.stereotype.Service;

/**
 * What a patron sees of their own money: memberships with the next charge and its estimate,
 * invoices with their lines, and what cancelling would bill. Only ever the patron's own: another
 * patron's invoice or membership is not found.
 */
@Service
public class Statements {

    private final Pledges pledges;
    private final Campaigns campaigns;
    private final Tiers tiers;
    private final InvoiceRepository invoices;
    private final AccrualRepository accruals;
    private final BillingProperties properties;
    private final Clock clock;

    Statements(
            Pledges pledges,
            Campaigns campaigns,
            Tiers tiers,
            InvoiceRepository invoices,
            AccrualRepository accruals,
            BillingProperties properties,
            Clock clock) {
        this.pledges = pledges;
        this.campaigns = campaigns;
        this.tiers = tiers;
        this.invoices = invoices;
        this.accruals = accruals;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * A membership as its patron sees it.
     *
     * @param nextChargeOn the next renewal, or the next 1st for per creation; null once cancelled
     * @param estimate what the next charge will be: the renewal price, or the pending accruals
     * @param pending paid creations accrued and not yet billed (per creation)
     */
    public record Membership(
            Pledge pledge,
            Campaign campaign,
            @Nullable Tier tier,
            @Nullable LocalDate nextChargeOn,
            @Nullable Money estimate,
            Money pending,
            int pendingCount) {}

    /** The patron's paid memberships, live ones first. */
    public List<Membership> memberships(long patron) {
        List<Pledge> paid =
                pledges.ofPatron(patron).stream().filter(Pledge::paid).toList();
        Map<Long, Campaign> byId =
                campaigns
                        .byIds(paid.stream()
                                .map(p -> p.campaignId().value())
                                .distinct()
                                .toList())
                        .stream()
                        .collect(Collectors.toMap(c -> c.id().value(), Function.identity()));
        return paid.stream()
                .filter(p -> byId.containsKey(p.campaignId().value()))
                .sorted(java.util.Comparator.comparing((Pledge p) -> !p.live()))
                .map(p -> membership(p, byId.get(p.campaignId().value())))
                .toList();
    }

    /** One of the patron's paid memberships (another patron's, or a free follow, is not found). */
    public Membership membership(long patron, long pledgeId) {
        Pledge pledge = pledges.mine(patron, pledgeId);
        if (!pledge.paid()) {
            throw new org.maecenas.pledges.PledgeProblems.PledgeNotFound();
        }
        return membership(pledge, campaigns.require(pledge.campaignId()));
    }

    public List<Invoice> invoices(long patron, int limit) {
        return invoices.ofPatron(patron, limit);
    }

    /** One of the patron's invoices with its lines (another patron's is not found). */
    public Invoice invoice(long patron, long invoiceId) {
        return invoices.find(invoiceId).filter(i -> i.patronUserId() == patron).orElseThrow(InvoiceNotFound::new);
    }

    /** Names of the creators on invoices' lines, by campaign id. */
    public Map<Long, String> creatorNames(List<Invoice> list) {
        List<Long> ids = list.stream()
                .flatMap(i -> i.lines().stream())
                .map(Invoice.Line::campaignId)
                .distinct()
                .toList();
        return campaigns.byIds(ids).stream().collect(Collectors.toMap(c -> c.id().value(), Campaign::name));
    }

    /** Invoices still unpaid after a decline (or given up on): "retry now" tries them all. */
    public List<Invoice> unpaid(long patron) {
        return invoices.ofPatron(patron, 100).stream()
                .filter(i -> "UNCOLLECTIBLE".equals(i.status()) || ("OPEN".equals(i.status()) && i.failures() > 0))
                .toList();
    }

    private Membership membership(Pledge pledge, Campaign campaign) {
        Tier tier = pledge.tier() == null
                ? null
                : tiers.all(campaign.id()).stream()
                        .filter(t -> t.id().equals(pledge.tier()))
                        .findFirst()
                        .orElse(null);
        long pendingMinor = 0;
        int pendingCount = 0;
        for (AccrualRepository.Due due : accruals.pendingOf(pledge.id())) {
            pendingMinor += due.totalMinor();
            pendingCount += due.count();
        }
        Money pending = new Money(pendingMinor, pledge.amount().currency());
        if (!pledge.live()) {
            return new Membership(pledge, campaign, tier, null, null, pending, pendingCount);
        }
        if (pledge.cadence() == Cadence.PER_CREATION) {
            LocalDate today = new BillingCalendar(properties.timeZone()).today(clock.instant());
            return new Membership(
                    pledge,
                    campaign,
                    tier,
                    BillingCalendar.monthStart(today).plusMonths(1),
                    pending,
                    pending,
                    pendingCount);
        }
        Money next = pledge.nextAmount() != null ? pledge.nextAmount() : pledge.amount();
        Money price = pledge.cadence() == Cadence.ANNUAL
                ? new Money(Checkout.annualPrice(next.minor(), campaign.annualDiscountPercent()), next.currency())
                : next;
        return new Membership(pledge, campaign, tier, pledge.nextChargeOn(), price, pending, pendingCount);
    }
}
