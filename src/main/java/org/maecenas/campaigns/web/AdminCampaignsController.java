package org.maecenas.campaigns.web;

import org.maecenas.campaigns.CampaignId;
import org.maecenas.campaigns.Campaigns;
import org.maecenas.web.Notices;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Operators see every page and choose which are featured. */
@Controller
class AdminCampaignsController {

    static final int PAGE_SIZE = 50;

    private final Campaigns campaigns;

    AdminCampaignsController(Campaigns campaigns) {
        this.campaigns = campaigns;
    }

    @GetMapping("/admin/campaigns")
    String list(@RequestParam(defaultValue = "1") int page, Model model) {
        int current = Math.max(1, page);
        var list = campaigns.all(PAGE_SIZE + 1, (current - 1) * PAGE_SIZE);
        boolean hasNext = list.size() > PAGE_SIZE;
        model.addAttribute(
                "page", new AdminCampaignsPage(hasNext ? list.subList(0, PAGE_SIZE) : list, current, hasNext));
        return "campaigns/AdminCampaignsPage";
    }

    @PostMapping("/admin/campaigns/{id}/feature")
    String feature(
            @PathVariable long id, @RequestParam(defaultValue = "true") boolean featured, RedirectAttributes redirect) {
        campaigns.feature(new CampaignId(id), featured);
        return Notices.redirect(redirect, "/admin/campaigns", featured ? "Featured." : "No longer featured.");
    }
}
