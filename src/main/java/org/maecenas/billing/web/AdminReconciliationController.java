package org.maecenas.billing.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.maecenas.billing.BillingProperties;
import org.maecenas.billing.Reconciliation;
import org.maecenas.web.Notices;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The nightly comparison of the gateway's books with ours, and a button to run it for any day. */
@Controller
class AdminReconciliationController {

    private final Reconciliation reconciliation;
    private final BillingProperties properties;

    AdminReconciliationController(Reconciliation reconciliation, BillingProperties properties) {
        this.reconciliation = reconciliation;
        this.properties = properties;
    }

    @GetMapping("/admin/reconciliation")
    String page(Model model) {
        model.addAttribute("page", new ReconciliationPage(reconciliation.recent(30)));
        return "billing/ReconciliationPage";
    }

    @PostMapping("/admin/reconciliation")
    String run(@RequestParam(defaultValue = "") String day, RedirectAttributes redirect) {
        LocalDate date;
        try {
            date = LocalDate.parse(day.strip());
        } catch (DateTimeParseException e) {
            return Notices.redirect(redirect, "/admin/reconciliation", "Enter a day like 2026-11-25.");
        }
        // LocalDate takes years far outside what an Instant in milliseconds or PostgreSQL holds
        if (date.getYear() < 1970 || date.getYear() > 9999) {
            return Notices.redirect(redirect, "/admin/reconciliation", "Enter a day like 2026-11-25.");
        }
        Instant from = date.atStartOfDay(properties.timeZone()).toInstant();
        Instant to = date.plusDays(1).atStartOfDay(properties.timeZone()).toInstant();
        Reconciliation.Run run = reconciliation.run(from, to);
        return Notices.redirect(
                redirect,
                "/admin/reconciliation",
                "Reconciled " + date + ": " + run.gatewayTransactions() + " gateway records, "
                        + (run.mismatches().isEmpty()
                                ? "no mismatches."
                                : run.mismatches().size() + " mismatches."));
    }
}
