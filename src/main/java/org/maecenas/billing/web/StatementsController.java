package org.maecenas.billing.web;

import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import org.maecenas.accounts.AccountUser;
import org.maecenas.billing.CreatorStatements;
import org.maecenas.billing.CreatorStatements.Statement;
import org.maecenas.campaigns.Campaign;
import org.maecenas.campaigns.Campaigns;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** A creator's monthly statement, as a page and as CSV. */
@Controller
class StatementsController {

    private final CreatorStatements statements;
    private final Campaigns campaigns;

    StatementsController(CreatorStatements statements, Campaigns campaigns) {
        this.statements = statements;
        this.campaigns = campaigns;
    }

    @GetMapping("/dashboard/statements")
    String page(
            @AuthenticationPrincipal AccountUser viewer, @RequestParam(required = false) String month, Model model) {
        Campaign campaign = campaigns.mine(viewer.userId());
        YearMonth chosen = monthOf(month);
        model.addAttribute(
                "page",
                new StatementPage(
                        campaign, chosen, statements.month(campaign.id().value(), chosen)));
        return "billing/StatementPage";
    }

    @GetMapping("/dashboard/statements.csv")
    ResponseEntity<byte[]> csv(
            @AuthenticationPrincipal AccountUser viewer, @RequestParam(required = false) String month) {
        Campaign campaign = campaigns.mine(viewer.userId());
        YearMonth chosen = monthOf(month);
        StringBuilder csv = new StringBuilder(
                "month,currency,gross,platform_fees,processing_fees,refunds,disputes,net,paid_out,balance\n");
        for (Statement s : statements.month(campaign.id().value(), chosen)) {
            csv.append(chosen).append(',').append(s.currency());
            for (long value : new long[] {
                s.gross(),
                s.platformFees(),
                s.processingFees(),
                s.refunds(),
                s.disputes(),
                s.net(),
                s.paidOut(),
                s.balance()
            }) {
                csv.append(',').append(s.money(value).plain());
            }
            csv.append('\n');
        }
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"statement-" + campaign.slug() + "-" + chosen + ".csv\"")
                .body(csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The month asked for; this month when none, malformed, or out of the years money can be in. */
    private YearMonth monthOf(String text) {
        if (text == null || text.isBlank()) {
            return statements.currentMonth();
        }
        try {
            YearMonth month = YearMonth.parse(text.strip());
            // a year like +300000 parses, but is beyond PostgreSQL's timestamps (and next month's overflows)
            return month.getYear() >= 1970 && month.getYear() <= 9999 ? month : statements.currentMonth();
        } catch (DateTimeParseException e) {
            return statements.currentMonth();
        }
    }
}
