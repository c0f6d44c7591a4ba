package org.maecenas.billing.web;

import java.util.List;
import java.util.Optional;
import org.maecenas.accounts.AccountUser;
import org.maecenas.billing.Collections;
import org.maecenas.billing.Invoice;
import org.maecenas.billing.Statements;
import org.maecenas.billing.internal.AttemptRepository.Attempt;
import org.maecenas.payments.GatewayInfo;
import org.maecenas.payments.PaymentGateway;
import org.maecenas.payments.PaymentMethod;
import org.maecenas.payments.PaymentMethods;
import org.maecenas.payments.SandboxBank;
import org.maecenas.web.Notices;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A patron's invoices and printable receipts (their own only: another's is not found). */
@Controller
class BillingController {

    private static final int INVOICES = 100;

    private final Statements statements;
    private final PaymentMethods methods;
    private final Collections collections;
    private final PaymentGateway gateway;
    private final SandboxBank sandbox;
    private final String publishableKey;

    BillingController(
            Statements statements,
            PaymentMethods methods,
            Collections collections,
            PaymentGateway gateway,
            SandboxBank sandbox,
            GatewayInfo info) {
        this.statements = statements;
        this.methods = methods;
        this.collections = collections;
        this.gateway = gateway;
        this.sandbox = sandbox;
        this.publishableKey = info.stripePublishableKey().orElse("");
    }

    @GetMapping("/settings/billing/invoices/{id}/authenticate")
    String authenticate(@AuthenticationPrincipal AccountUser viewer, @PathVariable long id, Model model) {
        Invoice invoice = statements.invoice(viewer.id(), id);
        Optional<Attempt> waiting = collections.waitingFor(invoice.id());
        String secret = waiting.flatMap(a -> gateway.actionSecret(a.key())).orElse(null);
        model.addAttribute(
                "page",
                new AuthenticatePage(
                        invoice,
                        waiting.isPresent(),
                        secret,
                        publishableKey.isBlank() ? null : publishableKey,
                        sandbox.active()));
        return "billing/AuthenticatePage";
    }

    /** Test mode only: the patron plays their bank. */
    @PostMapping("/settings/billing/invoices/{id}/authenticate")
    String authenticated(
            @AuthenticationPrincipal AccountUser viewer,
            @PathVariable long id,
            @RequestParam(defaultValue = "") String decision,
            RedirectAttributes redirect) {
        Invoice invoice = statements.invoice(viewer.id(), id);
        Optional<Attempt> waiting = collections.waitingFor(invoice.id());
        if (waiting.isEmpty() || !sandbox.active()) {
            return Notices.redirect(
                    redirect,
                    "/settings/billing/invoices/" + id,
                    "No payment of this invoice is waiting for your bank.");
        }
        if ("confirm".equals(decision)) {
            sandbox.completeAuthentication(waiting.get().key());
        } else {
            sandbox.refuseAuthentication(waiting.get().key());
        }
        collections.resolveKey(waiting.get().key()); // at once, rather than when the event is handled
        return Notices.redirect(
                redirect,
                "/settings/billing/invoices/" + id,
                "confirm".equals(decision)
                        ? "Payment confirmed. Thank you!"
                        : "You refused the payment; nothing was charged.");
    }

    @GetMapping("/settings/billing")
    String invoices(@AuthenticationPrincipal AccountUser viewer, Model model) {
        List<Invoice> invoices = statements.invoices(viewer.id(), INVOICES);
        model.addAttribute(
                "page",
                new BillingPage(
                        invoices,
                        statements.creatorNames(invoices),
                        statements.unpaid(viewer.id()).size(),
                        methods.testMode()));
        return "billing/BillingPage";
    }

    @GetMapping("/settings/billing/invoices/{id}")
    String receipt(@AuthenticationPrincipal AccountUser viewer, @PathVariable long id, Model model) {
        Invoice invoice = statements.invoice(viewer.id(), id);
        String card = invoice.paymentMethodId() == null
                ? null
                : methods.of(viewer.id()).stream()
                        .filter(m -> m.id() == invoice.paymentMethodId())
                        .map(PaymentMethod::label)
                        .findFirst()
                        .orElse("a card since removed");
        model.addAttribute(
                "page",
                new ReceiptPage(
                        invoice,
                        statements.creatorNames(List.of(invoice)),
                        viewer.displayName(),
                        card,
                        methods.testMode()));
        return "billing/ReceiptPage";
    }
}
