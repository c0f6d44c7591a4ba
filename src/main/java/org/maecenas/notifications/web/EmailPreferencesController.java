package org.maecenas.notifications.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.maecenas.accounts.AccountUser;
import org.maecenas.accounts.Accounts;
import org.maecenas.campaigns.Campaign;
import org.maecenas.campaigns.CampaignId;
import org.maecenas.campaigns.Campaigns;
import org.maecenas.notifications.PostMailPreferences;
import org.maecenas.notifications.PostMailPreferences.Choices;
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

/** Settings → Email: which creators' new posts come by mail, and a switch for all of them. */
@Controller
class EmailPreferencesController {

    static final String PATH = "/settings/notifications";

    private final PostMailPreferences preferences;
    private final Memberships memberships;
    private final Campaigns campaigns;
    private final Accounts accounts;

    EmailPreferencesController(
            PostMailPreferences preferences, Memberships memberships, Campaigns campaigns, Accounts accounts) {
        this.preferences = preferences;
        this.memberships = memberships;
        this.campaigns = campaigns;
        this.accounts = accounts;
    }

    @GetMapping(PATH)
    String show(@AuthenticationPrincipal AccountUser viewer, Model model) {
        Choices choices = preferences.choices(viewer.userId());
        // creators followed now, and those turned off before (so they can be turned back on)
        Set<Long> ids = new LinkedHashSet<>(memberships.campaignsOf(viewer.userId()));
        ids.addAll(choices.campaignsOff());
        List<EmailPreferencesPage.Creator> creators = new ArrayList<>();
        for (Campaign campaign : campaigns.byIds(List.copyOf(ids))) {
            creators.add(new EmailPreferencesPage.Creator(
                    campaign, !choices.campaignsOff().contains(campaign.id().value())));
        }
        creators.sort(Comparator.comparing(c -> c.campaign().name().toLowerCase(java.util.Locale.ROOT)));
        boolean verified =
                accounts.find(viewer.userId()).map(u -> u.emailVerified()).orElse(false);
        model.addAttribute("page", new EmailPreferencesPage(choices.allOff(), verified, creators));
        return "notifications/EmailPreferencesPage";
    }

    @PostMapping(PATH)
    String all(
            @AuthenticationPrincipal AccountUser viewer,
            @RequestParam(defaultValue = "false") boolean wanted,
            RedirectAttributes redirect) {
        preferences.setAll(viewer.userId(), wanted);
        return Notices.redirect(
                redirect,
                PATH,
                wanted ? "Post mail is on for the creators below." : "You won’t get mail about new posts.");
    }

    @PostMapping(PATH + "/creators/{id}")
    String creator(
            @AuthenticationPrincipal AccountUser viewer,
            @PathVariable long id,
            @RequestParam(defaultValue = "false") boolean wanted,
            RedirectAttributes redirect) {
        Campaign campaign = campaigns.require(new CampaignId(id));
        if (wanted) {
            preferences.resubscribe(viewer.userId(), campaign.id());
        } else {
            preferences.unsubscribe(viewer.userId(), campaign.id());
        }
        return Notices.redirect(
                redirect,
                PATH,
                wanted
                        ? "You’ll get mail about new posts from " + campaign.name() + "."
                        : "You won’t get mail about new posts from " + campaign.name() + ".");
    }
}
