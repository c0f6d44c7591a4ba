package org.maecenas.billing.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicBoolean;
import org.maecenas.billing.BillingCalendar;
import org.maecenas.billing.BillingDays;
import org.maecenas.billing.BillingProperties;
import org.maecenas.billing.Collections;
import org.maecenas.billing.InvariantCheck;
import org.maecenas.ledger.Ledger;
import org.maecenas.web.Htmx;
import org.maecenas.web.Notices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Billing and the ledger for operators (the admin area is for admins only). Running today's
 * billing day happens in the background; the page follows its progress by polling (htmx).
 */
@Controller
class AdminBillingController {

    private static final Logger log = LoggerFactory.getLogger(AdminBillingController.class);

    private final BillingDays days;
    private final Collections collections;
    private final InvariantCheck check;
    private final Ledger ledger;
    private final BillingProperties properties;
    private final TaskExecutor executor;
    private final Clock clock;
    private final AtomicBoolean starting = new AtomicBoolean();

    AdminBillingController(
            BillingDays days,
            Collections collections,
            InvariantCheck check,
            Ledger ledger,
            BillingProperties properties,
            @Qualifier("applicationTaskExecutor") TaskExecutor executor,
            Clock clock) {
        this.days = days;
        this.collections = collections;
        this.check = check;
        this.ledger = ledger;
        this.properties = properties;
        this.executor = executor;
        this.clock = clock;
    }

    /** The page, or to htmx's polling only the progress panel. */
    @GetMapping("/admin/billing")
    String billing(HttpServletRequest request, HttpServletResponse response, Model model) {
        model.addAttribute(
                "page",
                new AdminBillingPage(
                        days.latest(10),
                        days.parked(50),
                        collections.unresolved(50),
                        check.lastResult().orElse(null),
                        starting.get()));
        response.addHeader(HttpHeaders.VARY, "HX-Request");
        return Htmx.isFragmentRequest(request) ? "billing/runsPanel" : "billing/AdminBillingPage";
    }

    @GetMapping("/admin/ledger")
    String ledger(Model model) {
        model.addAttribute(
                "page",
                new AdminLedgerPage(ledger.balances(), check.lastResult().orElse(null)));
        return "billing/AdminLedgerPage";
    }

    @PostMapping("/admin/billing/check")
    String runCheck(@RequestParam(defaultValue = "") String back, RedirectAttributes redirect) {
        InvariantCheck.Report report = check.checkAndRecord();
        return Notices.redirect(
                redirect,
                "/admin/ledger".equals(back) ? "/admin/ledger" : "/admin/billing",
                report.ok()
                        ? report.text()
                        : "The ledger check failed: " + report.failures().size() + " of " + report.checks()
                                + " invariants do not hold. See the report below.");
    }

    /** Starts (or resumes) today's billing day in the background; the page shows its progress. */
    @PostMapping("/admin/billing/run")
    String runToday(RedirectAttributes redirect) {
        LocalDate today = new BillingCalendar(properties.timeZone()).today(clock.instant());
        if (!starting.compareAndSet(false, true)) {
            return Notices.redirect(redirect, "/admin/billing", "A billing day started here is still running.");
        }
        executor.execute(() -> {
            try {
                days.run(today);
            } catch (RuntimeException e) {
                log.error("Billing day {} started by an admin failed; running it again resumes it", today, e);
            } finally {
                starting.set(false);
            }
        });
        return Notices.redirect(
                redirect,
                "/admin/billing",
                "Billing day " + BillingText.day(today) + " is running. Its progress shows below.");
    }
}
