package org.maecenas.billing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.maecenas.billing.BillingEvents.RefundIssued;
import org.maecenas.billing.BillingProblems.PaymentNotRefundable;
import org.maecenas.billing.internal.RefundRepository;
import org.maecenas.billing.internal.RefundRepository.PaidLine;
import org.maecenas.billing.internal.RefundRepository.StoredRefund;
import org.maecenas.ledger.JournalEntry;
import org.maecenas.ledger.Ledger;
import org.maecenas.ledger.LedgerAccounts;
import org.maecenas.ledger.Leg;
import org.maecenas.money.Money;
import org.maecenas.money.Split;
import org.maecenas.payments.GatewayEvents;
import org.maecenas.payments.PaymentGateway;
import org.maecenas.payments.RefundRequest;
import org.maecenas.payments.RefundResult;
import org.maecenas.web.InvalidInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Money going back to patrons. A creator refunds any of a patron's last 3 payments of the past 90
 * days, whole or in part, line by line; the refund row (PENDING, with its key) is committed before
 * the gateway is asked, its outcome after, and a refund whose answer was lost is resolved by key.
 * A refund reverses the line's settlement: the gateway clearing gives the amount back, the platform
 * returns its share of the fee, and the creator's balance carries the rest (processing fees are not
 * returned by processors, so they stay with the creator). A balance may go negative and is recovered
 * from later earnings.
 */
@Service
public class Refunds {

    /** How many of a patron's payments may be refunded, and how far back. */
    public static final int LAST_PAYMENTS = 3;

    public static final Duration WINDOW = Duration.ofDays(90);

    private static final Logger log = LoggerFactory.getLogger(Refunds.class);

    private final RefundRepository refunds;
    private final PaymentGateway gateway;
    private final Ledger ledger;
    private final Settlement settlement;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final BillingProperties properties;
    private final CrashPoints crashes;
    private final Clock clock;

    Refunds(
            RefundRepository refunds,
            PaymentGateway gateway,
            Ledger ledger,
            Settlement settlement,
            ApplicationEventPublisher events,
            TransactionTemplate transactions,
            BillingProperties properties,
            CrashPoints crashes,
            Clock clock) {
        this.refunds = refunds;
        this.gateway = gateway;
        this.ledger = ledger;
        this.settlement = settlement;
        this.events = events;
        this.transactions = transactions;
        this.properties = properties;
        this.crashes = crashes;
        this.clock = clock;
    }

    /** One payment a creator may refund, with their lines of it. */
    public record RefundablePayment(long attemptId, long invoiceId, Instant paidAt, List<RefundableLine> lines) {}

    /** A line of a payment: what was paid, what is refunded, what is left. */
    public record RefundableLine(long lineId, String description, Money paid, Money refunded) {

        public Money left() {
            return paid.minus(refunded);
        }
    }

    /** A refund as the creator's and patron's pages show it. */
    public record Refund(
            long id, long lineId, Money amount, String status, String origin, String message, Instant at) {}

    /** What became of a refund the creator asked for. */
    public record Outcome(boolean accepted, String message) {}

    /** The patron's last payments to this creator that may still be refunded, newest first. */
    public List<RefundablePayment> refundable(long campaignId, long patronUserId) {
        Map<Long, RefundablePayment> payments = new LinkedHashMap<>();
        for (PaidLine line : refunds.recentPaidLines(campaignId, patronUserId, windowStart(), LAST_PAYMENTS)) {
            payments.computeIfAbsent(
                            line.attemptId(),
                            id -> new RefundablePayment(id, line.invoiceId(), line.paidAt(), new ArrayList<>()))
                    .lines()
                    .add(new RefundableLine(
                            line.lineId(),
                            line.description(),
                            Money.of(line.amountMinor(), line.currency()),
                            Money.of(line.refundedMinor(), line.currency())));
        }
        return List.copyOf(payments.values());
    }

    /** Whether a creator may see this patron's payments (they were invoiced for the creator at least once). */
    public boolean isPatronOf(long campaignId, long patronUserId) {
        return refunds.everInvoiced(campaignId, patronUserId);
    }

    public List<Refund> of(long campaignId, long patronUserId) {
        return refunds.ofPatronAndCampaign(patronUserId, campaignId).stream()
                .map(Refunds::view)
                .toList();
    }

    public List<Refund> recent(long campaignId, int limit) {
        return refunds.ofCampaign(campaignId, limit).stream().map(Refunds::view).toList();
    }

