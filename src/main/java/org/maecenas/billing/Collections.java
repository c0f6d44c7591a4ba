package org.maecenas.billing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.maecenas.billing.BillingEvents.InvoicePaid;
import org.maecenas.billing.BillingEvents.PaymentDeclined;
import org.maecenas.billing.internal.AttemptRepository;
import org.maecenas.billing.internal.AttemptRepository.Attempt;
import org.maecenas.billing.internal.InvoiceRepository;
import org.maecenas.money.Money;
import org.maecenas.payments.ChargeRequest;
import org.maecenas.payments.ChargeResult;
import org.maecenas.payments.ChargeResult.Outcome;
import org.maecenas.payments.GatewayEvents;
import org.maecenas.payments.PaymentGateway;
import org.maecenas.payments.PaymentMethod;
import org.maecenas.payments.PaymentMethods;
import org.maecenas.pledges.Pledges;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Collecting invoices. An attempt is committed as PENDING, with its idempotency key, before the
 * gateway is called; the outcome is written after. If we die in between, the janitor asks the
 * gateway about the key — it never charges again. No second attempt starts while one is unresolved
 * (a partial unique index makes sure).
 */
@Service
public class Collections {

    private static final Logger log = LoggerFactory.getLogger(Collections.class);

    private final InvoiceRepository invoices;
    private final AttemptRepository attempts;
    private final PaymentGateway gateway;
    private final PaymentMethods methods;
    private final Pledges pledges;
    private final Settlement settlement;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final BillingProperties properties;
    private final CrashPoints crashes;
    private final Clock clock;

    Collections(
            InvoiceRepository invoices,
            AttemptRepository attempts,
            PaymentGateway gateway,
            PaymentMethods methods,
            Pledges pledges,
            Settlement settlement,
            ApplicationEventPublisher events,
            TransactionTemplate transactions,
            BillingProperties properties,
            CrashPoints crashes,
            Clock clock) {
        this.invoices = invoices;
        this.attempts = attempts;
        this.gateway = gateway;
        this.methods = methods;
        this.pledges = pledges;
        this.settlement = settlement;
        this.events = events;
        this.transactions = transactions;
        this.properties = properties;
        this.crashes = crashes;
        this.clock = clock;
    }

    /** What became of an attempt to collect. */
    public record Result(Outcome outcome, String message) {

        public boolean paid() {
            return outcome == Outcome.SUCCEEDED;
        }
    }

    /**
     * Tries to collect an invoice now. Does nothing for a paid invoice, one with an attempt in flight,
     * or one whose next try is not due (another caller just tried it: a list of due invoices is
     * stale by the time it is worked through).
     */
    public Result collect(long invoiceId) {
        Invoice current = invoices.find(invoiceId).orElseThrow();
        Optional<PaymentMethod> card = methods.chargeable(current.patronUserId(), current.paymentMethodId());
        if (card.isEmpty()) {
            // nothing to charge: a failed try on the dunning schedule, without asking the gateway
            return transactions.execute(tx -> noCard(invoiceId));
        }
        String token = card.get().token();
        Optional<Attempt> waiting = attempts.waiting(invoiceId);
        // the patron may confirm until the next try is due; only then is the waiting charge given up
        if (waiting.isPresent() && (!due(current) || !giveUpWaiting(waiting.get()))) {
            return new Result(Outcome.REQUIRES_ACTION, "waiting for the patron to confirm the payment with their bank");
        }
        Optional<Attempt> started = transactions.execute(tx -> start(invoiceId));
        if (started.isEmpty()) {
            Invoice invoice = invoices.find(invoiceId).orElseThrow();
            if (invoice.paid()) {
                return new Result(Outcome.SUCCEEDED, "paid");
            }
            if (attempts.hasUnresolved(invoiceId)) {
                return new Result(Outcome.UNKNOWN, "a payment is already in progress");
            }
            return new Result(
                    Outcome.DECLINED,
                    "OPEN".equals(invoice.status())
                            ? "not due before " + invoice.nextAttemptAt()
                            : "the invoice is " + invoice.status().toLowerCase(Locale.ROOT));
        }
        Attempt attempt = started.get();
        crashes.at("collect:attempt-committed");
        ChargeResult result;
        try {
            result = gateway.charge(new ChargeRequest(
                    attempt.key(),
                    token,
                    Money.of(attempt.amountMinor(), attempt.currency()),
                    "Maecenas invoice " + invoiceId));
        } catch (RuntimeException unknown) {
            log.warn(
                    "Gateway outcome unknown for attempt {} ({}); the janitor will ask again",
                    attempt.key(),
                    unknown.getMessage());
            result = ChargeResult.unknown(unknown.getMessage() == null ? "no answer" : unknown.getMessage());
        }
        crashes.at("collect:gateway-answered");
        ChargeResult outcome = result;
        transactions.executeWithoutResult(tx -> apply(attempt, outcome));
        crashes.at("collect:outcome-committed");
        return new Result(outcome.outcome(), outcome.message());
    }

