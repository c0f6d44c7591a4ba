package org.maecenas.payouts.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.maecenas.payouts.Payout;
import org.maecenas.payouts.Payouts;
import org.maecenas.web.Notices;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Operators see payouts on their way, export manual transfers, and mark them sent or failed. */
@Controller
class AdminPayoutsController {

    private final Payouts payouts;

    AdminPayoutsController(Payouts payouts) {
        this.payouts = payouts;
    }

    @GetMapping("/admin/payouts")
    String list(Model model) {
        model.addAttribute("page", new AdminPayoutsPage(payouts.open()));
        return "payouts/AdminPayoutsPage";
    }

    /** Manual payouts waiting for a bank transfer, with the bank details to send them to. */
    @GetMapping("/admin/payouts/manual.csv")
    ResponseEntity<byte[]> export() {
        StringBuilder csv = new StringBuilder("payout_id,campaign_id,amount,currency,requested_at,bank_details\n");
        List<Payout> manual = payouts.open().stream()
                .filter(p -> "MANUAL".equals(p.methodKind()) && "REQUESTED".equals(p.status()))
                .toList();
        for (Payout payout : manual) {
            String details = payouts.bankDetails(payout).orElse("").replace("\n", "; ");
            csv.append(payout.id())
                    .append(',')
                    .append(payout.campaignId())
                    .append(',')
                    .append(payout.amount().plain())
                    .append(',')
                    .append(payout.amount().currency().getCurrencyCode())
                    .append(',')
                    .append(payout.requestedAt())
                    .append(',')
                    .append(Csv.quote(details))
                    .append('\n');
        }
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"manual-payouts.csv\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    @PostMapping("/admin/payouts/{id}/sent")
    String sent(@PathVariable long id, @RequestParam(defaultValue = "") String reference, RedirectAttributes redirect) {
        boolean marked = payouts.markPaid(id, reference.isBlank() ? null : reference.strip());
        return Notices.redirect(redirect, "/admin/payouts", marked ? "Payout " + id + " marked sent." : unchanged(id));
    }

    @PostMapping("/admin/payouts/{id}/failed")
    String failed(@PathVariable long id, @RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
        boolean marked = payouts.markFailed(id, reason.isBlank() ? "marked failed by an operator" : reason.strip());
        return Notices.redirect(
                redirect,
                "/admin/payouts",
                marked
                        ? "Payout " + id + " marked failed; the money is back in the creator’s balance."
                        : unchanged(id));
    }

    private String unchanged(long id) {
        return "Payout " + id + " is " + payouts.require(id).status().toLowerCase(java.util.Locale.ROOT)
                + " already; nothing was changed.";
    }
}
