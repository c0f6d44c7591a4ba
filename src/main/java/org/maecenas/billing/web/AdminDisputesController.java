package org.maecenas.billing.web;

import jakarta.servlet.http.HttpServletResponse;
import org.maecenas.billing.Disputes;
import org.maecenas.payments.SandboxBank;
import org.maecenas.web.FormErrors;
import org.maecenas.web.InvalidInput;
import org.maecenas.web.Notices;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Disputes for operators. In test mode the operator can also play a patron's bank: open a dispute
 * over a sandbox charge and decide it, which drives the same code a Stripe webhook would.
 */
@Controller
class AdminDisputesController {

    private final Disputes disputes;
    private final SandboxBank sandbox;

    AdminDisputesController(Disputes disputes, SandboxBank sandbox) {
        this.disputes = disputes;
        this.sandbox = sandbox;
    }

    @GetMapping("/admin/disputes")
    String page(Model model) {
        model.addAttribute("page", page(FormErrors.none()));
        return "billing/AdminDisputesPage";
    }

    @PostMapping("/admin/disputes/simulate")
    String simulate(
            @RequestParam(defaultValue = "") String chargeId,
            @RequestParam(defaultValue = "") String reason,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        try {
            if (!sandbox.active()) {
                throw InvalidInput.of("chargeId", "Disputes can only be simulated in test mode.");
            }
            String id = sandbox.openDispute(chargeId.strip(), reason.isBlank() ? "fraudulent" : reason.strip());
            return Notices.redirect(redirect, "/admin/disputes", "Dispute " + id + " opened.");
        } catch (InvalidInput invalid) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("page", page(invalid.errors()));
            return "billing/AdminDisputesPage";
        }
    }

    @PostMapping("/admin/disputes/decide")
    String decide(
            @RequestParam(defaultValue = "") String disputeId,
            @RequestParam(defaultValue = "") String outcome,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        try {
            if (!sandbox.active()) {
                throw InvalidInput.of("disputeId", "Disputes can only be decided here in test mode.");
            }
            sandbox.closeDispute(disputeId.strip(), "won".equals(outcome));
            return Notices.redirect(
                    redirect,
                    "/admin/disputes",
                    "Dispute " + disputeId.strip() + ("won".equals(outcome) ? " won." : " lost."));
        } catch (InvalidInput invalid) {
            // the decide buttons have no field to mark: the message is the form's
            FormErrors errors =
                    FormErrors.none().add("", String.join(" ", invalid.fields().values()));
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("page", page(errors));
            return "billing/AdminDisputesPage";
        }
    }

    private AdminDisputesPage page(FormErrors errors) {
        return new AdminDisputesPage(
                disputes.recent(200),
                sandbox.active(),
                errors,
                sandbox.active() ? disputes.undisputedCharges(sandbox.gatewayName(), 20) : java.util.List.of());
    }
}
