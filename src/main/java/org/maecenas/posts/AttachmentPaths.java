package org.maecenas.posts;

import org.maecenas.campaigns.Campaign;
import org.maecenas.media.StoredMedia;

/** Addresses of post attachments; every one of them is served by a controller that checks access. */
public final class AttachmentPaths {

    private AttachmentPaths() {}

    /** For readers of the page (their session decides access). */
    public static String page(Campaign campaign, Post post, StoredMedia media) {
        return "/" + campaign.slug() + "/posts/" + post.id().value() + "/attachments/"
                + media.id().value() + "." + media.extension();
    }

    /** For podcast apps (the private feed's token decides access). */
    public static String feed(String token, Post post, StoredMedia media) {
        return "/feeds/podcast/" + token + "/" + post.id().value() + "/"
                + media.id().value() + "." + media.extension();
    }
}
