package org.maecenas.posts.web;

import java.time.Duration;
import org.maecenas.accounts.AccountUser;
import org.maecenas.campaigns.Campaign;
import org.maecenas.campaigns.Campaigns;
import org.maecenas.media.Media;
import org.maecenas.media.StoredMedia;
import org.maecenas.posts.Entitlements;
import org.maecenas.posts.PodcastFeeds;
import org.maecenas.posts.Post;
import org.maecenas.posts.PostId;
import org.maecenas.posts.PostProblems.NoAccess;
import org.maecenas.posts.PostProblems.PostGone;
import org.maecenas.posts.PostProblems.PostNotFound;
import org.maecenas.posts.Posts;
import org.maecenas.posts.Reader;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Post attachments, served only after {@link Entitlements} says yes: by session on the site, by
 * the private feed's token for podcast apps. Range requests work (Spring serves a Resource in
 * parts), so players can seek; responses are private to the reader.
 */
@Controller
class AttachmentsController {

    private final Campaigns campaigns;
    private final Posts posts;
    private final Media media;
    private final Entitlements entitlements;
    private final PodcastFeeds feeds;

    AttachmentsController(
            Campaigns campaigns, Posts posts, Media media, Entitlements entitlements, PodcastFeeds feeds) {
        this.campaigns = campaigns;
        this.posts = posts;
        this.media = media;
        this.entitlements = entitlements;
        this.feeds = feeds;
    }

    @GetMapping("/{slug}/posts/{postId}/attachments/{file}")
    ResponseEntity<Resource> onPage(
            @PathVariable String slug,
            @PathVariable long postId,
            @PathVariable String file,
            @AuthenticationPrincipal AccountUser viewer) {
        Reader reader = Reader.of(viewer);
        Campaign campaign = campaigns.visible(slug, reader.id(), reader.admin());
        return serve(reader, campaign, postId, file);
    }

    @GetMapping("/feeds/podcast/{token}/{postId}/{file}")
    ResponseEntity<Resource> inFeed(@PathVariable String token, @PathVariable long postId, @PathVariable String file) {
        Post post = posts.require(new PostId(postId));
        // a feed's token opens the files of its own creator's feed, nothing else
        Reader reader = feeds.readerOf(token, post.campaignId()).orElseThrow(PostNotFound::new);
        return serve(reader, campaigns.require(post.campaignId()), postId, file);
    }

    private ResponseEntity<Resource> serve(Reader reader, Campaign campaign, long postId, String file) {
        Post post = posts.require(new PostId(postId));
        if (!post.campaignId().equals(campaign.id())) {
            throw new PostNotFound();
        }
        if (post.isDeleted()) {
            throw new PostGone();
        }
        StoredMedia attachment = post.attachments().stream()
                .filter(m -> file.equals(m.id().value() + "." + m.extension()))
                .findFirst()
                .orElseThrow(PostNotFound::new);
        if (!entitlements.maySee(reader, post, campaign)) {
            throw new NoAccess();
        }
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePrivate())
                .eTag(attachment.sha256())
                .contentType(MediaType.parseMediaType(attachment.contentType()))
                .header(HttpHeaders.ACCEPT_RANGES, "bytes")
                .header("X-Content-Type-Options", "nosniff")
                .body(media.content(attachment));
    }
}
