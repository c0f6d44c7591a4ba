package org.maecenas.posts.web;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.maecenas.campaigns.Campaign;
import org.maecenas.posts.Access;
import org.maecenas.posts.PostKind;

public record PostsListPage(
        Campaign campaign,
        List<PostCard> posts,
        @Nullable PostKind kind,
        @Nullable Access access,
        int page,
        boolean hasNext,
        long total) {

    public String link(int toPage) {
        StringBuilder link = new StringBuilder("/" + campaign.slug() + "/posts?page=" + toPage);
        if (kind != null) {
            link.append("&kind=").append(kind.name());
        }
        if (access != null) {
            link.append("&access=").append(access.name());
        }
        return link.toString();
    }
}
