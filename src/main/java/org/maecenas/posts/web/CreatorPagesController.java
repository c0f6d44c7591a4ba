package org.maecenas.posts.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.maecenas.accounts.AccountUser;
import org.maecenas.campaigns.Campaign;
import org.maecenas.campaigns.Campaigns;
import org.maecenas.campaigns.Goal;
import org.maecenas.campaigns.Goals;
import org.maecenas.campaigns.Tiers;
import org.maecenas.pledges.Memberships;
import org.maecenas.pledges.Standing;
import org.maecenas.posts.Access;
import org.maecenas.posts.Entitlements;
import org.maecenas.posts.PodcastFeeds;
import org.maecenas.posts.PostKind;
import org.maecenas.posts.Posts;
import org.maecenas.posts.Reader;
import org.maecenas.web.Htmx;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** A creator's page, its list of posts and its public feed. */
@Controller
class CreatorPagesController {

    static final int RECENT = 6;
    static final int PAGE_SIZE = 12;

    private final Campaigns campaigns;
    private final Tiers tiers;
    private final Goals goals;
    private final Posts posts;
    private final Memberships memberships;
    private final Entitlements entitlements;
    private final PodcastFeeds feeds;

    CreatorPagesController(
            Campaigns campaigns,
            Tiers tiers,
            Goals goals,
            Posts posts,
            Memberships memberships,
            Entitlements entitlements,
            PodcastFeeds feeds) {
        this.campaigns = campaigns;
        this.tiers = tiers;
        this.goals = goals;
        this.posts = posts;
        this.memberships = memberships;
        this.entitlements = entitlements;
        this.feeds = feeds;
    }

    @GetMapping("/{slug:[a-z0-9][a-z0-9-]{1,38}[a-z0-9]}")
    String page(@PathVariable String slug, @AuthenticationPrincipal AccountUser viewer, Model model) {
        Reader reader = Reader.of(viewer);
        Campaign campaign = campaigns.visible(slug, reader.id(), reader.admin());
        Memberships.CampaignStats stats = memberships.stats(campaign.id());
        Standing standing = reader.signedIn() ? memberships.standing(reader.user(), campaign.id()) : Standing.NONE;
        List<CreatorPage.GoalProgress> progress = goals.of(campaign.id()).stream()
                .map(goal -> progress(goal, stats, campaign))
                .toList();
        List<PostCard> recent = posts.published(campaign, null, null, RECENT, 0).stream()
                .map(post -> PostCard.of(post, campaign, reader, entitlements))
                .toList();
        String feed = standing.isMember() ? feeds.privateFeedUrl(reader.user(), campaign) : null;
        model.addAttribute(
                "page",
                new CreatorPage(
                        campaign,
                        tiers.published(campaign.id()),
                        progress,
                        stats,
                        recent,
                        posts.countPublished(campaign, null, null),
                        standing,
                        campaign.ownedBy(reader.id()),
                        feed));
        return "posts/CreatorPage";
    }

    @GetMapping("/{slug}/posts")
    String posts(
            @PathVariable String slug,
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) String access,
            @RequestParam(defaultValue = "1") int page,
            @AuthenticationPrincipal AccountUser viewer,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Reader reader = Reader.of(viewer);
        Campaign campaign = campaigns.visible(slug, reader.id(), reader.admin());
        PostKind kindFilter = Enums.parse(PostKind.class, kind);
        Access accessFilter = Enums.parse(Access.class, access);
        int current = Math.max(1, page);
        List<PostCard> cards =
                posts.published(campaign, kindFilter, accessFilter, PAGE_SIZE, (current - 1) * PAGE_SIZE).stream()
                        .map(post -> PostCard.of(post, campaign, reader, entitlements))
                        .toList();
        long total = posts.countPublished(campaign, kindFilter, accessFilter);
        model.addAttribute(
                "page",
                new PostsListPage(
                        campaign, cards, kindFilter, accessFilter, current, (long) current * PAGE_SIZE < total, total));
        response.setHeader("Vary", "HX-Request");
        return Htmx.isFragmentRequest(request) ? "posts/postsListFragment" : "posts/PostsListPage";
    }

    @GetMapping(value = "/{slug}/feed.rss")
    ResponseEntity<String> publicFeed(@PathVariable String slug) {
        Campaign campaign = campaigns.visible(slug, -1, false);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/rss+xml;charset=UTF-8"))
                .body(feeds.publicFeed(campaign));
    }

    private static CreatorPage.GoalProgress progress(Goal goal, Memberships.CampaignStats stats, Campaign campaign) {
        long current = goal.kind() == Goal.Kind.PATRONS ? stats.patrons() : stats.monthlyAmountMinor();
        String label = goal.kind() == Goal.Kind.PATRONS
                ? current + " of " + goal.target() + " patrons"
                : campaign.money(current).display() + " of "
                        + campaign.money(goal.target()).display() + " per month";
        return new CreatorPage.GoalProgress(goal, current, goal.percent(current), label);
    }
}
