package org.maecenas.billing.web;

import java.util.List;
import org.maecenas.accounts.AccountUser;
import org.maecenas.billing.Invoice;
import org.maecenas.billing.Statements;
import org.maecenas.payments.PaymentMethod;
import org.maecenas.payments.PaymentMethods;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** A patron's invoices and printable receipts (their own only: another's is not found). */
@Controller
class BillingController {

    private static final int INVOICES = 100;

    private final Statements statements;
    private final PaymentMethods methods;

    BillingController(Statements statements, PaymentMethods methods) {
        this.statements = statements;
        this.methods = methods;
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
