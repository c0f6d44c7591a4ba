package org.maecenas.posts.web;

import java.util.List;
import org.maecenas.campaigns.Campaign;
import org.maecenas.campaigns.Tier;
import org.maecenas.pledges.Standing;
import org.maecenas.posts.Post;

/**
 * A creation page. When {@code visible} is false, only the title and teaser are shown and
 * {@code attachments} is empty: the body and file addresses never reach the page.
 */
public record CreationPage(
        Campaign campaign,
        Post post,
        boolean visible,
        String requirement,
        List<Attachment> attachments,
        List<Tier> tiers,
        Standing standing,
        boolean owner,
        long commentCount) {

    /** An attachment the reader may open. */
    public record Attachment(
            String url, String contentType, String name, boolean audio, Integer width, Integer height) {}
}
