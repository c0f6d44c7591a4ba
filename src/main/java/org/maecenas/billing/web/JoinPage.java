package org.maecenas.billing.web;

import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.maecenas.billing.Checkout;
import org.maecenas.campaigns.BillingModel;
import org.maecenas.campaigns.Campaign;
import org.maecenas.campaigns.Tier;
import org.maecenas.campaigns.TierId;
import org.maecenas.money.Money;
import org.maecenas.payments.PaymentMethod;
import org.maecenas.payments.SandboxCards;
import org.maecenas.pledges.Pledge;
import org.maecenas.web.FormErrors;

/**
 * The join form: a tier or a custom amount, the cap or the cadence, and a card.
 *
 * @param fullTiers limited tiers that have no place left
 * @param existing the viewer's live paid membership with this creator: they change it instead
 * @param own the viewer's own page: nothing to join
 */
public record JoinPage(
        Campaign campaign,
        List<Tier> tiers,
        Set<TierId> fullTiers,
        List<PaymentMethod> cards,
        JoinChoice form,
        FormErrors errors,
        @Nullable Pledge existing,
        boolean own,
        boolean testMode) {

    public boolean perCreation() {
        return campaign.billingModel() == BillingModel.PER_CREATION;
    }

    public boolean full(Tier tier) {
        return fullTiers.contains(tier.id());
    }

    public String per() {
        return perCreation() ? "per " + campaign.creationNoun() : "a month";
    }

    public Money minimum() {
        return new Money(Money.oneUnit(campaign.currency()), campaign.currency());
    }

    /** A tier's price for a year up front, at the creator's discount. */
    public Money yearly(Money monthly) {
        return new Money(Checkout.annualPrice(monthly.minor(), campaign.annualDiscountPercent()), campaign.currency());
    }

    public List<SandboxCards.TestCard> testCards() {
        return SandboxCards.LIST;
    }

    public boolean chose(PaymentMethod card) {
        return form.paymentMethodValue().equals(Long.toString(card.id()));
    }
}
