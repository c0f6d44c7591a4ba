package org.maecenas.billing;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.maecenas.billing.internal.AccrualRepository;
import org.maecenas.billing.internal.InvoiceRepository;
import org.maecenas.billing.internal.RunRepository;
import org.maecenas.billing.internal.RunRepository.PlanItem;
import org.maecenas.billing.internal.RunRepository.Run;
import org.maecenas.money.Money;
import org.maecenas.pledges.Cadence;
import org.maecenas.pledges.Pledge;
import org.maecenas.pledges.Pledges;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A billing day, staged and resumable: PLANNING (who is due, by natural key) → INVOICING (one
 * invoice per patron and currency, a line per creator) → CHARGING → DONE. Each piece of work is its
 * own transaction and is claimed with a row lock, so several nodes share a day and a crash loses
 * nothing: running a day again does only what is missing.
 */
@Service
public class BillingDays {

    private static final Logger log = LoggerFactory.getLogger(BillingDays.class);

    private final RunRepository runs;
    private final AccrualRepository accruals;
    private final InvoiceRepository invoices;
    private final Pledges pledges;
    private final Collections collections;
    private final org.maecenas.payments.PaymentMethods paymentMethods;
    private final org.maecenas.campaigns.Campaigns campaigns;
    private final TransactionTemplate transactions;
    private final BillingProperties properties;
    private final CrashPoints crashes;
    private final Clock clock;

    BillingDays(
            RunRepository runs,
            AccrualRepository accruals,
            InvoiceRepository invoices,
            Pledges pledges,
            Collections collections,
            org.maecenas.payments.PaymentMethods paymentMethods,
            org.maecenas.campaigns.Campaigns campaigns,
            TransactionTemplate transactions,
            BillingProperties properties,
            CrashPoints crashes,
            Clock clock) {
        this.paymentMethods = paymentMethods;
        this.campaigns = campaigns;
        this.runs = runs;
        this.accruals = accruals;
        this.invoices = invoices;
        this.pledges = pledges;
        this.collections = collections;
        this.transactions = transactions;
        this.properties = properties;
        this.crashes = crashes;
        this.clock = clock;
    }

    /** Runs (or resumes) a whole billing day in this process. */
    public Run run(LocalDate date) {
        Run run = plan(date);
        for (int shard = 0; shard < run.shards(); shard++) {
            invoiceShard(run.id(), shard);
        }
        for (int shard = 0; shard < run.shards(); shard++) {
            chargeShard(run.id(), shard);
        }
        return finishIfDone(run.id());
    }

    /** Starts a day's run and writes its plan (idempotent). */
    public Run plan(LocalDate date) {
        Run run = transactions.execute(tx -> runs.startOrGet(date, clock.instant(), properties.shards()));
        crashes.at("day:run-started");
        if ("PLANNING".equals(run.stage())) {
            transactions.executeWithoutResult(tx -> {
                runs.plan(run, BillingCalendar.monthStart(date));
                runs.stage(run.id(), "PLANNING", "INVOICING");
                crashes.at("day:plan-written");
            });
            crashes.at("day:planned");
        }
        return runs.find(run.id()).orElseThrow();
    }

    /** Invoices every planned patron of a shard, one transaction each. */
    public int invoiceShard(long runId, int shard) {
        Run run = runs.find(runId).orElseThrow();
        int done = 0;
        while (true) {
            Boolean invoiced = transactions.execute(tx -> {
                Optional<PlanItem> item = runs.takeNext(run.id(), shard);
                if (item.isEmpty()) {
                    return false;
                }
                invoice(run, item.get());
                crashes.at("day:invoice-written");
                runs.markInvoiced(run.id(), item.get());
                return true;
            });
            if (!Boolean.TRUE.equals(invoiced)) {
                break;
            }
            done++;
            crashes.at("day:patron-invoiced");
        }
        transactions.executeWithoutResult(tx -> {
            if (runs.allInvoiced(run.id())) {
                runs.stage(run.id(), "INVOICING", "CHARGING");
            }
        });
        crashes.at("day:shard-invoiced");
        return done;
    }

    /** Collects every invoice of a shard that was never tried. */
    public int chargeShard(long runId, int shard) {
        Run run = runs.find(runId).orElseThrow();
        int charged = 0;
        List<Long> batch;
        do {
            batch = invoices.untried(run.id(), shard, run.shards(), 200);
            for (long invoice : batch) {
                Collections.Result result = collections.collect(invoice);
                if (!"a payment is already in progress".equals(result.message())) {
                    transactions.executeWithoutResult(tx -> runs.countCharged(run.id()));
                    crashes.at("day:charge-counted");
                }
                charged++;
            }
        } while (!batch.isEmpty() && batch.size() == 200);
        return charged;
    }