    /**
     * Resolves attempts left PENDING or UNKNOWN for longer than the grace period by asking the
     * gateway what happened to their keys. A key the gateway never saw was never charged.
     */
    public int janitor() {
        int resolved = 0;
        Instant before = clock.instant().minus(properties.janitorGrace());
        for (Attempt attempt : attempts.unresolvedBefore(before, 500)) {
            resolved += resolve(attempt) ? 1 : 0;
        }
        return resolved;
    }

    /** Resolves every unresolved attempt now, whatever its age (after a crash, in tests and by operators). */
    public int resolveAll() {
        int resolved = 0;
        for (Attempt attempt : attempts.unresolved(10_000)) {
            resolved += resolve(attempt) ? 1 : 0;
        }
        return resolved;
    }

    /** Attempts still waiting for the gateway's answer, oldest first (the admin page lists them). */
    public List<Attempt> unresolved(int limit) {
        return attempts.unresolved(limit);
    }

    /** Retries invoices whose next attempt is due (dunning). */
    public int retryDue() {
        int tried = 0;
        for (long invoice : invoices.dueForRetry(clock.instant(), 500)) {
            collect(invoice);
            tried++;
        }
        return tried;
    }

    /** The patron has a new card: every unpaid invoice is tried again with it, now. */
    public int retryNow(long patron, long paymentMethod) {
        transactions.executeWithoutResult(tx -> {
            pledges.useCard(patron, paymentMethod);
            for (long invoice : invoices.unpaidOf(patron)) {
                invoices.reopen(invoice, paymentMethod, clock.instant());
            }
        });
        int paid = 0;
        for (long invoice : invoices.unpaidOf(patron)) {
            paid += collect(invoice).paid() ? 1 : 0;
        }
        return paid;
    }

    /** The gateway told us something happened to a charge of ours (a webhook, or the sandbox bank). */
    @ApplicationModuleListener
    void on(GatewayEvents.ChargeChanged changed) {
        resolveKey(changed.idempotencyKey());
    }

    /** Asks the gateway about an attempt that is not final yet and applies the answer (once). */
    public boolean resolveKey(String idempotencyKey) {
        Optional<Attempt> attempt = attempts.findByKey(idempotencyKey);
        if (attempt.isEmpty()
                || !Set.of("PENDING", "UNKNOWN", "REQUIRES_ACTION")
                        .contains(attempt.get().status())) {
            return false;
        }
        return resolve(attempt.get());
    }

    /** The attempt waiting for the patron's authentication on this invoice of theirs, if any. */
    public Optional<Attempt> waitingFor(long invoiceId) {
        return attempts.waiting(invoiceId);
    }

    /**
     * The patron did not authenticate in time: the gateway is told to give up the charge before
     * anything else may charge the invoice. It may have succeeded at the last moment; then it stands.
     * False when the gateway could not be reached (keep waiting).
     */
    private boolean giveUpWaiting(Attempt attempt) {
        ChargeResult result;
        try {
            result = gateway.cancel(attempt.key());
        } catch (RuntimeException unreachable) {
            log.warn("Could not cancel the waiting charge {}: {}", attempt.key(), unreachable.getMessage());
            return false;
        }
        transactions.executeWithoutResult(tx -> {
            Attempt current = attempts.lock(attempt.id()).orElseThrow();
            if (!"REQUIRES_ACTION".equals(current.status())) {
                return;
            }
            Invoice invoice = invoices.find(current.invoiceId()).orElseThrow();
            Instant now = clock.instant();
            if (result.succeeded()) {
                succeeded(invoice, current, result, now);
                return;
            }
            abandon(
                    invoice,
                    current,
                    new ChargeResult(
                            Outcome.DECLINED,
                            null,
                            null,
                            null,
                            "authentication_abandoned",
                            "The payment was not confirmed with your bank in time."),
                    now);
        });
        return true;
    }

    /** A waiting charge ended without money: a join or upgrade fails; a renewal goes on with its retries. */
    private void abandon(Invoice invoice, Attempt attempt, ChargeResult result, Instant now) {
        attempts.resolve(
                attempt.id(),
                "DECLINED",
                null,
                null,
                null,
                result.declineCode() == null ? "authentication_failed" : result.declineCode(),
                result.message(),
                now);
        if ("JOIN".equals(invoice.reason()) || "UPGRADE".equals(invoice.reason())) {
            failed(invoice, result, now);
        }
    }

