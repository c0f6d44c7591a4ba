package org.maecenas.posts.web;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.maecenas.campaigns.Campaign;
import org.maecenas.posts.Post;
import org.maecenas.posts.PostCharges;
import org.maecenas.posts.PostId;

/** The creator's posts by status; paid posts with what they were billed. */
public record WorkspacePostsPage(
        Campaign campaign, List<Post> posts, int paidThisMonth, Map<PostId, PostCharges.Charged> charges) {

    public List<Post> with(Post.Status status) {
        return posts.stream().filter(p -> p.status() == status).toList();
    }

    public PostCharges.@Nullable Charged chargesOf(Post post) {
        return charges.get(post.id());
    }
}
