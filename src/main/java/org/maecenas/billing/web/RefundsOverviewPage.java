package org.maecenas.billing.web;

import java.util.List;
import org.maecenas.billing.Disputes;
import org.maecenas.billing.Refunds;
import org.maecenas.campaigns.Campaign;

/** A creator's refunds and the disputes touching their earnings. */
public record RefundsOverviewPage(Campaign campaign, List<Refunds.Refund> refunds, List<Disputes.Dispute> disputes) {}
