package org.maecenas.posts.web;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.maecenas.accounts.AccountUser;
import org.maecenas.campaigns.Campaign;
import org.maecenas.campaigns.Campaigns;
import org.maecenas.campaigns.SearchLexicon;
import org.maecenas.pledges.Memberships;
import org.maecenas.posts.Entitlements;
import org.maecenas.posts.Posts;
import org.maecenas.posts.Reader;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Finding creators: explore (featured, newest, most supported), search, and a reader's home feed. */
@Controller
class DiscoveryController {

    static final int HOME_PAGE_SIZE = 20;

    private final Campaigns campaigns;
    private final Posts posts;
    private final Memberships memberships;
    private final Entitlements entitlements;
    private final SearchLexicon lexicon;

    DiscoveryController(
            Campaigns campaigns,
            Posts posts,
            Memberships memberships,
            Entitlements entitlements,
            SearchLexicon lexicon) {
        this.campaigns = campaigns;
        this.posts = posts;
        this.memberships = memberships;
        this.entitlements = entitlements;
        this.lexicon = lexicon;
    }

    @GetMapping("/explore")
    String explore(Model model) {
        List<Long> supportedIds = memberships.mostSupported(12);
        Map<Long, Campaign> byId = campaigns.byIds(supportedIds).stream()
                .filter(Campaign::published)
                .collect(Collectors.toMap(c -> c.id().value(), Function.identity()));
        List<Campaign> mostSupported = supportedIds.stream()
                .map(byId::get)
                .filter(java.util.Objects::nonNull)
                .toList();
        model.addAttribute("page", new ExplorePage(campaigns.featured(12), campaigns.newest(12), mostSupported));
        return "posts/ExplorePage";
    }

    @GetMapping("/search")
    String search(@RequestParam(defaultValue = "") String q, @AuthenticationPrincipal AccountUser viewer, Model model) {
        String query = q.strip();
        if (query.length() > 200) {
            query = query.substring(0, 200);
        }
        Reader reader = Reader.of(viewer);
        List<Campaign> creators = campaigns.search(query, 20);
        List<PostCard> found = List.of();
        if (!query.isEmpty()) {
            List<org.maecenas.posts.Post> matches = posts.search(query, 30);
            Map<Long, Campaign> creatorsOfPosts =
                    campaigns
                            .byIds(matches.stream()
                                    .map(p -> p.campaignId().value())
                                    .distinct()
                                    .toList())
                            .stream()
                            .filter(Campaign::published)
                            .collect(Collectors.toMap(c -> c.id().value(), Function.identity()));
            found = matches.stream()
                    .filter(post ->
                            creatorsOfPosts.containsKey(post.campaignId().value()))
                    .map(post -> PostCard.of(
                            post, creatorsOfPosts.get(post.campaignId().value()), reader, entitlements))
                    .toList();
        }
        String suggestion = !query.isEmpty() && creators.isEmpty() && found.isEmpty()
                ? lexicon.suggest(query).orElse(null)
                : null;
        model.addAttribute("page", new SearchPage(query, creators, found, suggestion));
        return "posts/SearchPage";
    }

    @GetMapping("/home")
    String home(@AuthenticationPrincipal AccountUser viewer, @RequestParam(defaultValue = "1") int page, Model model) {
        Reader reader = Reader.of(viewer);
        List<Long> following = memberships.campaignsOf(viewer.userId());
        Map<Long, Campaign> byId =
                campaigns.byIds(following).stream().collect(Collectors.toMap(c -> c.id().value(), Function.identity()));
        int current = Math.max(1, page);
        List<PostCard> cards = posts.feed(following, HOME_PAGE_SIZE + 1, (current - 1) * HOME_PAGE_SIZE).stream()
                .filter(post -> byId.containsKey(post.campaignId().value()))
                .map(post -> PostCard.of(post, byId.get(post.campaignId().value()), reader, entitlements))
                .toList();
        boolean hasNext = cards.size() > HOME_PAGE_SIZE;
        model.addAttribute(
                "page",
                new HomeFeedPage(
                        hasNext ? cards.subList(0, HOME_PAGE_SIZE) : cards, current, hasNext, !following.isEmpty()));
        return "posts/HomeFeedPage";
    }
}
