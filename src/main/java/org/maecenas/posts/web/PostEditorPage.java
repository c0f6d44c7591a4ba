package org.maecenas.posts.web;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.maecenas.campaigns.BillingModel;
import org.maecenas.campaigns.Campaign;
import org.maecenas.campaigns.Tier;
import org.maecenas.media.StoredMedia;
import org.maecenas.posts.Access;
import org.maecenas.posts.AttachmentPaths;
import org.maecenas.posts.Post;
import org.maecenas.posts.PostCharges;
import org.maecenas.posts.PostDraft;
import org.maecenas.posts.PostKind;
import org.maecenas.web.FormErrors;

/** The post editor: a new post when {@code post} is null; {@code charges} of a paid post, if billed. */
public record PostEditorPage(
        Campaign campaign,
        @Nullable Post post,
        PostDraft draft,
        List<Tier> tiers,
        FormErrors errors,
        List<PostKind> kinds,
        List<Access> accessLevels,
        PostCharges.@Nullable Charged charges) {

    public boolean perCreation() {
        return campaign.billingModel() == BillingModel.PER_CREATION;
    }

    public String action() {
        return post == null
                ? "/dashboard/posts"
                : "/dashboard/posts/" + post.id().value();
    }

    public String attachmentUrl(StoredMedia media) {
        return post == null ? "" : AttachmentPaths.page(campaign, post, media);
    }
}
