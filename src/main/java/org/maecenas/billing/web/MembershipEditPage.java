package org.maecenas.billing.web;

import java.util.List;
import java.util.Set;
import org.maecenas.billing.Checkout;
import org.maecenas.billing.Statements;
import org.maecenas.campaigns.Campaign;
import org.maecenas.campaigns.Tier;
import org.maecenas.campaigns.TierId;
import org.maecenas.money.Money;
import org.maecenas.pledges.Cadence;
import org.maecenas.pledges.Pledge;
import org.maecenas.web.FormErrors;

/** Changing a membership: tier, amount and (per creation) the cap; what an upgrade costs now. */
public record MembershipEditPage(
        Statements.Membership membership,
        List<Tier> tiers,
        Set<TierId> fullTiers,
        MembershipChange form,
        FormErrors errors) {

    public Pledge pledge() {
        return membership.pledge();
    }

    public Campaign campaign() {
        return membership.campaign();
    }

    public boolean perCreation() {
        return pledge().cadence() == Cadence.PER_CREATION;
    }

    public boolean canChange() {
        return pledge().status() == Pledge.Status.ACTIVE;
    }

    /** A limited tier with no place left, unless it is this membership's own. */
    public boolean full(Tier tier) {
        return fullTiers.contains(tier.id()) && !tier.id().equals(pledge().tier());
    }

    /** How changes of this membership take effect, in words. */
    public String rules() {
        if (perCreation()) {
            return "A new amount or cap counts from the next paid " + campaign().creationNoun()
                    + " on; what is already pending stays as it is.";
        }
        String upgrade = pledge().cadence() == Cadence.ANNUAL
                ? "Raising it pays the difference for the rest of your paid year now (12 months of the difference"
                        + (campaign().annualDiscountPercent() > 0
                                ? ", " + campaign().annualDiscountPercent() + "% off"
                                : "")
                        + ")."
                : "Raising it pays the difference for this month now.";
        return upgrade + " Lowering it takes effect at your next charge, on " + BillingText.day(pledge().nextChargeOn())
                + "; until then nothing changes.";
    }

    /** What raising to {@code amount} would charge now (monthly and annual). */
    public Money upgradePrice(Money amount) {
        Money difference = amount.minus(pledge().amount());
        return pledge().cadence() == Cadence.ANNUAL
                ? new Money(
                        Checkout.annualPrice(difference.minor(), campaign().annualDiscountPercent()),
                        difference.currency())
                : difference;
    }

    public String per() {
        return BillingText.per(pledge().cadence(), campaign());
    }
}
