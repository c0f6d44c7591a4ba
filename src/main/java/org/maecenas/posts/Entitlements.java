package org.maecenas.posts;

import java.time.Instant;
import java.util.List;
import org.maecenas.accounts.UserId;
import org.maecenas.campaigns.Campaign;
import org.maecenas.campaigns.Tier;
import org.maecenas.campaigns.Tiers;
import org.maecenas.pledges.Memberships;
import org.maecenas.pledges.Standing;
import org.springframework.stereotype.Service;

/**
 * The one answer to "may this reader see this post?" — for pages, feeds, downloads and the API.
 * The creator and admins see everything; public posts are for everyone; "all members" posts for
 * followers and patrons; patron posts for paying patrons in good standing (a declined payment locks
 * them; a cancelled monthly membership keeps access until its paid period ends); tier posts for
 * patrons pledging at least the tier's amount.
 */
@Service
public class Entitlements {

    private final Memberships memberships;
    private final Tiers tiers;

    Entitlements(Memberships memberships, Tiers tiers) {
        this.memberships = memberships;
        this.tiers = tiers;
    }

    public boolean maySee(Reader reader, Post post, Campaign campaign) {
        if (!post.campaignId().equals(campaign.id())) {
            return false;
        }
        if (reader.admin() || (reader.signedIn() && campaign.ownedBy(reader.id()))) {
            return !post.isDeleted();
        }
        if (!post.isPublished() || !campaign.published()) {
            return false;
        }
        if (post.access() == Access.PUBLIC) {
            return true;
        }
        if (!reader.signedIn()) {
            return false;
        }
        Standing standing = memberships.standing(reader.user(), campaign.id());
        return switch (post.access()) {
            case PUBLIC -> true;
            case MEMBERS -> standing.isMember();
            case PATRONS -> standing.isPayingPatron();
            case TIER -> standing.isPayingPatron() && standing.amountMinor() >= minimumAmount(post, campaign);
        };
    }

    /**
     * The members who may see a published post, as {@link #maySee} decides for each of them at
     * {@code at}: a page of user ids above {@code afterUserId}, ascending, at most {@code limit}
     * (the creator and admins, who see everything, are not members and are not listed).
     */
    public List<UserId> readers(Post post, Campaign campaign, Instant at, long afterUserId, int limit) {
        if (!post.campaignId().equals(campaign.id()) || !post.isPublished() || !campaign.published()) {
            return List.of();
        }
        return switch (post.access()) {
            case PUBLIC, MEMBERS -> memberships.audience(campaign.id(), 0, true, at, afterUserId, limit);
            case PATRONS -> memberships.audience(campaign.id(), 1, false, at, afterUserId, limit);
            case TIER ->
                memberships.audience(campaign.id(), minimumAmount(post, campaign), false, at, afterUserId, limit);
        };
    }

    /** Whether the reader may comment: they see the post and comments are open (creators always may). */
    public boolean mayComment(Reader reader, Post post, Campaign campaign) {
        if (!reader.signedIn() || !maySee(reader, post, campaign)) {
            return false;
        }
        return !post.commentsLocked() || campaign.ownedBy(reader.id());
    }

    /** What it takes to unlock a post, for the join box on a locked post. */
    public String requirement(Post post, Campaign campaign) {
        return switch (post.access()) {
            case PUBLIC -> "Everyone";
            case MEMBERS -> "Free members and patrons";
            case PATRONS -> "Paying patrons";
            case TIER -> "Patrons from " + minimumTierTitle(post, campaign) + " up";
        };
    }

    private long minimumAmount(Post post, Campaign campaign) {
        if (post.minTier() == null) {
            return 1;
        }
        return tiers.all(campaign.id()).stream()
                .filter(t -> t.id().equals(post.minTier()))
                .findFirst()
                .map(t -> t.amount().minor())
                .orElse(1L);
    }

    private String minimumTierTitle(Post post, Campaign campaign) {
        return tiers.all(campaign.id()).stream()
                .filter(t -> t.id().equals(post.minTier()))
                .map(Tier::title)
                .findFirst()
                .orElse("any tier");
    }
}