    /**
     * The bank wants the patron to confirm the charge: the attempt waits and the patron is sent a
     * link. A join or upgrade waits a day; a renewal counts as a failed try (the membership is
     * declined until it is paid) and waits until its next retry, when it is given up and tried anew.
     */
    private void awaitAuthentication(Invoice invoice, Attempt attempt, ChargeResult result, Instant now) {
        attempts.resolve(
                attempt.id(), "REQUIRES_ACTION", null, null, null, "authentication_required", result.message(), now);
        boolean atOnce = "JOIN".equals(invoice.reason()) || "UPGRADE".equals(invoice.reason());
        if (atOnce) {
            invoices.markFailed(invoice.id(), invoice.failures(), now.plus(properties.authenticationWait()));
        } else {
            Instant next = nextAttempt(invoice, now);
            invoices.markFailed(
                    invoice.id(),
                    invoice.failures() + 1,
                    next == null ? now.plus(properties.authenticationWait()) : next);
            for (Invoice.Line line : invoice.lines()) {
                pledges.declined(line.membershipId(), "Your bank asks you to confirm the payment.");
            }
        }
        events.publishEvent(new BillingEvents.AuthenticationRequired(
                invoice.id(),
                invoice.patronUserId(),
                invoice.total().minor(),
                invoice.total().currency().getCurrencyCode(),
                now));
    }

    private boolean resolve(Attempt attempt) {
        Optional<ChargeResult> known;
        try {
            known = gateway.lookup(attempt.key());
        } catch (RuntimeException unreachable) {
            return false;
        }
        ChargeResult result = known.orElse(new ChargeResult(
                Outcome.DECLINED, null, null, null, "not_received", "The payment never reached the gateway."));
        transactions.executeWithoutResult(tx -> apply(attempt, result));
        return true;
    }

    private Optional<Attempt> start(long invoiceId) {
        Invoice invoice = invoices.lock(invoiceId).orElseThrow();
        if (!"OPEN".equals(invoice.status()) || attempts.hasUnresolved(invoiceId) || !due(invoice)) {
            return Optional.empty();
        }
        int number = attempts.count(invoiceId) + 1;
        String key = "inv-" + invoiceId + "-" + number;
        long id = attempts.insertPending(
                invoiceId,
                number,
                key,
                gateway.name(),
                invoice.total().minor(),
                invoice.total().currency().getCurrencyCode(),
                clock.instant());
        crashes.at("collect:attempt-written");
        // nothing else tries it until this attempt is resolved
        invoices.postpone(invoiceId);
        return attempts.find(id);
    }

    /** Open invoices are due from creation or reopening, and again when a retry falls due. */
    private boolean due(Invoice invoice) {
        return invoice.nextAttemptAt() != null && !invoice.nextAttemptAt().isAfter(clock.instant());
    }

    private void apply(Attempt stale, ChargeResult result) {
        Attempt attempt = attempts.lock(stale.id()).orElseThrow();
        boolean waiting = "REQUIRES_ACTION".equals(attempt.status());
        if (!"PENDING".equals(attempt.status()) && !"UNKNOWN".equals(attempt.status()) && !waiting) {
            return;
        }
        if (waiting && result.outcome() != Outcome.SUCCEEDED) {
            if (result.outcome() == Outcome.DECLINED) { // the bank refused the patron's confirmation
                abandon(invoices.find(attempt.invoiceId()).orElseThrow(), attempt, result, clock.instant());
            }
            return; // otherwise still waiting: only the patron's confirmation (or giving up) ends it
        }
        Instant now = clock.instant();
        Invoice invoice = invoices.find(attempt.invoiceId()).orElseThrow();
        switch (result.outcome()) {
            case UNKNOWN -> attempts.resolve(attempt.id(), "UNKNOWN", null, null, null, null, result.message(), now);
            case SUCCEEDED -> succeeded(invoice, attempt, result, now);
            case DECLINED -> declined(invoice, attempt, result, now);
            case REQUIRES_ACTION -> awaitAuthentication(invoice, attempt, result, now);
        }
        crashes.at("collect:outcome-written");
    }

