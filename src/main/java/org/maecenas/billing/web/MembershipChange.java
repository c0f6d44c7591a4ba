package org.maecenas.billing.web;

import org.jspecify.annotations.Nullable;
import org.maecenas.billing.Statements;
import org.maecenas.campaigns.TierId;
import org.maecenas.web.InvalidInput;

/** What the edit form sends, as typed: a tier (or none), an amount (empty: the tier's), a cap. */
public record MembershipChange(
        @Nullable String tier,
        @Nullable String amount,
        @Nullable String monthlyCap) {

    static MembershipChange of(Statements.Membership membership) {
        var pledge = membership.pledge();
        return new MembershipChange(
                pledge.tier() == null ? "" : pledge.tier().toString(),
                pledge.amount().plain(),
                pledge.monthlyCap() == null ? "" : pledge.monthlyCap().toString());
    }

    public String tierValue() {
        return tier == null ? "" : tier.strip();
    }

    public String amountValue() {
        return amount == null ? "" : amount.strip();
    }

    public String capValue() {
        return monthlyCap == null ? "" : monthlyCap.strip();
    }

    public boolean chose(long tierId) {
        return tierValue().equals(Long.toString(tierId));
    }

    @Nullable
    TierId tierId(InvalidInput.Collector problems) {
        return new JoinChoice(tier, amount, null, monthlyCap, null).tierId(problems);
    }

    @Nullable
    Integer cap(InvalidInput.Collector problems) {
        return new JoinChoice(tier, amount, null, monthlyCap, null).cap(problems);
    }
}
