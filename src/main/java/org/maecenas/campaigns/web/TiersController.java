package org.maecenas.campaigns.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import org.maecenas.accounts.AccountUser;
import org.maecenas.campaigns.Campaign;
import org.maecenas.campaigns.Campaigns;
import org.maecenas.campaigns.Goal;
import org.maecenas.campaigns.Goals;
import org.maecenas.campaigns.Tier;
import org.maecenas.campaigns.TierDraft;
import org.maecenas.campaigns.TierId;
import org.maecenas.campaigns.Tiers;
import org.maecenas.money.Money;
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

/** Tiers and goals in the creator's workspace. */
@Controller
class TiersController {

    private final Campaigns campaigns;
    private final Tiers tiers;
    private final Goals goals;

    TiersController(Campaigns campaigns, Tiers tiers, Goals goals) {
        this.campaigns = campaigns;
        this.tiers = tiers;
        this.goals = goals;
    }

    @GetMapping("/dashboard/tiers")
    String list(@AuthenticationPrincipal AccountUser viewer, Model model) {
        Campaign campaign = campaigns.mine(viewer.userId());
        model.addAttribute(
                "page", new TiersPage(campaign, tiers.all(campaign.id()), TierForm.empty(), null, FormErrors.none()));
        return "campaigns/TiersPage";
    }

    @GetMapping("/dashboard/tiers/{id}")
    String edit(@AuthenticationPrincipal AccountUser viewer, @PathVariable long id, Model model) {
        Campaign campaign = campaigns.mine(viewer.userId());
        Tier tier = tiers.require(campaign.id(), new TierId(id));
        model.addAttribute(
                "page", new TiersPage(campaign, tiers.all(campaign.id()), TierForm.of(tier), tier, FormErrors.none()));
        return "campaigns/TiersPage";
    }

    @PostMapping("/dashboard/tiers")
    String add(
            @AuthenticationPrincipal AccountUser viewer,
            TierForm form,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        Campaign campaign = campaigns.mine(viewer.userId());
        try {
            tiers.add(viewer.userId(), form.draft(campaign));
        } catch (InvalidInput invalid) {
            return invalid(campaign, form, null, invalid, response, model);
        }
        return Notices.redirect(
                redirect, "/dashboard/tiers", "Tier “" + form.title().strip() + "” added.");
    }

    @PostMapping("/dashboard/tiers/{id}")
    String update(
            @AuthenticationPrincipal AccountUser viewer,
            @PathVariable long id,
            TierForm form,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        Campaign campaign = campaigns.mine(viewer.userId());
        Tier tier = tiers.require(campaign.id(), new TierId(id));
        try {
            tiers.update(viewer.userId(), tier.id(), form.draft(campaign));
        } catch (InvalidInput invalid) {
            return invalid(campaign, form, tier, invalid, response, model);
        }
        return Notices.redirect(redirect, "/dashboard/tiers", "Tier saved.");
    }

    @PostMapping("/dashboard/tiers/{id}/delete")
    String delete(@AuthenticationPrincipal AccountUser viewer, @PathVariable long id, RedirectAttributes redirect) {
        tiers.delete(viewer.userId(), new TierId(id));
        return Notices.redirect(redirect, "/dashboard/tiers", "Tier deleted.");
    }

    @PostMapping("/dashboard/tiers/{id}/move")
    String move(
            @AuthenticationPrincipal AccountUser viewer,
            @PathVariable long id,
            @RequestParam(defaultValue = "1") int direction) {
        tiers.move(viewer.userId(), new TierId(id), direction);
        return "redirect:/dashboard/tiers";
    }

    @GetMapping("/dashboard/goals")
    String goals(@AuthenticationPrincipal AccountUser viewer, Model model) {
        Campaign campaign = campaigns.mine(viewer.userId());
        model.addAttribute("page", new GoalsPage(campaign, goals.of(campaign.id()), "", "", "", FormErrors.none()));
        return "campaigns/GoalsPage";
    }

    @PostMapping("/dashboard/goals")
    String addGoal(
            @AuthenticationPrincipal AccountUser viewer,
            @RequestParam(defaultValue = "") String kind,
            @RequestParam(defaultValue = "") String target,
            @RequestParam(defaultValue = "") String description,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        Campaign campaign = campaigns.mine(viewer.userId());
        Goal.Kind goalKind =
                "PATRONS".equals(kind) ? Goal.Kind.PATRONS : "AMOUNT".equals(kind) ? Goal.Kind.AMOUNT : null;
        try {
            long value = goalKind == Goal.Kind.AMOUNT
                    ? Money.parse(target, campaign.currency()).map(Money::minor).orElse(-1L)
                    : parseCount(target);
            goals.add(viewer.userId(), goalKind, value, description);
        } catch (InvalidInput invalid) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute(
                    "page",
                    new GoalsPage(campaign, goals.of(campaign.id()), kind, target, description, invalid.errors()));
            return "campaigns/GoalsPage";
        }
        return Notices.redirect(redirect, "/dashboard/goals", "Goal added.");
    }

    @PostMapping("/dashboard/goals/{id}/delete")
    String deleteGoal(@AuthenticationPrincipal AccountUser viewer, @PathVariable long id, RedirectAttributes redirect) {
        goals.delete(viewer.userId(), id);
        return Notices.redirect(redirect, "/dashboard/goals", "Goal deleted.");
    }

    private String invalid(
            Campaign campaign,
            TierForm form,
            Tier editing,
            InvalidInput invalid,
            HttpServletResponse response,
            Model model) {
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        model.addAttribute("page", new TiersPage(campaign, tiers.all(campaign.id()), form, editing, invalid.errors()));
        return "campaigns/TiersPage";
    }

    private static long parseCount(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The fields a tier form may set; the amount is text until parsed in the page's currency. */
    record TierForm(
            String title,
            String description,
            String amount,
            String patronLimit,
            String benefits,
            String welcomeNote,
            Boolean published) {

        static TierForm empty() {
            return new TierForm("", "", "", "", "", "", true);
        }

        static TierForm of(Tier tier) {
            return new TierForm(
                    tier.title(),
                    tier.description(),
                    tier.amount().plain(),
                    tier.patronLimit() == null ? "" : tier.patronLimit().toString(),
                    String.join("\n", tier.benefits()),
                    tier.welcomeNote(),
                    tier.published());
        }

        TierDraft draft(Campaign campaign) {
            InvalidInput.Collector problems = new InvalidInput.Collector();
            long minor =
                    Money.parse(amount, campaign.currency()).map(Money::minor).orElse(-1L);
            problems.check(minor >= 0, "amount", "Enter an amount like 5 or 5.00.");
            Integer limit = null;
            if (patronLimit != null && !patronLimit.isBlank()) {
                try {
                    limit = Integer.parseInt(patronLimit.strip());
                } catch (NumberFormatException e) {
                    problems.add("patronLimit", "Enter a whole number, or leave it empty for no limit.");
                }
            }
            problems.throwIfAny();
            List<String> lines = benefits == null ? List.of() : Arrays.asList(benefits.split("\\R"));
            return new TierDraft(title, description, minor, limit, lines, welcomeNote, Boolean.TRUE.equals(published));
        }
    }
}
