package org.maecenas.billing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.maecenas.billing.BillingEvents.InvoicePaid;
import org.maecenas.billing.BillingEvents.PaymentDeclined;
import org.maecenas.billing.BillingEvents.PaymentsCollected;
import org.maecenas.billing.internal.AttemptRepository;
import org.maecenas.billing.internal.AttemptRepository.Attempt;
import org.maecenas.billing.internal.InvoiceRepository;
import org.maecenas.billing.internal.InvoiceRepository.Untried;
import org.maecenas.billing.internal.RunRepository;
import org.maecenas.billing.internal.RunRepository.Run;
import org.maecenas.money.Money;
import org.maecenas.ops.DatabaseTurns;
import org.maecenas.payments.ChargeRequest;
import org.maecenas.payments.ChargeResult;
import org.maecenas.payments.ChargeResult.Outcome;
import org.maecenas.payments.PaymentGateway;
import org.maecenas.payments.PaymentMethod;
import org.maecenas.payments.PaymentMethods;
import org.maecenas.pledges.Pledges;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Collects a billing day's invoices a chunk at a time, with the promises of {@link Collections}:
 * the chunk's attempts are committed PENDING (keys {@code inv-{invoice}-{n}}) before the gateway
 * hears of them; the gateway is asked for all of them at once ({@link PaymentGateway#chargeAll});
 * then one transaction records every outcome, marks the paid invoices paid, posts their settlements
 * in two statements and puts declined ones on the dunning schedule. A crash in between leaves
 * PENDING attempts that the janitor resolves by key, one by one, as it does for single collections.
 */
@Component
class ChunkCollections {

    private final InvoiceRepository invoices;
    private final AttemptRepository attempts;
    private final RunRepository runs;
    private final PaymentGateway gateway;
    private final PaymentMethods methods;
    private final Pledges pledges;
    private final Settlement settlement;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final BillingProperties properties;
    private final CrashPoints crashes;
    private final Clock clock;

    ChunkCollections(
            InvoiceRepository invoices,
            AttemptRepository attempts,
            RunRepository runs,
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
        this.runs = runs;
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

    /** What the first transaction committed: the attempts to send and their requests, in the same order. */
    record Started(int taken, long last, List<Attempt> attempts, List<ChargeRequest> requests) {}

    /** How many invoices a chunk took (0: none left after the cursor), and the last one's id. */
    record Taken(int count, long last) {}

    /**
     * Collects the next chunk of never-tried invoices of a shard with ids after {@code after} (a
     * cursor, so a shard's invoices are walked once rather than from the first for every chunk).
     */
    Taken collectChunk(Run run, int shard, long after, int size) {
        Started started = transactions.execute(tx -> start(run, shard, after, size));
        if (started.taken() == 0) {
            return new Taken(0, after);
        }
        return charge(run, started);
    }

    /**
     * Starts collecting invoices this transaction just created (so nobody else has seen them, and
     * they have no next attempt set): fails those with no card, writes the others' attempts PENDING.
     * The caller commits, then calls {@link #charge}.
     */
    Started begin(Run run, ChunkInvoicing.Created created) {
        if (created.invoices().isEmpty()) {
            return new Started(0, 0, List.of(), List.of());
        }
        return begin(
                run,
                created.invoices(),
                created.cardsOnFile(),
                created.invoices().getLast().id(),
                clock.instant(),
                true);
    }

    /** Asks the gateway about the committed attempts of {@code started} and records the answers. */
    Taken charge(Run run, Started started) {
        crashes.at("charge:attempts-committed");
        if (started.attempts().isEmpty()) {
            return new Taken(started.taken(), started.last());
        }
        runs.countCharged(run.id(), started.attempts().size()); // after the commit: see RunRepository.countInvoiced
        List<ChargeResult> results;
        try {
            // the gateway's work takes none of billing's turns at the database (see DatabaseTurns.outside)
            results = DatabaseTurns.outside(() -> gateway.chargeAll(started.requests()));
        } catch (RuntimeException unknown) {
            String message = unknown.getMessage() == null ? "no answer" : unknown.getMessage();
            results = started.requests().stream()
                    .map(r -> ChargeResult.unknown(message))
                    .toList();
        }
        crashes.at("charge:gateway-answered");
        List<ChargeResult> answers = results;
        transactions.executeWithoutResult(tx -> record(run, started.attempts(), answers));
        crashes.at("charge:outcomes-committed");
        return new Taken(started.taken(), started.last());
    }

    /** Claims a chunk, fails those with no card on file (no gateway call), writes the others' attempts. */
    private Started start(Run run, int shard, long after, int size) {
        Instant now = clock.instant();
        List<Untried> taken = invoices.lockUntried(run.id(), shard, run.shards(), after, now, size);
        if (taken.isEmpty()) {
            return new Started(0, after, List.of(), List.of());
        }
        Map<Long, List<PaymentMethod>> onFile =
                methods.onFile(taken.stream().map(Untried::patron).distinct().toList());
        return begin(run, taken, onFile, taken.getLast().id(), now, false);
    }

    /**
     * Fails the cardless invoices of {@code taken}, writes the others' attempts; {@code onFile}: their
     * patrons' cards, read in this transaction; {@code fresh}: created just now.
     */
    private Started begin(
            Run run,
            List<Untried> taken,
            Map<Long, List<PaymentMethod>> onFile,
            long last,
            Instant now,
            boolean fresh) {
        List<Untried> charged = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        List<Long> cardless = new ArrayList<>();
        for (Untried invoice : taken) {
            PaymentMethods.chargeable(onFile.getOrDefault(invoice.patron(), List.of()), invoice.paymentMethod())
                    .ifPresentOrElse(
                            card -> {
                                charged.add(invoice);
                                tokens.add(card.token());
                            },
                            () -> cardless.add(invoice.id()));
        }
        if (!cardless.isEmpty()) {
            ChargeResult none = new ChargeResult(
                    Outcome.DECLINED,
                    null,
                    null,
                    null,
                    "no_payment_method",
                    "There is no card on your account to charge. Add one to keep your membership.");
            Map<Long, ChargeResult> failures = new HashMap<>();
            cardless.forEach(id -> failures.put(id, none));
            announce(List.of(), failed(failures, Map.of(), now), List.of());
        }
        if (charged.isEmpty()) {
            crashes.at("charge:attempts-written");
            return new Started(taken.size(), last, List.of(), List.of());
        }
        Long[] ids = charged.stream().map(Untried::id).toArray(Long[]::new);
        Map<Long, Integer> counts = fresh ? Map.of() : attempts.countsOf(ids);
        List<Attempt> written = attempts.insertPendingAll(
                ids,
                charged.stream().map(i -> counts.getOrDefault(i.id(), 0) + 1).toArray(Integer[]::new),
                charged.stream().map(Untried::totalMinor).toArray(Long[]::new),
                charged.stream().map(Untried::currency).toArray(String[]::new),
                gateway.name(),
                now);
        if (!fresh) { // a fresh invoice was created with no next attempt
            invoices.postponeAll(ids);
        }
        crashes.at("charge:attempts-written");
        List<ChargeRequest> requests = new ArrayList<>();
        for (int i = 0; i < written.size(); i++) {
            Attempt attempt = written.get(i);
            requests.add(new ChargeRequest(
                    attempt.key(),
                    tokens.get(i),
                    Money.of(attempt.amountMinor(), attempt.currency()),
                    "Maecenas invoice " + attempt.invoiceId()));
        }
        return new Started(taken.size(), last, written, requests);
    }

    /** Records the gateway's answers for the attempts nobody resolved meanwhile, and what follows from them. */
    private void record(Run run, List<Attempt> sent, List<ChargeResult> results) {
        Map<Long, ChargeResult> answers = new HashMap<>();
        for (int i = 0; i < sent.size(); i++) {
            answers.put(sent.get(i).id(), results.get(i));
        }
        List<Attempt> open =
                attempts.lockUnresolved(sent.stream().map(Attempt::id).toArray(Long[]::new));
        Instant now = clock.instant();
        List<AttemptRepository.Outcome> outcomes = new ArrayList<>();
        List<Settlement.Paid> paid = new ArrayList<>();
        Map<Long, ChargeResult> failures = new HashMap<>();
        java.util.Set<Long> waiting = new java.util.HashSet<>();
        List<BillingEvents.AuthenticationRequired> toConfirm = new ArrayList<>();
        List<Invoice> notReceived = new ArrayList<>();
        Map<Long, Invoice> byId = new HashMap<>();
        invoices.findAll(open.stream().map(Attempt::invoiceId).toArray(Long[]::new))
                .forEach(i -> byId.put(i.id(), i));
        for (Attempt attempt : open) {
            ChargeResult result = answers.get(attempt.id());
            Invoice invoice = byId.get(attempt.invoiceId());
            switch (result.outcome()) {
                case UNKNOWN ->
                    outcomes.add(new AttemptRepository.Outcome(
                            attempt.id(), "UNKNOWN", null, null, null, null, result.message()));
                case SUCCEEDED -> {
                    Money settled = result.settled() != null ? result.settled() : invoice.total();
                    Money fee = result.fee() != null
                            ? result.fee()
                            : Money.zero(invoice.total().currency());
                    outcomes.add(new AttemptRepository.Outcome(
                            attempt.id(),
                            "SUCCEEDED",
                            result.chargeId(),
                            settled.minor(),
                            fee.minor(),
                            null,
                            result.message()));
                    paid.add(new Settlement.Paid(invoice, attempt.id(), attempt.gateway(), settled, fee));
                }
                case DECLINED, REQUIRES_ACTION -> {
                    boolean action = result.outcome() == Outcome.REQUIRES_ACTION;
                    String code = result.declineCode() != null
                            ? result.declineCode()
                            : action ? "authentication_required" : "declined";
                    outcomes.add(new AttemptRepository.Outcome(
                            attempt.id(),
                            action ? "REQUIRES_ACTION" : "DECLINED",
                            null,
                            null,
                            null,
                            code,
                            result.message()));
                    if ("not_received".equals(code)) {
                        // nothing was charged: collect again straight away
                        notReceived.add(invoice);
                    } else {
                        failures.put(invoice.id(), result);
                    }
                    if (action) { // the patron is sent the link to confirm it (it waits for them)
                        waiting.add(invoice.id());
                        toConfirm.add(new BillingEvents.AuthenticationRequired(
                                invoice.id(),
                                invoice.patronUserId(),
                                invoice.total().minor(),
                                invoice.total().currency().getCurrencyCode(),
                                now));
                    }
                }
            }
        }
        attempts.resolveAll(outcomes, now);
        // a payment waiting for the patron's bank gets its confirm link, not a decline notice as well
        announce(
                succeeded(paid, now),
                failed(failures, byId, now).stream()
                        .filter(notice -> !waiting.contains(notice.invoiceId()))
                        .toList(),
                toConfirm);
        if (!notReceived.isEmpty()) {
            invoices.markFailedAll(
                    notReceived.stream().map(Invoice::id).toArray(Long[]::new),
                    notReceived.stream().map(Invoice::failures).toArray(Integer[]::new),
                    notReceived.stream().map(i -> now.toString()).toArray(String[]::new));
        }
        crashes.at("charge:outcomes-written");
    }

    /** Receipts, notices and requests to confirm for a chunk: one publication, however many invoices. */
    private void announce(
            List<InvoicePaid> paid,
            List<PaymentDeclined> declined,
            List<BillingEvents.AuthenticationRequired> toConfirm) {
        if (!paid.isEmpty() || !declined.isEmpty() || !toConfirm.isEmpty()) {
            events.publishEvent(new PaymentsCollected(paid, declined, toConfirm));
        }
    }

    /** Paid: the invoices, their settlements, the memberships (paid through their periods); the receipts to send. */
    private List<InvoicePaid> succeeded(List<Settlement.Paid> paid, Instant now) {
        if (paid.isEmpty()) {
            return List.of();
        }
        invoices.markPaidAll(paid.stream().map(p -> p.invoice().id()).toArray(Long[]::new), now);
        settlement.postAll(paid, now);
        BillingCalendar calendar = new BillingCalendar(properties.timeZone());
        Map<Long, @Nullable Instant> through = new HashMap<>();
        for (Settlement.Paid p : paid) {
            // a billing day's lines are creations and periods: no join to activate, no upgrade to apply
            for (Invoice.Line line : p.invoice().lines()) {
                Instant end = line.periodEnd() == null ? null : calendar.startOf(line.periodEnd());
                Instant known = through.get(line.membershipId());
                if (!through.containsKey(line.membershipId()) || known == null || (end != null && end.isAfter(known))) {
                    through.put(line.membershipId(), end);
                }
            }
        }
        pledges.paidAll(through);
        return paid.stream()
                .map(p -> new InvoicePaid(
                        p.invoice().id(),
                        p.invoice().patronUserId(),
                        p.invoice().total().minor(),
                        p.invoice().total().currency().getCurrencyCode(),
                        now))
                .toList();
    }

    /** Declined (or no card): the retry schedule from the first decline, declined memberships; the notices to send. */
    private List<PaymentDeclined> failed(Map<Long, ChargeResult> failures, Map<Long, Invoice> read, Instant now) {
        if (failures.isEmpty()) {
            return List.of();
        }
        Long[] ids = failures.keySet().stream().sorted().toArray(Long[]::new);
        List<Invoice> failed = read.keySet().containsAll(failures.keySet())
                ? java.util.Arrays.stream(ids).map(read::get).toList()
                : invoices.findAll(ids);
        Map<Long, Instant> firstDeclines = attempts.firstDeclines(ids);
        List<Integer> retryDays = properties.retryDays();
        Integer[] counts = new Integer[failed.size()];
        String[] nexts = new String[failed.size()];
        Map<Long, String> reasons = new HashMap<>();
        for (int i = 0; i < failed.size(); i++) {
            Invoice invoice = failed.get(i);
            int count = invoice.failures() + 1;
            Instant next = count > retryDays.size()
                    ? null
                    : firstDeclines.getOrDefault(invoice.id(), now).plus(Duration.ofDays(retryDays.get(count - 1)));
            counts[i] = count;
            nexts[i] = next == null ? null : next.toString();
            String message = failures.get(invoice.id()).message();
            invoice.lines().forEach(line -> reasons.put(line.membershipId(), message));
        }
        invoices.markFailedAll(failed.stream().map(Invoice::id).toArray(Long[]::new), counts, nexts);
        pledges.declinedAll(reasons);
        List<PaymentDeclined> notices = new ArrayList<>();
        for (int i = 0; i < failed.size(); i++) {
            Invoice invoice = failed.get(i);
            notices.add(new PaymentDeclined(
                    invoice.id(),
                    invoice.patronUserId(),
                    invoice.total().minor(),
                    invoice.total().currency().getCurrencyCode(),
                    failures.get(invoice.id()).message(),
                    nexts[i] == null ? null : Instant.parse(nexts[i])));
        }
        return notices;
    }
}
