package org.maecenas.billing.web;

import jakarta.servlet.http.HttpServletResponse;
import org.maecenas.accounts.AccountUser;
import org.maecenas.accounts.Accounts;
import org.maecenas.accounts.UserId;
import org.maecenas.billing.Disputes;
import org.maecenas.billing.Refunds;
import org.maecenas.campaigns.Campaign;
import org.maecenas.campaigns.Campaigns;
import org.maecenas.web.DomainProblem;
import org.maecenas.web.FormErrors;
import org.maecenas.web.InvalidInput;
import org.maecenas.web.Notices;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A creator refunds a patron from the patron's row, and sees refunds and disputes. */
@Controller
class RefundsController {

    private final Campaigns campaigns;
    private final Refunds refunds;
    private final Disputes disputes;
    private final Accounts accounts;

    RefundsController(Campaigns campaigns, Refunds refunds, Disputes disputes, Accounts accounts) {
        this.campaigns = campaigns;
        this.refunds = refunds;
        this.disputes = disputes;
        this.accounts = accounts;
    }

    @GetMapping("/dashboard/patrons/{patron}")
    String patron(@AuthenticationPrincipal AccountUser viewer, @PathVariable long patron, Model model) {
        Campaign campaign = campaigns.mine(viewer.userId());
        model.addAttribute("page", page(campaign, patron, FormErrors.none(), 0));
        return "billing/PatronPaymentsPage";
    }

    @PostMapping("/dashboard/patrons/{patron}/refunds")
    String refund(
            @AuthenticationPrincipal AccountUser viewer,
            @PathVariable long patron,
            @RequestParam(defaultValue = "0") long line,
            @RequestParam(defaultValue = "") String amount,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        Campaign campaign = campaigns.mine(viewer.userId());
        Refunds.Outcome outcome;
        try {
            outcome = refunds.refund(campaign.id().value(), patron, line, amount, viewer.id());
        } catch (InvalidInput invalid) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("page", page(campaign, patron, invalid.errors(), line));
            return "billing/PatronPaymentsPage";
        }
        return Notices.redirect(redirect, "/dashboard/patrons/" + patron, outcome.message());
    }

    @GetMapping("/dashboard/refunds")
    String overview(@AuthenticationPrincipal AccountUser viewer, Model model) {
        Campaign campaign = campaigns.mine(viewer.userId());
        model.addAttribute(
                "page",
                new RefundsOverviewPage(
                        campaign,
                        refunds.recent(campaign.id().value(), 100),
                        disputes.ofCampaign(campaign.id().value(), 100)));
        return "billing/RefundsOverviewPage";
    }

    private PatronPaymentsPage page(Campaign campaign, long patron, FormErrors errors, long failedLine) {
        long id = campaign.id().value();
        if (!refunds.isPatronOf(id, patron)) {
            throw new NoSuchPatron();
        }
        String name = accounts.displayNames(java.util.List.of(new UserId(patron)))
                .getOrDefault(new UserId(patron), "A patron");
        return new PatronPaymentsPage(
                campaign, patron, name, refunds.refundable(id, patron), refunds.of(id, patron), errors, failedLine);
    }

    /** Not one of this creator's patrons (or no such account): the same answer either way. */
    static final class NoSuchPatron extends DomainProblem.NotFound {
        NoSuchPatron() {
            super("patron-not-found", "This person has never paid you.");
        }
    }
}
