package org.maecenas.billing.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.maecenas.accounts.AccountUser;
import org.maecenas.billing.Earnings;
import org.maecenas.campaigns.Campaign;
import org.maecenas.campaigns.Campaigns;
import org.maecenas.web.Htmx;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The creator's money in the workspace: earnings (a page, and a panel the overview loads) and patrons. */
@Controller
class EarningsController {

    private static final int PATRONS_PER_PAGE = 50;

    private final Campaigns campaigns;
    private final Earnings earnings;

    EarningsController(Campaigns campaigns, Earnings earnings) {
        this.campaigns = campaigns;
        this.earnings = earnings;
    }

    @GetMapping("/dashboard/earnings")
    String earnings(
            @AuthenticationPrincipal AccountUser viewer,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Campaign campaign = campaigns.mine(viewer.userId());
        model.addAttribute("page", new EarningsPage(campaign, earnings.of(campaign)));
        response.addHeader(HttpHeaders.VARY, "HX-Request");
        return Htmx.isFragmentRequest(request) ? "billing/earningsPanel" : "billing/EarningsPage";
    }

    @GetMapping("/dashboard/patrons")
    String patrons(
            @AuthenticationPrincipal AccountUser viewer, @RequestParam(defaultValue = "1") int page, Model model) {
        Campaign campaign = campaigns.mine(viewer.userId());
        int number = Math.max(1, Math.min(page, 10_000));
        List<Earnings.Patron> patrons =
                earnings.patrons(campaign, PATRONS_PER_PAGE + 1, (number - 1) * PATRONS_PER_PAGE);
        boolean more = patrons.size() > PATRONS_PER_PAGE;
        model.addAttribute(
                "page", new PatronsPage(campaign, more ? patrons.subList(0, PATRONS_PER_PAGE) : patrons, number, more));
        return "billing/PatronsPage";
    }
}
