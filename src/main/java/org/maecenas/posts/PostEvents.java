package org.maecenas.posts;

import java.time.Instant;
import org.maecenas.campaigns.CampaignId;

/** Facts about posts, delivered through Spring Modulith's event publication registry. */
public final class PostEvents {

    private PostEvents() {}

    /** A post became visible. With {@code chargePatrons}, per-creation patrons owe for it. */
    public record PostPublished(PostId postId, CampaignId campaignId, boolean chargePatrons, Instant publishedAt) {}

    /** A published post went back to draft: unbilled charges for it are void. */
    public record PostUnpublished(PostId postId, CampaignId campaignId, Instant at) {}

    /** A post was deleted: unbilled charges for it are void. */
    public record PostDeleted(PostId postId, CampaignId campaignId, Instant at) {}
}
