package org.maecenas.billing.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Currency;
import org.maecenas.accounts.AccountUser;
import org.maecenas.billing.BillingProblems.CardStillNeeded;
import org.maecenas.billing.Collections;
import org.maecenas.billing.Statements;
import org.maecenas.billing.Wallet;
import org.maecenas.money.Money;
import org.maecenas.payments.GatewayInfo;
import org.maecenas.payments.PaymentMethod;
import org.maecenas.payments.PaymentMethods;
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

/**
 * A patron's cards. A new card becomes the default; with payments unpaid after a decline it is
 * tried for all of them at once ("update the card and retry now"), as is any card on request.
 */
@Controller
class PaymentMethodsController {

    private static final Money PROBE = new Money(100, Currency.getInstance("USD"));

    private final PaymentMethods methods;
    private final Wallet wallet;
    private final Collections collections;
    private final Statements statements;
    private final GatewayInfo gateway;

    PaymentMethodsController(
            PaymentMethods methods,
            Wallet wallet,
            Collections collections,
            Statements statements,
            GatewayInfo gateway) {
        this.methods = methods;
        this.wallet = wallet;
        this.collections = collections;
        this.statements = statements;
        this.gateway = gateway;
    }

    @GetMapping("/settings/payment-methods")
    String list(@AuthenticationPrincipal AccountUser viewer, Model model) {
        model.addAttribute("page", page(viewer, FormErrors.none()));
        return "billing/PaymentMethodsPage";
    }

    @PostMapping("/settings/payment-methods")
    String add(
            @AuthenticationPrincipal AccountUser viewer,
            @RequestParam(defaultValue = "") String cardNumber,
            @RequestParam(defaultValue = "") String expiry,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        PaymentMethod card;
        try {
            card = methods.add(viewer.id(), cardNumber, expiry, PROBE);
        } catch (InvalidInput invalid) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("page", page(viewer, invalid.errors()));
            return "billing/PaymentMethodsPage";
        }
        return saved(viewer, card, redirect);
    }

    /**
     * A card the patron entered in Stripe's form and confirmed with Stripe.js: the browser sends only
     * the SetupIntent's id; what the card is, is asked of Stripe.
     */
    @PostMapping("/settings/payment-methods/stripe")
    String addFromStripe(
            @AuthenticationPrincipal AccountUser viewer,
            @RequestParam(defaultValue = "") String setupIntent,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        PaymentMethod card;
        try {
            card = methods.addConfirmed(viewer.id(), setupIntent);
        } catch (InvalidInput invalid) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("page", page(viewer, invalid.errors()));
            return "billing/PaymentMethodsPage";
        }
        return saved(viewer, card, redirect);
    }

    private String saved(AccountUser viewer, PaymentMethod card, RedirectAttributes redirect) {
        wallet.makeDefault(viewer.id(), card.id());
        if (statements.unpaid(viewer.id()).isEmpty()) {
            return Notices.redirect(
                    redirect, "/settings/payment-methods", card.label() + " is saved and is your default card.");
        }
        return Notices.redirect(
                redirect, "/settings/payment-methods", card.label() + " is saved. " + retry(viewer, card));
    }

    @PostMapping("/settings/payment-methods/{id}/default")
    String makeDefault(
            @AuthenticationPrincipal AccountUser viewer, @PathVariable long id, RedirectAttributes redirect) {
        PaymentMethod card = methods.require(viewer.id(), id);
        wallet.makeDefault(viewer.id(), card.id());
        return Notices.redirect(redirect, "/settings/payment-methods", card.label() + " is your default card now.");
    }

    @PostMapping("/settings/payment-methods/{id}/remove")
    String remove(
            @AuthenticationPrincipal AccountUser viewer,
            @PathVariable long id,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        PaymentMethod card = methods.require(viewer.id(), id);
        try {
            wallet.remove(viewer.id(), card.id());
        } catch (CardStillNeeded needed) {
            response.setStatus(needed.status().value());
            model.addAttribute("page", page(viewer, FormErrors.none().add("", needed.getMessage())));
            return "billing/PaymentMethodsPage";
        }
        return Notices.redirect(redirect, "/settings/payment-methods", card.label() + " is removed.");
    }

    /** Tries every unpaid invoice again, now, with this card. */
    @PostMapping("/settings/payment-methods/{id}/retry")
    String retryNow(@AuthenticationPrincipal AccountUser viewer, @PathVariable long id, RedirectAttributes redirect) {
        PaymentMethod card = methods.require(viewer.id(), id);
        wallet.makeDefault(viewer.id(), card.id());
        return Notices.redirect(redirect, "/settings/payment-methods", card.label() + ". " + retry(viewer, card));
    }

    private String retry(AccountUser viewer, PaymentMethod card) {
        int unpaid = statements.unpaid(viewer.id()).size();
        int paid = collections.retryNow(viewer.id(), card.id());
        int left = statements.unpaid(viewer.id()).size();
        if (left == 0) {
            return "Tried again with it: " + paid + (paid == 1 ? " payment" : " payments")
                    + " paid, your memberships are active again.";
        }
        return "Tried again with it: " + left + " of " + unpaid + (unpaid == 1 ? " payment was" : " payments were")
                + " declined again. Try another card.";
    }

    private PaymentMethodsPage page(AccountUser viewer, FormErrors errors) {
        return new PaymentMethodsPage(
                methods.of(viewer.id()),
                statements.unpaid(viewer.id()),
                errors,
                gateway.testMode(),
                gateway.stripe(),
                gateway.stripePublishableKey().orElse(null));
    }
}
