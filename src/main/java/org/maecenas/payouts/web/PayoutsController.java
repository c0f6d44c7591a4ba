package org.maecenas.payouts.web;

import jakarta.servlet.http.HttpServletResponse;
import org.maecenas.accounts.AccountUser;
import org.maecenas.campaigns.Campaign;
import org.maecenas.campaigns.Campaigns;
import org.maecenas.payouts.Payout;
import org.maecenas.payouts.Payouts;
import org.maecenas.web.FormErrors;
import org.maecenas.web.InvalidInput;
import org.maecenas.web.Notices;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A creator's payouts: how to be paid, what is available, asking for it, and the history. */
@Controller
class PayoutsController {

    private final Payouts payouts;
    private final Campaigns campaigns;

    PayoutsController(Payouts payouts, Campaigns campaigns) {
        this.payouts = payouts;
        this.campaigns = campaigns;
    }

    @GetMapping("/dashboard/payouts")
    String page(@AuthenticationPrincipal AccountUser viewer, Model model) {
        model.addAttribute("page", page(campaigns.mine(viewer.userId()), FormErrors.none(), PayoutForm.empty()));
        return "payouts/PayoutsPage";
    }

    @PostMapping("/dashboard/payouts/method")
    String method(
            @AuthenticationPrincipal AccountUser viewer,
            PayoutForm form,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        Campaign campaign = campaigns.mine(viewer.userId());
        try {
            if ("STRIPE_CONNECT".equals(form.kind())) {
                payouts.useStripeConnect(campaign.id().value(), form.connectAccount(), form.isAutomatic());
            } else {
                payouts.useBankAccount(
                        campaign.id().value(),
                        form.holder(),
                        form.iban(),
                        form.accountNumber(),
                        form.routingCode(),
                        form.isAutomatic());
            }
        } catch (InvalidInput invalid) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("page", page(campaign, invalid.errors(), form.withoutSecrets()));
            return "payouts/PayoutsPage";
        }
        return Notices.redirect(redirect, "/dashboard/payouts", "Your payout method is saved.");
    }

    @PostMapping("/dashboard/payouts")
    String request(
            @AuthenticationPrincipal AccountUser viewer,
            @RequestParam(defaultValue = "") String currency,
            @RequestParam(defaultValue = "") String amount,
            @RequestParam(defaultValue = "") String requestToken,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        Campaign campaign = campaigns.mine(viewer.userId());
        String code = currency.isBlank() ? campaign.currency().getCurrencyCode() : currency;
        Payout payout;
        try {
            payout = payouts.request(campaign.id().value(), code, amount, requestToken);
        } catch (InvalidInput invalid) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("page", page(campaign, invalid.errors(), PayoutForm.empty()));
            return "payouts/PayoutsPage";
        }
        String message = switch (payout.status()) {
            case "PAID" -> "Paid out " + payout.amount().display() + " to " + payout.destination() + ".";
            case "FAILED" -> "The payout failed and the money is back in your balance: " + payout.failureReason();
            default ->
                "Payout of " + payout.amount().display() + " requested; it is on its way to " + payout.destination()
                        + ".";
        };
        return Notices.redirect(redirect, "/dashboard/payouts", message);
    }

    private PayoutsPage page(Campaign campaign, FormErrors errors, PayoutForm form) {
        long id = campaign.id().value();
        return new PayoutsPage(
                campaign,
                payouts.method(id).orElse(null),
                payouts.available(id),
                payouts.balance(id),
                payouts.holdingDays(),
                payouts.minimum(campaign.currency()),
                payouts.of(id),
                form,
                errors);
    }

    /** The payout method form (secrets are never echoed back). */
    public record PayoutForm(
            String kind,
            String connectAccount,
            String holder,
            String iban,
            String accountNumber,
            String routingCode,
            Boolean automatic) {

        static PayoutForm empty() {
            return new PayoutForm("MANUAL", "", "", "", "", "", false);
        }

        boolean isAutomatic() {
            return Boolean.TRUE.equals(automatic);
        }

        PayoutForm withoutSecrets() {
            return new PayoutForm(kind, connectAccount, holder, "", "", "", automatic);
        }
    }
}
