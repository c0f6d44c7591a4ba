package org.maecenas.posts;

import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.maecenas.campaigns.TierId;

/** A post as the editor submits it. */
public record PostDraft(
        String title,
        String body,
        PostKind kind,
        @Nullable String videoUrl,
        @Nullable String linkUrl,
        Access access,
        @Nullable TierId minTier,
        boolean chargePatrons) {

    public PostDraft {
        title = title == null ? "" : title.strip();
        body = body == null ? "" : body.strip();
        kind = kind == null ? PostKind.TEXT : kind;
        videoUrl = videoUrl == null || videoUrl.isBlank() ? null : videoUrl.strip();
        linkUrl = linkUrl == null || linkUrl.isBlank() ? null : linkUrl.strip();
        access = access == null ? Access.PUBLIC : access;
        minTier = access == Access.TIER ? minTier : null;
    }

    public static PostDraft empty() {
        return new PostDraft("", "", PostKind.TEXT, null, null, Access.PUBLIC, null, false);
    }

    public static PostDraft of(Post post) {
        return new PostDraft(
                post.title(),
                post.bodyMarkdown(),
                post.kind(),
                post.videoUrl(),
                post.linkUrl(),
                post.access(),
                post.minTier(),
                post.chargePatrons());
    }

    String lowerTitle() {
        return title.toLowerCase(Locale.ROOT);
    }
}
