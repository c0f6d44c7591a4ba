package org.maecenas.billing.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.maecenas.accounts.AccountUser;
import org.maecenas.billing.Checkout;
import org.maecenas.billing.Statements;
import org.maecenas.campaigns.Tier;
import org.maecenas.campaigns.TierId;
import org.maecenas.campaigns.Tiers;
import org.maecenas.payments.PaymentMethods;
import org.maecenas.pledges.PledgeProblems.TierFull;
import org.maecenas.pledges.Pledges;
import org.maecenas.web.FormErrors;
import org.maecenas.web.InvalidInput;
import org.maecenas.web.Notices;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A patron's memberships: the list, changing one (upgrade now, downgrade next cycle, cap) and cancelling. */
@Controller
class MembershipsController {

    private final Statements statements;
    private final Checkout checkout;
    private final Tiers tiers;
    private final Pledges pledges;
    private final PaymentMethods methods;

    MembershipsController(
            Statements statements, Checkout checkout, Tiers tiers, Pledges pledges, PaymentMethods methods) {
        this.statements = statements;
        this.checkout = checkout;
        this.tiers = tiers;
        this.pledges = pledges;
        this.methods = methods;
    }

    @GetMapping("/settings/memberships")
    String list(@AuthenticationPrincipal AccountUser viewer, Model model) {
        model.addAttribute("page", new MembershipsPage(statements.memberships(viewer.id()), methods.testMode()));
        return "billing/MembershipsPage";
    }

    @GetMapping("/settings/memberships/{id}")
    String edit(@AuthenticationPrincipal AccountUser viewer, @PathVariable long id, Model model) {
        Statements.Membership membership = statements.membership(viewer.id(), id);
        model.addAttribute("page", editPage(membership, MembershipChange.of(membership), FormErrors.none()));
        return "billing/MembershipEditPage";
    }

    @PostMapping("/settings/memberships/{id}")
    String change(
            @AuthenticationPrincipal AccountUser viewer,
            @PathVariable long id,
            @ModelAttribute MembershipChange form,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        Statements.Membership membership = statements.membership(viewer.id(), id);
        InvalidInput.Collector problems = new InvalidInput.Collector();
        TierId tierId = form.tierId(problems);
        Tier tier = null;
        if (tierId != null) {
            tier = tiers.published(membership.campaign().id()).stream()
                    .filter(t -> t.id().equals(tierId))
                    .findFirst()
                    .orElse(null);
            if (tier == null) {
                problems.add("tier", "Choose one of the tiers on the page.");
            }
        }
        Integer cap = form.cap(problems);
        String amount =
                form.amountValue().isEmpty() && tier != null ? tier.amount().plain() : form.amountValue();
        Checkout.Outcome2 outcome;
        try {
            problems.throwIfAny();
            outcome = checkout.change(
                    viewer.userId(), id, tier == null ? null : tier.id(), amount, cap, membership.campaign());
        } catch (InvalidInput invalid) {
            return again(membership, form, invalid.errors(), HttpStatus.UNPROCESSABLE_CONTENT, response, model);
        } catch (TierFull full) {
            return again(
                    membership,
                    form,
                    FormErrors.none().add("", full.getMessage()),
                    HttpStatus.CONFLICT,
                    response,
                    model);
        }
        if (!outcome.ok() && !outcome.pending()) {
            return again(
                    membership,
                    form,
                    FormErrors.none().add("", outcome.message()),
                    HttpStatus.PAYMENT_REQUIRED,
                    response,
                    model);
        }
        return Notices.redirect(
                redirect, outcome.next() != null ? outcome.next() : "/settings/memberships", outcome.message());
    }

    @GetMapping("/settings/memberships/{id}/cancel")
    String confirmCancel(@AuthenticationPrincipal AccountUser viewer, @PathVariable long id, Model model) {
        model.addAttribute("page", new MembershipCancelPage(statements.membership(viewer.id(), id)));
        return "billing/MembershipCancelPage";
    }

    @PostMapping("/settings/memberships/{id}/cancel")
    String cancel(@AuthenticationPrincipal AccountUser viewer, @PathVariable long id, RedirectAttributes redirect) {
        Statements.Membership membership = statements.membership(viewer.id(), id);
        Checkout.Outcome2 outcome =
                checkout.cancel(viewer.userId(), membership.pledge().id());
        return Notices.redirect(redirect, "/settings/memberships", outcome.message());
    }

    private String again(
            Statements.Membership membership,
            MembershipChange form,
            FormErrors errors,
            HttpStatus status,
            HttpServletResponse response,
            Model model) {
        response.setStatus(status.value());
        model.addAttribute("page", editPage(membership, form, errors));
        return "billing/MembershipEditPage";
    }

    private MembershipEditPage editPage(Statements.Membership membership, MembershipChange form, FormErrors errors) {
        List<Tier> published = tiers.published(membership.campaign().id());
        Set<TierId> full = new HashSet<>();
        for (Tier tier : published) {
            if (tier.patronLimit() != null && pledges.onTier(tier.id()) >= tier.patronLimit()) {
                full.add(tier.id());
            }
        }
        return new MembershipEditPage(membership, published, full, form, errors);
    }
}
