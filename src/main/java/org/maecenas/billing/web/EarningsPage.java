package org.maecenas.billing.web;

import org.maecenas.billing.Earnings;
import org.maecenas.campaigns.BillingModel;
import org.maecenas.campaigns.Campaign;

/** A creator's money at a glance: this month's pending accruals, the next billing day's estimate, the balance. */
public record EarningsPage(Campaign campaign, Earnings.Summary summary) {

    public boolean perCreation() {
        return campaign.billingModel() == BillingModel.PER_CREATION;
    }
}
