package org.maecenas.posts.web;

import java.util.List;
import org.maecenas.campaigns.Campaign;
import org.maecenas.posts.Post;

public record WorkspacePostsPage(Campaign campaign, List<Post> posts, int paidThisMonth) {

    public List<Post> with(Post.Status status) {
        return posts.stream().filter(p -> p.status() == status).toList();
    }
}
