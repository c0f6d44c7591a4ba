package org.maecenas.pledges.web;

import org.maecenas.accounts.AccountUser;
import org.maecenas.campaigns.Campaign;
import org.maecenas.campaigns.Campaigns;
import org.maecenas.pledges.Memberships;
import org.maecenas.web.Notices;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Following a creator (free membership); joining with a pledge is billing's join page. */
@Controller
class MembershipController {

    private final Campaigns campaigns;
    private final Memberships memberships;

    MembershipController(Campaigns campaigns, Memberships memberships) {
        this.campaigns = campaigns;
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
}
