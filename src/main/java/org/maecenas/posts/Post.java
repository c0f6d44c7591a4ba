package org.maecenas.posts;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.maecenas.campaigns.CampaignId;
import org.maecenas.campaigns.TierId;
import org.maecenas.media.StoredMedia;
import org.maecenas.web.VideoEmbed;

/**
 * A creation. Its body and attachments are shown only to those {@link Entitlements} lets in; its
 * title and teaser to everyone (so a locked post's teaser is empty: it would be its body).
 */
public record Post(
        PostId id,
        CampaignId campaignId,
        String title,
        String slug,
        String bodyMarkdown,
        String bodyHtml,
        String teaser,
        PostKind kind,
        @Nullable String videoUrl,
        @Nullable String linkUrl,
        Access access,
        @Nullable TierId minTier,
        boolean chargePatrons,
        Status status,
        @Nullable Instant scheduledAt,
        @Nullable Instant publishedAt,
        @Nullable Instant deletedAt,
        boolean commentsLocked,
        Instant createdAt,
        Instant updatedAt,
        List<StoredMedia> attachments) {

    public enum Status {
        DRAFT,
        SCHEDULED,
        PUBLISHED
    }

    public boolean isPublished() {
        return status == Status.PUBLISHED && deletedAt == null;
    }

    public boolean isDeleted() {
        return deletedAt != null;
    }

    /** The path of the creation page, under the creator's page. */
    public String path(String campaignSlug) {
        return "/" + campaignSlug + "/posts/" + id.value() + (slug.isEmpty() ? "" : "-" + slug);
    }

    public @Nullable VideoEmbed video() {
        return VideoEmbed.of(videoUrl).orElse(null);
    }

    public List<StoredMedia> audio() {
        return attachments.stream()
                .filter(m -> m.kind() == org.maecenas.media.MediaKind.AUDIO)
                .toList();
    }

    public List<StoredMedia> images() {
        return attachments.stream()
                .filter(m -> m.kind() == org.maecenas.media.MediaKind.IMAGE)
                .toList();
    }

    public Post withAttachments(List<StoredMedia> media) {
        return new Post(
                id,
                campaignId,
                title,
                slug,
                bodyMarkdown,
                bodyHtml,
                teaser,
                kind,
                videoUrl,
                linkUrl,
                access,
                minTier,
                chargePatrons,
                status,
                scheduledAt,
                publishedAt,
                deletedAt,
                commentsLocked,
                createdAt,
                updatedAt,
                List.copyOf(media));
    }
}
