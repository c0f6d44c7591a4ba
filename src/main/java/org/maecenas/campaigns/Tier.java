package org.maecenas.campaigns;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.maecenas.money.Money;

/** A level of support with its price and benefits. */
public record Tier(
        TierId id,
        CampaignId campaignId,
        String title,
        String description,
        Money amount,
        @Nullable Integer patronLimit,
        List<String> benefits,
        String welcomeNote,
        boolean published,
        int position) {}
