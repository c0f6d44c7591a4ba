package org.maecenas.posts.web;

import org.maecenas.campaigns.Campaign;
import org.maecenas.posts.Entitlements;
import org.maecenas.posts.Post;
import org.maecenas.posts.Reader;

/** A post in a list: its title and teaser always; whether the reader may open it. */
public record PostCard(Post post, Campaign campaign, String path, boolean locked, String requirement) {

    static PostCard of(Post post, Campaign campaign, Reader reader, Entitlements entitlements) {
        boolean visible = entitlements.maySee(reader, post, campaign);
        return new PostCard(
                post,
                campaign,
                post.path(campaign.slug()),
                !visible,
                visible ? "" : entitlements.requirement(post, campaign));
    }
}
