package org.maecenas.billing.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.maecenas.accounts.AccountUser;
import org.maecenas.billing.Checkout;
import org.maecenas.billing.Statements;
import org.maecenas.campaigns.Campaign;
import org.maecenas.campaigns.Campaigns;
import org.maecenas.campaigns.Tier;
import org.maecenas.campaigns.TierId;
import org.maecenas.campaigns.Tiers;
import org.maecenas.money.Money;
import org.maecenas.payments.PaymentMethod;
import org.maecenas.payments.PaymentMethods;
import org.maecenas.pledges.Cadence;
import org.maecenas.pledges.Pledge;
import org.maecenas.pledges.PledgeProblems.AlreadyAMember;
import org.maecenas.pledges.PledgeProblems.TierFull;
import org.maecenas.pledges.Pledges;
import org.maecenas.web.FormErrors;
import org.maecenas.web.InvalidInput;
import org.maecenas.web.Notices;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Joining a creator: the form (tier or amount, cap or cadence, card), a review that states what
 * will be charged and when, the confirmation that charges, and the welcome with the tier's note.
 * Visitors sign in first and come back to the form.
 */
@Controller
class JoinController {

    private static final HttpSessionRequestCache RETURN_AFTER_SIGN_IN = new HttpSessionRequestCache();

    private final Campaigns campaigns;
    private final Tiers tiers;
    private final Pledges pledges;
    private final PaymentMethods methods;
    private final Checkout checkout;
    private final Statements statements;

    JoinController(
            Campaigns campaigns,
            Tiers tiers,
            Pledges pledges,
            PaymentMethods methods,
            Checkout checkout,
            Statements statements) {
        this.campaigns = campaigns;
        this.tiers = tiers;
        this.pledges = pledges;
        this.methods = methods;
        this.checkout = checkout;
        this.statements = statements;
    }

    @GetMapping("/{slug}/join")
    String form(
            @PathVariable String slug,
            @RequestParam(required = false) String tier,
            @AuthenticationPrincipal AccountUser viewer,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        if (viewer == null) {
            // sign in (or sign up) first; Spring Security brings the person back here afterwards
            campaigns.visible(slug, -1, false);
            RETURN_AFTER_SIGN_IN.saveRequest(request, response);
            return "redirect:/login";
        }
        Campaign campaign = campaigns.visible(slug, viewer.id(), viewer.isAdmin());
        Long chosen = parseTier(tier);
        Long card = methods.defaultOf(viewer.id()).map(PaymentMethod::id).orElse(null);
        model.addAttribute("page", page(campaign, viewer, JoinChoice.start(chosen, card), FormErrors.none()));
        return "billing/JoinPage";
    }

    /** Checks the choice (saving a new card) and shows what will be charged; charges nothing. */
    @PostMapping("/{slug}/join")
    String review(
            @PathVariable String slug,
            @ModelAttribute JoinChoice form,
            @RequestParam(defaultValue = "") String cardNumber,
            @RequestParam(defaultValue = "") String expiry,
            @AuthenticationPrincipal AccountUser viewer,
            HttpServletResponse response,
            Model model) {
        if (viewer == null) {
            return "redirect:/login";
        }
        Campaign campaign = campaigns.visible(slug, viewer.id(), viewer.isAdmin());
        JoinChoice choice = form;
        InvalidInput.Collector problems = new InvalidInput.Collector();
        if (choice.newCard()) {
            try {
                PaymentMethod added = methods.add(viewer.id(), cardNumber, expiry, minimum(campaign));
                choice = choice.withPaymentMethod(added.id());
            } catch (InvalidInput invalid) {
                invalid.fields().forEach(problems::add);
            }
        }
        Checkout.JoinRequest request = request(campaign, choice, problems);
        try {
            Checkout.Quote quote = checkout.quote(viewer.userId(), campaign, request);
            problems.throwIfAny();
            model.addAttribute("page", new JoinConfirmPage(campaign, quote, choice, methods.testMode()));
            return "billing/JoinConfirmPage";
        } catch (InvalidInput invalid) {
            invalid.fields().forEach((field, message) -> {
                if (!field.equals("paymentMethod") || !problems.has("cardNumber")) {
                    problems.add(field, message);
                }
            });
            return again(campaign, viewer, choice, errors(problems), HttpStatus.UNPROCESSABLE_CONTENT, response, model);
        } catch (TierFull | AlreadyAMember problem) {
            return again(
                    campaign,
                    viewer,
                    choice,
                    FormErrors.none().add("", problem.getMessage()),
                    problem.status(),
                    response,
                    model);
        }
    }