    /**
     * Refunds {@code amountText} (the whole of what is left when blank) of a line of one of the
     * patron's recent payments to this creator.
     */
    public Outcome refund(long campaignId, long patronUserId, long lineId, String amountText, long requestedBy) {
        StoredRefund started =
                transactions.execute(tx -> start(campaignId, patronUserId, lineId, amountText, requestedBy));
        crashes.at("refund:row-committed");
        PaidLine line = refunds.paidLine(started.lineId()).orElseThrow();
        RefundResult result;
        try {
            result = gateway.refund(new RefundRequest(
                    started.key(),
                    line.chargeId(),
                    Money.of(started.amountMinor(), started.currency()),
                    "requested_by_customer"));
        } catch (RuntimeException unknown) {
            log.warn(
                    "Gateway outcome unknown for refund {} ({}); the janitor will ask again",
                    started.key(),
                    unknown.getMessage());
            result = RefundResult.unknown(unknown.getMessage() == null ? "no answer" : unknown.getMessage());
        }
        crashes.at("refund:gateway-answered");
        RefundResult outcome = result;
        transactions.executeWithoutResult(tx -> apply(started.id(), outcome));
        crashes.at("refund:outcome-committed");
        return switch (outcome.outcome()) {
            case SUCCEEDED, PENDING ->
                new Outcome(
                        true,
                        Money.of(started.amountMinor(), started.currency()).display() + " refunded.");
            case FAILED -> new Outcome(false, "The refund didn’t go through: " + outcome.message());
            case UNKNOWN ->
                new Outcome(
                        false,
                        "The payment processor didn’t answer. We’ll ask again shortly; nothing is refunded twice.");
        };
    }

    /** Resolves refunds left PENDING or UNKNOWN longer than the grace period by asking the gateway. */
    public int janitor() {
        return resolve(refunds.unresolved(clock.instant().minus(properties.janitorGrace()), 500));
    }

    /**
     * Resolves every unresolved refund now, whatever its age: for a restart, when nothing can be in
     * flight (a refund still waiting for the gateway's answer would be taken as never sent). Running
     * nodes use {@link #janitor()}.
     */
    public int resolveAll() {
        return resolve(refunds.unresolved(clock.instant().plusSeconds(1), 10_000));
    }

    /** A refund made at the gateway itself (its dashboard): recorded once, spread over the payment's lines. */
    @ApplicationModuleListener
    void on(GatewayEvents.RefundMade made) {
        // first settle our own refunds of this charge whose answer was lost: this may be one of them
        resolve(refunds.unresolvedOfCharge(made.gateway(), made.chargeId()));
        transactions.executeWithoutResult(tx -> recordExternal(made));
    }

    private int resolve(List<StoredRefund> unresolved) {
        int resolved = 0;
        for (StoredRefund refund : unresolved) {
            java.util.Optional<RefundResult> known;
            try {
                known = gateway.lookupRefund(refund.key());
            } catch (RuntimeException unreachable) {
                continue;
            }
            RefundResult result = known.orElse(new RefundResult(
                    RefundResult.Outcome.FAILED, null, null, "The refund never reached the payment processor."));
            transactions.executeWithoutResult(tx -> apply(refund.id(), result));
            resolved++;
        }
        return resolved;
    }

    private StoredRefund start(long campaignId, long patronUserId, long lineId, String amountText, long requestedBy) {
        PaidLine unlocked = refunds.paidLine(lineId).orElseThrow(PaymentNotRefundable::new);
        if (unlocked.campaignId() != campaignId || unlocked.patronUserId() != patronUserId) {
            throw new PaymentNotRefundable();
        }
        refunds.lockAttempt(unlocked.attemptId());
        PaidLine line = refunds.paidLine(lineId).orElseThrow(PaymentNotRefundable::new);
        boolean recent = refunds.recentPaidLines(campaignId, patronUserId, windowStart(), LAST_PAYMENTS).stream()
                .anyMatch(l -> l.attemptId() == line.attemptId());
        if (!recent) {
            throw new PaymentNotRefundable();
        }
        if (refunds.disputed(line.attemptId())) {
            // the bank takes (or has taken) the money back itself: a refund would return it twice
            throw InvalidInput.of(
                    "amount", "The patron’s bank is disputing this payment, so it can’t be refunded as well.");
        }
        Currency currency = Currency.getInstance(line.currency());
        long left = line.amountMinor() - line.refundedMinor();
        Money amount = amountText == null || amountText.isBlank()
                ? new Money(left, currency)
                : Money.parse(amountText, currency)
                        .orElseThrow(() -> InvalidInput.of("amount", "Enter an amount like 5 or 5.00."));
        if (left <= 0) {
            throw InvalidInput.of("amount", "This line is already refunded in full.");
        }
        if (amount.minor() <= 0) {
            throw InvalidInput.of("amount", "Enter an amount above zero.");
        }
        if (amount.minor() > left) {
            throw InvalidInput.of(
                    "amount",
                    "You can refund at most " + new Money(left, currency).display() + " of this line (it was "
                            + new Money(line.amountMinor(), currency).display() + ").");
        }
        String key = "refund-" + line.attemptId() + "-" + (refunds.countOfAttempt(line.attemptId()) + 1);
        long id = refunds.insert(key, line, amount.minor(), "PENDING", "CREATOR", null, requestedBy, clock.instant());
        crashes.at("refund:row-written");
        return refunds.find(id).orElseThrow();
    }

