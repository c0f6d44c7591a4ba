package org.maecenas.posts;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A comment and (for top-level ones) its replies, one level deep. */
public record Comment(
        long id,
        PostId postId,
        long authorId,
        String authorName,
        @Nullable Long parentId,
        @Nullable String body,
        Instant createdAt,
        @Nullable Instant editedAt,
        boolean deleted,
        List<Comment> replies) {

    public boolean by(long userId) {
        return authorId == userId;
    }
}
