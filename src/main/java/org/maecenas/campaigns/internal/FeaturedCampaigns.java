package org.maecenas.campaigns.internal;

import java.util.List;
import org.maecenas.campaigns.Campaigns;
import org.maecenas.web.FeaturedCreators;
import org.springframework.stereotype.Component;

/** The home page's featured creators. */
@Component
class FeaturedCampaigns implements FeaturedCreators {

    private final Campaigns campaigns;

    FeaturedCampaigns(Campaigns campaigns) {
        this.campaigns = campaigns;
    }

    @Override
    public List<Card> featured(int limit) {
        return campaigns.featured(limit).stream()
                .map(c -> new Card(c.name(), c.oneLiner(), c.url(), c.avatarUrl()))
                .toList();
    }
}