    private void apply(long refundId, RefundResult result) {
        // refunds of one payment are applied one at a time, so each sees the ones applied before it
        refunds.lockAttempt(refunds.find(refundId).orElseThrow().attemptId());
        StoredRefund refund = refunds.lock(refundId).orElseThrow();
        if (!"PENDING".equals(refund.status()) && !"UNKNOWN".equals(refund.status())) {
            return;
        }
        Instant now = clock.instant();
        switch (result.outcome()) {
            case UNKNOWN -> refunds.resolve(refund.id(), "UNKNOWN", null, result.message(), now);
            case FAILED -> refunds.resolve(refund.id(), "FAILED", null, result.message(), now);
            case SUCCEEDED, PENDING -> {
                refunds.resolve(refund.id(), "SUCCEEDED", result.refundId(), result.message(), now);
                succeeded(refunds.find(refund.id()).orElseThrow(), now);
            }
        }
        crashes.at("refund:outcome-written");
    }

    private void recordExternal(GatewayEvents.RefundMade made) {
        if (refunds.knows(made.refundId())) {
            return;
        }
        List<PaidLine> lines = refunds.linesOfCharge(made.gateway(), made.chargeId());
        if (lines.isEmpty()) {
            log.warn(
                    "Refund {} at {} is for charge {}, which no payment of ours made",
                    made.refundId(),
                    made.gateway(),
                    made.chargeId());
            return;
        }
        refunds.lockAttempt(lines.getFirst().attemptId());
        if (refunds.knows(made.refundId())) {
            return; // told twice at once: the other delivery recorded it while this one waited
        }
        lines = refunds.linesOfCharge(made.gateway(), made.chargeId());
        long[] left = lines.stream()
                .mapToLong(l -> Math.max(0, l.amountMinor() - l.refundedMinor()))
                .toArray();
        long amount =
                Math.min(made.amount().minor(), java.util.Arrays.stream(left).sum());
        long[] shares = Split.largestRemainder(amount, left);
        Instant now = clock.instant();
        for (int i = 0; i < lines.size(); i++) {
            if (shares[i] > 0) {
                PaidLine line = lines.get(i);
                long id = refunds.insert(
                        "ext-" + made.refundId() + "-" + line.lineId(),
                        line,
                        shares[i],
                        "SUCCEEDED",
                        "GATEWAY",
                        made.refundId(),
                        null,
                        now);
                succeeded(refunds.find(id).orElseThrow(), now);
            }
        }
    }

    /** The reversing entry and the patron's notice. */
    private void succeeded(StoredRefund refund, Instant now) {
        PaidLine line = refunds.paidLine(refund.lineId()).orElseThrow();
        // the platform's fee comes back in proportion, exactly: what it returned before and after this
        // refund, counting only refunds already booked (one still in doubt, or failed, returned nothing)
        long refundedBefore = refunds.succeededOfLine(refund.lineId(), refund.id());
        long platformShare =
                platformFeeOf(line, refundedBefore + refund.amountMinor()) - platformFeeOf(line, refundedBefore);
        Money amount = Money.of(refund.amountMinor(), refund.currency());
        Money platform = Money.of(platformShare, refund.currency());
        List<Leg> legs = new ArrayList<>();
        legs.add(new Leg(LedgerAccounts.gatewayClearing(line.gateway()), amount.negate()));
        legs.add(new Leg(LedgerAccounts.creatorBalance(refund.campaignId()), amount.minus(platform)));
        legs.add(new Leg(LedgerAccounts.PLATFORM_FEES, platform));
        ledger.post(new JournalEntry(
                "REFUND",
                "refund-" + refund.id(),
                "Refund of " + amount.display() + " on invoice " + line.invoiceId() + " (" + line.description() + ")",
                now,
                legs.stream().filter(l -> l.amount().minor() != 0).toList()));
        events.publishEvent(new RefundIssued(
                refund.id(),
                line.invoiceId(),
                refund.patronUserId(),
                refund.campaignId(),
                refund.amountMinor(),
                refund.currency(),
                line.description(),
                now));
    }

    /**
     * The part of the line's platform fee that {@code refunded} of it carries, rounded half up: all of
     * the fee the line paid at settlement when all of it is refunded (lines settled before that fee was
     * kept: the creator's rate now).
     */
    private long platformFeeOf(PaidLine line, long refunded) {
        if (line.platformFeeMinor() == null) {
            return Split.basisPoints(refunded, settlement.feeBasisPoints(line.campaignId()));
        }
        long twice = Math.multiplyExact(Math.multiplyExact(line.platformFeeMinor(), refunded), 2);
        return Math.floorDiv(twice + line.amountMinor(), Math.multiplyExact(line.amountMinor(), 2));
    }

    private Instant windowStart() {
        return clock.instant().minus(WINDOW);
    }

    private static Refund view(StoredRefund r) {
        return new Refund(
                r.id(),
                r.lineId(),
                Money.of(r.amountMinor(), r.currency()),
                r.status(),
                r.origin(),
                r.message() == null ? "" : r.message(),
                r.resolvedAt() != null ? r.resolvedAt() : r.createdAt());
    }
}
