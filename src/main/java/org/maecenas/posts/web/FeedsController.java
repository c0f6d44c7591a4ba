package org.maecenas.posts.web;

import org.maecenas.accounts.AccountUser;
import org.maecenas.campaigns.Campaign;
import org.maecenas.campaigns.Campaigns;
import org.maecenas.pledges.Memberships;
import org.maecenas.posts.PodcastFeeds;
import org.maecenas.posts.PostProblems.NoAccess;
import org.maecenas.posts.PostProblems.PostNotFound;
import org.maecenas.web.Notices;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Private podcast feeds: the feed itself (by secret address) and resetting that address. */
@Controller
class FeedsController {

    private final PodcastFeeds feeds;
    private final Campaigns campaigns;
    private final Memberships memberships;

    FeedsController(PodcastFeeds feeds, Campaigns campaigns, Memberships memberships) {
        this.feeds = feeds;
        this.campaigns = campaigns;
        this.memberships = memberships;
    }

    @GetMapping("/feeds/podcast/{file:[A-Za-z0-9_-]+\\.rss}")
    ResponseEntity<String> privateFeed(@PathVariable String file) {
        String token = file.substring(0, file.length() - ".rss".length());
        String xml = feeds.privateFeed(token).orElseThrow(PostNotFound::new);
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .contentType(MediaType.parseMediaType("application/rss+xml;charset=UTF-8"))
                .header("X-Robots-Tag", "noindex")
                .body(xml);
    }

    @PostMapping("/{slug}/podcast/reset")
    String reset(@PathVariable String slug, @AuthenticationPrincipal AccountUser viewer, RedirectAttributes redirect) {
        if (viewer == null) {
            return "redirect:/login";
        }
        Campaign campaign = campaigns.visible(slug, viewer.id(), viewer.isAdmin());
        if (!memberships.standing(viewer.userId(), campaign.id()).isMember()) {
            throw new NoAccess();
        }
        feeds.resetPrivateFeed(viewer.userId(), campaign);
        return Notices.redirect(
                redirect,
                campaign.url() + "#podcast",
                "Your private feed has a new address. The old one no longer works: add the new one to your podcast app.");
    }
}