    /** Joins: charges monthly and annual memberships now; a declined card makes no membership. */
    @PostMapping("/{slug}/join/confirm")
    String confirm(
            @PathVariable String slug,
            @ModelAttribute JoinChoice form,
            @AuthenticationPrincipal AccountUser viewer,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        if (viewer == null) {
            return "redirect:/login";
        }
        Campaign campaign = campaigns.visible(slug, viewer.id(), viewer.isAdmin());
        Checkout.Outcome2 outcome;
        try {
            InvalidInput.Collector problems = new InvalidInput.Collector();
            Checkout.JoinRequest request = request(campaign, form, problems);
            problems.throwIfAny();
            outcome = checkout.join(viewer.userId(), campaign, request);
        } catch (InvalidInput invalid) {
            return again(campaign, viewer, form, invalid.errors(), HttpStatus.UNPROCESSABLE_CONTENT, response, model);
        } catch (TierFull | AlreadyAMember problem) {
            return again(
                    campaign,
                    viewer,
                    form,
                    FormErrors.none().add("", problem.getMessage()),
                    problem.status(),
                    response,
                    model);
        }
        if (outcome.ok()) {
            return Notices.redirect(redirect, "/" + campaign.slug() + "/join/welcome", outcome.message());
        }
        if (outcome.pending()) {
            return Notices.redirect(
                    redirect, outcome.next() != null ? outcome.next() : "/settings/memberships", outcome.message());
        }
        return again(
                campaign,
                viewer,
                form,
                FormErrors.none().add("", outcome.message()),
                HttpStatus.PAYMENT_REQUIRED,
                response,
                model);
    }

    @GetMapping("/{slug}/join/welcome")
    String welcome(@PathVariable String slug, @AuthenticationPrincipal AccountUser viewer, Model model) {
        if (viewer == null) {
            return "redirect:/login";
        }
        Campaign campaign = campaigns.visible(slug, viewer.id(), viewer.isAdmin());
        Optional<Pledge> live = pledges.live(campaign.id(), viewer.id()).filter(Pledge::paid);
        if (live.isEmpty()) {
            return "redirect:/" + campaign.slug() + "/join";
        }
        model.addAttribute(
                "page",
                new JoinWelcomePage(
                        statements.membership(viewer.id(), live.get().id())));
        return "billing/JoinWelcomePage";
    }

    private String again(
            Campaign campaign,
            AccountUser viewer,
            JoinChoice choice,
            FormErrors errors,
            HttpStatus status,
            HttpServletResponse response,
            Model model) {
        response.setStatus(status.value());
        model.addAttribute("page", page(campaign, viewer, choice, errors));
        return "billing/JoinPage";
    }

    private JoinPage page(Campaign campaign, AccountUser viewer, JoinChoice choice, FormErrors errors) {
        List<Tier> published = tiers.published(campaign.id());
        Set<TierId> full = new HashSet<>();
        for (Tier tier : published) {
            if (tier.patronLimit() != null && pledges.onTier(tier.id()) >= tier.patronLimit()) {
                full.add(tier.id());
            }
        }
        return new JoinPage(
                campaign,
                published,
                full,
                methods.of(viewer.id()),
                choice,
                errors,
                pledges.live(campaign.id(), viewer.id()).filter(Pledge::paid).orElse(null),
                campaign.ownedBy(viewer.id()),
                methods.testMode());
    }

    /**
     * The request for the engine. A tier that is not one of this page's published tiers, a
     * malformed cap or card id goes into {@code problems}, to be shown with what the engine finds.
     */
    private Checkout.JoinRequest request(Campaign campaign, JoinChoice choice, InvalidInput.Collector problems) {
        TierId tierId = choice.tierId(problems);
        Tier tier = null;
        if (tierId != null) {
            tier = tiers.published(campaign.id()).stream()
                    .filter(t -> t.id().equals(tierId))
                    .findFirst()
                    .orElse(null);
            if (tier == null) {
                problems.add("tier", "Choose one of the tiers on the page.");
            }
        }
        Integer cap = choice.cap(problems);
        Long card = choice.paymentMethodId(problems);
        String amount =
                choice.amountValue().isEmpty() && tier != null ? tier.amount().plain() : choice.amountValue();
        Cadence cadence = Cadence.valueOf(choice.cadenceValue());
        return new Checkout.JoinRequest(tier == null ? null : tier.id(), amount, cadence, cap, card);
    }

    private static FormErrors errors(InvalidInput.Collector problems) {
        try {
            problems.throwIfAny();
            return FormErrors.none();
        } catch (InvalidInput invalid) {
            return invalid.errors();
        }
    }

    private static Money minimum(Campaign campaign) {
        return new Money(Money.oneUnit(campaign.currency()), campaign.currency());
    }

    private static Long parseTier(String tier) {
        try {
            return tier == null || tier.isBlank() ? null : Long.parseLong(tier.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
