package org.maecenas.billing.web;

import java.util.List;
import org.maecenas.billing.Earnings;
import org.maecenas.campaigns.Campaign;

/** Who supports a creator, with what, and in what standing. */
public record PatronsPage(Campaign campaign, List<Earnings.Patron> patrons, int page, boolean more) {}
