package org.maecenas.pledges;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.maecenas.accounts.UserId;
import org.maecenas.campaigns.Campaign;
import org.maecenas.campaigns.CampaignId;
import org.maecenas.pledges.internal.MembershipRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Who follows and supports whom. */
@Service
public class Memberships {

    /** How long a node keeps its count of {@link #mostSupported}. */
    static final Duration RANKING_FRESH_FOR = Duration.ofMinutes(1);

    private record Ranking(Instant at, List<Long> campaigns) {}

    private final MembershipRepository memberships;
    private final Clock clock;
    private final Map<Integer, Ranking> rankings = new ConcurrentHashMap<>();

    Memberships(MembershipRepository memberships, Clock clock) {
        this.memberships = memberships;
        this.clock = clock;
    }

    /** Follows a creator for free (a free membership). Following twice changes nothing. */
    @Transactional
    public void follow(UserId user, Campaign campaign) {
        memberships.insertFree(campaign.id(), user.value(), campaign.currency().getCurrencyCode(), clock.instant());
    }

    @Transactional
    public void unfollow(UserId user, Campaign campaign) {
        memberships.cancelFree(campaign.id(), user.value(), clock.instant());
    }

    public Standing standing(UserId user, CampaignId campaign) {
        return memberships.standing(campaign, user.value(), clock.instant()).orElse(Standing.NONE);
    }

    /**
     * A page of the people whose standing with the creator at {@code at} is member ({@code
     * minAmountMinor} 0) or paying at least {@code minAmountMinor}; declined patrons only with
     * {@code declinedToo}. Ids above {@code afterUserId}, ascending, at most {@code limit}.
     */
    public List<UserId> audience(
            CampaignId campaign, long minAmountMinor, boolean declinedToo, Instant at, long afterUserId, int limit) {
        return memberships.audience(campaign, minAmountMinor, declinedToo, at, afterUserId, limit).stream()
                .map(UserId::new)
                .toList();
    }

    /** Campaigns this person follows or supports. */
    public List<Long> campaignsOf(UserId user) {
        return memberships.campaignsOf(user.value());
    }

    public CampaignStats stats(CampaignId campaign) {
        return memberships.counts(campaign);
    }

    /**
     * Campaigns with the most paying patrons, most first. Counting them reads every active
     * membership (0.18 s at a million), and the ranking is for discovery, so it is counted at most
     * once a {@link #RANKING_FRESH_FOR} per node and size rather than for every visitor of the
     * explore page.
     */
    public List<Long> mostSupported(int limit) {
        Instant now = clock.instant();
        Ranking cached = rankings.get(limit);
        if (cached != null
                && !now.isBefore(cached.at())
                && now.isBefore(cached.at().plus(RANKING_FRESH_FOR))) {
            return cached.campaigns();
        }
        List<Long> campaigns = List.copyOf(memberships.mostSupported(limit));
        rankings.put(limit, new Ranking(now, campaigns));
        return campaigns;
    }

    /** Counts for a creator page. */
    public record CampaignStats(long patrons, long members, long monthlyAmountMinor) {}
}
