package org.maecenas.posts.web;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.maecenas.campaigns.Campaign;
import org.maecenas.campaigns.Goal;
import org.maecenas.campaigns.Tier;
import org.maecenas.pledges.Memberships.CampaignStats;
import org.maecenas.pledges.Standing;

/** A creator's public page. */
public record CreatorPage(
        Campaign campaign,
        List<Tier> tiers,
        List<GoalProgress> goals,
        CampaignStats stats,
        List<PostCard> recent,
        long postCount,
        Standing standing,
        boolean owner,
        @Nullable String privateFeedUrl) {

    /** A goal with how far along it is. */
    public record GoalProgress(Goal goal, long current, int percent, String label) {}
}