    private void succeeded(Invoice invoice, Attempt attempt, ChargeResult result, Instant now) {
        Money settled = result.settled() != null ? result.settled() : invoice.total();
        Money fee =
                result.fee() != null ? result.fee() : Money.zero(invoice.total().currency());
        attempts.resolve(
                attempt.id(),
                "SUCCEEDED",
                result.chargeId(),
                settled.minor(),
                fee.minor(),
                null,
                result.message(),
                now);
        invoices.markPaid(invoice.id(), now);
        settlement.post(invoice, attempt.id(), attempt.gateway(), settled, fee, now);
        BillingCalendar calendar = new BillingCalendar(properties.timeZone());
        for (Invoice.Line line : invoice.lines()) {
            Instant through = line.periodEnd() == null ? null : calendar.startOf(line.periodEnd());
            if ("JOIN".equals(invoice.reason())) {
                pledges.activate(line.membershipId(), through, line.periodEnd());
            } else {
                pledges.paid(line.membershipId(), through);
            }
            invoices.upgradeTarget(line.id()).ifPresent(target -> applyUpgrade(line.membershipId(), target));
        }
        events.publishEvent(new InvoicePaid(
                invoice.id(),
                invoice.patronUserId(),
                invoice.total().minor(),
                invoice.total().currency().getCurrencyCode(),
                now));
    }

    /** A paid upgrade takes effect (once: a membership already at the target is left alone). */
    private void applyUpgrade(long membershipId, Long[] target) {
        org.maecenas.pledges.Pledge pledge = pledges.lock(membershipId);
        if (pledge.amount().minor() != target[0]) {
            pledges.change(
                    membershipId,
                    new Money(target[0], pledge.amount().currency()),
                    target[1] == null ? null : new org.maecenas.campaigns.TierId(target[1]),
                    pledge.monthlyCap(),
                    "UPGRADED");
        }
    }

    private void declined(Invoice invoice, Attempt attempt, ChargeResult result, Instant now) {
        String code = result.declineCode() != null ? result.declineCode() : "declined";
        attempts.resolve(attempt.id(), "DECLINED", null, null, null, code, result.message(), now);
        if ("not_received".equals(code)) {
            // nothing was charged: collect again straight away
            invoices.markFailed(invoice.id(), invoice.failures(), now);
            return;
        }
        failed(invoice, result, now);
    }

    /** A failed try: retry on the schedule (or never, for joins and upgrades), declined memberships, a notice. */
    private void failed(Invoice invoice, ChargeResult result, Instant now) {
        boolean atOnce = "JOIN".equals(invoice.reason()) || "UPGRADE".equals(invoice.reason());
        Instant next = atOnce ? null : nextAttempt(invoice, now);
        if (atOnce) {
            voidInvoice(invoice.id());
        } else {
            invoices.markFailed(invoice.id(), invoice.failures() + 1, next);
        }
        for (Invoice.Line line : invoice.lines()) {
            if ("JOIN".equals(invoice.reason())) {
                pledges.fail(line.membershipId(), result.message());
            } else if (!"UPGRADE".equals(invoice.reason())) {
                pledges.declined(line.membershipId(), result.message());
            }
        }
        events.publishEvent(new PaymentDeclined(
                invoice.id(),
                invoice.patronUserId(),
                invoice.total().minor(),
                invoice.total().currency().getCurrencyCode(),
                result.message(),
                next));
    }

    /** The retry schedule counts from the first decline: day 1, 2, 3, 5, 7, 10 (configurable). */
    private @Nullable Instant nextAttempt(Invoice invoice, Instant now) {
        List<Integer> days = properties.retryDays();
        int failures = invoice.failures() + 1;
        if (failures > days.size()) {
            return null;
        }
        Instant firstDecline = firstDecline(invoice.id()).orElse(now);
        return firstDecline.plus(Duration.ofDays(days.get(failures - 1)));
    }

    private Optional<Instant> firstDecline(long invoiceId) {
        return attempts.ofInvoice(invoiceId).stream()
                .filter(a -> "DECLINED".equals(a.status()) || "REQUIRES_ACTION".equals(a.status()))
                .filter(a -> !"not_received".equals(a.declineCode()))
                .map(Attempt::createdAt)
                .min(Instant::compareTo);
    }

    private void voidInvoice(long invoiceId) {
        invoices.voidOpen(invoiceId);
    }

    private Result noCard(long invoiceId) {
        invoices.lock(invoiceId);
        Invoice invoice = invoices.find(invoiceId).orElseThrow();
        if (!"OPEN".equals(invoice.status()) || attempts.hasUnresolved(invoiceId) || !due(invoice)) {
            return new Result(Outcome.UNKNOWN, "not due");
        }
        ChargeResult none = new ChargeResult(
                Outcome.DECLINED,
                null,
                null,
                null,
                "no_payment_method",
                "There is no card on your account to charge. Add one to keep your membership.");
        failed(invoice, none, clock.instant());
        return new Result(Outcome.DECLINED, none.message());
    }
}
