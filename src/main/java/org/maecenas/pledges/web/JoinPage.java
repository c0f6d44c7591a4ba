package org.maecenas.pledges.web;

import org.jspecify.annotations.Nullable;
import org.maecenas.campaigns.Campaign;
import org.maecenas.campaigns.Tier;

public record JoinPage(Campaign campaign, @Nullable Tier tier) {}
