package org.maecenas.notifications.web;

import org.maecenas.campaigns.Campaign;
import org.maecenas.campaigns.Campaigns;
import org.maecenas.notifications.PostMailPreferences;
import org.maecenas.notifications.PostMailPreferences.Choices;
import org.maecenas.notifications.PostMailPreferences.Subscription;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The link in every post mail, no sign-in needed: opening it asks, posting it unsubscribes. A mail
 * client's one-click unsubscribe (RFC 8058) posts {@code List-Unsubscribe=One-Click} to the same
 * address without a CSRF token, so this path alone is exempt; the signed token is what authorises.
 */
@Controller
class UnsubscribeController {

    private final PostMailPreferences preferences;
    private final Campaigns campaigns;

    UnsubscribeController(PostMailPreferences preferences, Campaigns campaigns) {
        this.preferences = preferences;
        this.campaigns = campaigns;
    }

    @GetMapping("/mail/unsubscribe/{token}")
    String confirm(@PathVariable String token, Model model) {
        Subscription subscription = verified(token);
        return page(token, subscription, null, model);
    }

    /**
     * Unsubscribes from the link's creator; {@code scope=all} stops all post mail, {@code
     * scope=undo} takes the creator back. A one-click post sends no scope.
     */
    @PostMapping("/mail/unsubscribe/{token}")
    String unsubscribe(@PathVariable String token, @RequestParam(defaultValue = "creator") String scope, Model model) {
        Subscription subscription = verified(token);
        String done = switch (scope) {
            case "all" -> {
                preferences.setAll(subscription.user(), false);
                yield "all";
            }
            case "undo" -> {
                preferences.resubscribe(subscription.user(), subscription.campaign());
                yield "resubscribed";
            }
            default -> {
                preferences.unsubscribe(subscription.user(), subscription.campaign());
                yield "creator";
            }
        };
        return page(token, subscription, done, model);
    }

    private Subscription verified(String token) {
        return preferences.verify(token).orElseThrow(UnsubscribeLinkInvalid::new);
    }

    private String page(String token, Subscription subscription, String done, Model model) {
        Campaign campaign = campaigns.require(subscription.campaign());
        Choices choices = preferences.choices(subscription.user());
        model.addAttribute(
                "page",
                new UnsubscribePage(
                        token,
                        campaign.name(),
                        campaign.url(),
                        !choices.campaignsOff().contains(campaign.id().value()),
                        choices.allOff(),
                        done));
        return "notifications/UnsubscribePage";
    }
}
