package org.maecenas.pledges.web;

import org.maecenas.accounts.AccountUser;
import org.maecenas.campaigns.Campaign;
import org.maecenas.campaigns.Campaigns;
import org.maecenas.campaigns.TierId;
import org.maecenas.campaigns.Tiers;
import org.maecenas.pledges.Memberships;
import org.maecenas.web.Notices;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Following a creator (free membership) and the join page. */
@Controller
class MembershipController {

    private final Campaigns campaigns;
    private final Tiers tiers;
    private final Memberships memberships;

    MembershipController(Campaigns campaigns, Tiers tiers, Memberships memberships) {
        this.campaigns = campaigns;
        this.tiers = tiers;
        this.memberships = memberships;
    }

    @PostMapping("/{slug}/follow")
    String follow(@PathVariable String slug, @AuthenticationPrincipal AccountUser viewer, RedirectAttributes redirect) {
        if (viewer == null) {
            return "redirect:/login";
        }
        Campaign campaign = campaigns.visible(slug, viewer.id(), viewer.isAdmin());
        memberships.follow(viewer.userId(), campaign);
        return Notices.redirect(
                redirect,
                campaign.url(),
                "You follow " + campaign.name() + ". Their posts for members appear on your home feed.");
    }

    @PostMapping("/{slug}/unfollow")
    String unfollow(
            @PathVariable String slug, @AuthenticationPrincipal AccountUser viewer, RedirectAttributes redirect) {
        if (viewer == null) {
            return "redirect:/login";
        }
        Campaign campaign = campaigns.visible(slug, viewer.id(), viewer.isAdmin());
        memberships.unfollow(viewer.userId(), campaign);
        return Notices.redirect(redirect, campaign.url(), "You no longer follow " + campaign.name() + ".");
    }

    /** Joining with a pledge arrives with billing; until then this page says so and offers to follow. */
    @GetMapping("/{slug}/join")
    String join(
            @PathVariable String slug,
            @RequestParam(required = false) Long tier,
            @AuthenticationPrincipal AccountUser viewer,
            Model model) {
        long viewerId = viewer == null ? -1 : viewer.id();
        Campaign campaign = campaigns.visible(slug, viewerId, viewer != null && viewer.isAdmin());
        var chosen = tier == null
                ? null
                : tiers.published(campaign.id()).stream()
                        .filter(t -> t.id().equals(new TierId(tier)))
                        .findFirst()
                        .orElse(null);
        model.addAttribute("page", new JoinPage(campaign, chosen));
        return "pledges/JoinPage";
    }
}
