package org.maecenas.billing;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.maecenas.billing.internal.InvoiceRepository;
import org.maecenas.billing.internal.RunRepository;
import org.maecenas.billing.internal.RunRepository.PlanItem;
import org.maecenas.billing.internal.RunRepository.Run;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A billing day, staged and resumable: PLANNING (who is due, by natural key) → INVOICING (one
 * invoice per patron and currency, a line per creator) → CHARGING → DONE. Work goes in chunks of a
 * few hundred patrons or invoices ({@code maecenas.billing.chunk-size}), each chunk claimed with row
 * locks ({@code skip locked}) and written set-based in its own transaction, so several nodes share a
 * day and a crash loses nothing: running a day again does only what is missing.
 */
@Service
public class BillingDays {

    private static final Logger log = LoggerFactory.getLogger(BillingDays.class);

    private final RunRepository runs;
    private final InvoiceRepository invoices;
    private final ChunkInvoicing invoicing;
    private final ChunkCollections chunks;
    private final TransactionTemplate transactions;
    private final BillingProperties properties;
    private final CrashPoints crashes;
    private final Clock clock;

    BillingDays(
            RunRepository runs,
            InvoiceRepository invoices,
            ChunkInvoicing invoicing,
            ChunkCollections chunks,
            TransactionTemplate transactions,
            BillingProperties properties,
            CrashPoints crashes,
            Clock clock) {
        this.runs = runs;
        this.invoices = invoices;
        this.invoicing = invoicing;
        this.chunks = chunks;
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

    /** Invoices every planned patron of a shard, a chunk of patrons per transaction. */
    public int invoiceShard(long runId, int shard) {
        Run run = runs.find(runId).orElseThrow();
        int done = 0;
        while (true) {
            Integer invoiced = transactions.execute(tx -> {
                List<PlanItem> chunk = runs.takeChunk(run.id(), shard, properties.chunkSize());
                if (!chunk.isEmpty()) {
                    invoicing.invoice(run, chunk);
                    crashes.at("day:chunk-written");
                }
                return chunk.size();
            });
            if (invoiced == null || invoiced == 0) {
                break;
            }
            done += invoiced;
            crashes.at("day:chunk-invoiced");
        }
        transactions.executeWithoutResult(tx -> {
            if (runs.allInvoiced(run.id())) {
                runs.stage(run.id(), "INVOICING", "CHARGING");
            }
        });
        crashes.at("day:shard-invoiced");
        return done;
    }

    /** Collects every invoice of a shard that was never tried, a chunk at a time. */
    public int chargeShard(long runId, int shard) {
        Run run = runs.find(runId).orElseThrow();
        int charged = 0;
        for (int taken; (taken = chunks.collectChunk(run, shard, properties.chunkSize())) > 0; ) {
            charged += taken;
        }
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
}