    public Run finishIfDone(long runId) {
        Run finished = transactions.execute(tx -> {
            Run run = runs.find(runId).orElseThrow();
            if (!"DONE".equals(run.stage()) && runs.allInvoiced(runId) && noneUntried(run)) {
                // a crash or a second node leaves the running count off; the day's record is exact
                runs.recountCharged(runId);
                runs.stage(runId, "INVOICING", "CHARGING");
                runs.finish(runId, clock.instant());
                log.info("Billing day {} done: {} patrons planned", run.billingDate(), run.planned());
            }
            return runs.find(runId).orElseThrow();
        });
        crashes.at("day:finished");
        return finished;
    }

    public Optional<Run> find(LocalDate date) {
        return runs.find(date);
    }

    public List<Run> latest(int limit) {
        return runs.latest(limit);
    }

    public List<String> parked(int limit) {
        return runs.parked(limit);
    }

    private boolean noneUntried(Run run) {
        for (int shard = 0; shard < run.shards(); shard++) {
            if (!invoices.untried(run.id(), shard, run.shards(), 1).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** One invoice for a patron and currency: accruals of past months and renewals due today. */
    private void invoice(Run run, PlanItem item) {
        LocalDate date = run.billingDate();
        List<Line> lines = new ArrayList<>();
        for (AccrualRepository.Due due :
                accruals.due(item.patron(), item.currency(), BillingCalendar.monthStart(date))) {
            lines.add(new Line(
                    due.campaignId(),
                    due.membershipId(),
                    "CREATIONS",
                    due.totalMinor(),
                    null,
                    null,
                    due.count() + (due.count() == 1 ? " paid creation" : " paid creations"),
                    due.accrualIds()));
        }
        for (Pledge pledge : pledges.renewalsDue(item.patron(), item.currency(), date, run.snapshotAt())) {
            Pledge locked = pledges.lock(pledge.id());
            LocalDate start = locked.nextChargeOn();
            if (start == null || start.isAfter(date) || locked.status() != Pledge.Status.ACTIVE) {
                continue;
            }
            if (invoices.periodBilled(locked.id(), start)) {
                runs.park(
                        run.id(),
                        item.patron(),
                        locked.id(),
                        "period from " + start + " is already billed; not billing it twice",
                        clock.instant());
                continue;
            }
            Money amount = locked.nextAmount() != null ? locked.nextAmount() : locked.amount();
            int months = locked.cadence() == Cadence.ANNUAL ? 12 : 1;
            LocalDate end = BillingCalendar.anniversary(start, anchor(locked, start), months);
            long price = locked.cadence() == Cadence.ANNUAL
                    ? Checkout.annualPrice(amount.minor(), discountOf(locked))
                    : amount.minor();
            lines.add(new Line(
                    locked.campaignId().value(),
                    locked.id(),
                    "PERIOD",
                    price,
                    start,
                    end,
                    (months == 12 ? "Membership, a year from " : "Membership, a month from ") + start,
                    new long[0]));
            pledges.renewed(locked.id(), end);
        }
        if (lines.isEmpty()) {
            return;
        }
        long total = lines.stream().mapToLong(Line::amount).sum();
        Long method = paymentMethods.defaultOf(item.patron()).map(m -> m.id()).orElse(null);
        long invoiceId = invoices.insert(
                        "inv-day-" + date + "-" + item.patron() + "-" + item.currency(),
                        item.patron(),
                        item.currency(),
                        date,
                        "BILLING_DAY",
                        total,
                        method,
                        run.id(),
                        clock.instant())
                .orElseThrow(() -> new IllegalStateException(
                        "an invoice for " + item + " on " + date + " exists although the plan item was not invoiced"));
        for (Line line : lines) {
            long lineId = invoices.insertLine(
                    invoiceId,
                    line.campaign(),
                    line.membership(),
                    line.kind(),
                    line.amount(),
                    line.start(),
                    line.end(),
                    line.description());
            if (line.accruals().length > 0 && accruals.invoice(line.accruals(), lineId) != line.accruals().length) {
                throw new IllegalStateException(
                        "accruals of membership " + line.membership() + " changed while invoicing");
            }
        }
    }

    private int anchor(Pledge pledge, LocalDate fallback) {
        return pledge.anchorDay() != null ? pledge.anchorDay() : fallback.getDayOfMonth();
    }

    private int discountOf(Pledge pledge) {
        return campaigns.require(pledge.campaignId()).annualDiscountPercent();
    }

    private record Line(
            long campaign,
            long membership,
            String kind,
            long amount,
            LocalDate start,
            LocalDate end,
            String description,
            long[] accruals) {}
}
