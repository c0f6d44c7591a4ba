package org.maecenas.billing;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.maecenas.billing.internal.InvoiceRepository;
import org.maecenas.billing.internal.RunRepository;
import org.maecenas.billing.internal.RunRepository.PlanChunk;
import org.maecenas.billing.internal.RunRepository.Run;
import org.maecenas.ops.DatabaseTurns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A billing day, staged and resumable: PLANNING (who is due, by natural key) → INVOICING (one
 * invoice per patron and currency, a line per creator) → CHARGING → DONE. Work goes in chunks of a
 * couple of thousand patrons or invoices ({@code maecenas.billing.chunk-size}; the plan is written
 * as its chunks), each chunk claimed with row locks ({@code skip locked}) and written set-based in
 * its own transaction, so several nodes share a day and a crash loses nothing: running a day again
 * does only what is missing. Planning holds the run's row, so a day is planned once.
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
    private final @Nullable DatabaseTurns turns;

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
        this.turns = properties.databaseTurns() > 0 ? DatabaseTurns.of(properties.databaseTurns()) : null;
    }

    /**
     * Runs (or resumes) a whole billing day in this process: every shard invoiced, then every shard
     * charged, {@code maecenas.billing.workers} shards at a time.
     */
    public Run run(LocalDate date) {
        Run run = plan(date);
        eachShard(run, shard -> invoiceShard(run.id(), shard));
        eachShard(run, shard -> chargeShard(run.id(), shard));
        return finishIfDone(run.id());
    }

    /**
     * How long this node's billing statements have taken in the database so far, added up (they take
     * turns: with one, that is how long billing kept a database core busy); zero without turns.
     */
    public Duration statementTime() {
        return turns == null ? Duration.ZERO : turns.statementTime();
    }

    /**
     * Works through the shards in order, or on as many threads as there are workers, their statements
     * taking the node's turns at the database.
     */
    private void eachShard(Run run, IntConsumer work) {
        int workers = Math.min(properties.workers(), run.shards());
        if (workers <= 1) {
            inTurn(() -> {
                IntStream.range(0, run.shards()).forEach(work);
                return null;
            });
            return;
        }
        AtomicInteger next = new AtomicInteger();
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            tasks.add(() -> inTurn(() -> {
                for (int shard; (shard = next.getAndIncrement()) < run.shards(); ) {
                    work.accept(shard);
                }
                return null;
            }));
        }
        try (ExecutorService threads = Executors.newFixedThreadPool(workers)) {
            for (Future<Void> done : threads.invokeAll(tasks)) {
                done.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during the billing day", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * One shard of a day on this thread (a scheduled task; a node may run several at once): invoiced
     * and collected, its statements taking the node's turns; then the day closed if it was the last.
     * Closing holds the run's row for a few statements, so it takes no turn: a statement waiting for
     * that row must not hold the turn those statements wait for.
     */
    public void runShard(long runId, int shard) {
        inTurn(() -> {
            invoiceShard(runId, shard);
            chargeShard(runId, shard);
            return null;
        });
        finishIfDone(runId);
    }

    /** Runs work taking the node's turns at the database, if {@code database-turns} gives it any. */
    private <T> T inTurn(Supplier<T> work) {
        return turns == null ? work.get() : turns.run(work);
    }

    /** Starts a day's run and writes its plan (idempotent). */
    public Run plan(LocalDate date) {
        Run run = transactions.execute(tx -> runs.startOrGet(date, clock.instant(), properties.shards()));
        crashes.at("day:run-started");
        if ("PLANNING".equals(run.stage())) {
            transactions.executeWithoutResult(tx -> {
                // one node plans; another that saw PLANNING waits here and finds the plan written
                if ("PLANNING".equals(runs.lock(run.id()).stage())) {
                    runs.plan(run, BillingCalendar.monthStart(date), properties.chunkSize());
                    runs.stage(run.id(), "PLANNING", "INVOICING");
                    crashes.at("day:plan-written");
                }
            });
            crashes.at("day:planned");
        }
        return runs.find(run.id()).orElseThrow();
    }

    /** A chunk of the plan invoiced, and the collection of its invoices begun in the same transaction. */
    private record Invoiced(PlanChunk chunk, ChunkCollections.Started started) {}

    /**
     * Invoices every planned patron of a shard, a chunk of patrons per transaction, in patron order,
     * and collects each chunk's invoices as soon as it is committed (their attempts were written in
     * the same transaction, so nothing else can have tried them); one more pass from the first
     * patron takes what another node let go of meanwhile.
     */
    public int invoiceShard(long runId, int shard) {
        Run run = runs.find(runId).orElseThrow();
        int done = 0;
        int after = -1;
        boolean again = false;
        while (true) {
            int from = after;
            Invoiced invoiced = transactions.execute(tx -> {
                Optional<PlanChunk> taken = runs.takeChunk(run.id(), shard, from);
                if (taken.isEmpty()) {
                    return null;
                }
                ChunkCollections.Started started =
                        chunks.begin(run, invoicing.invoice(run, taken.get().items()));
                crashes.at("day:chunk-written");
                return new Invoiced(taken.get(), started);
            });
            if (invoiced == null) {
                if (after < 0 || again) {
                    break;
                }
                after = -1;
                again = true;
                continue;
            }
            int patrons = invoiced.chunk().items().size();
            done += patrons;
            after = invoiced.chunk().number();
            crashes.at("day:chunk-invoiced");
            runs.countInvoiced(run.id(), patrons);
            if (invoiced.started().taken() > 0) {
                chunks.charge(run, invoiced.started());
            }
        }
        transactions.executeWithoutResult(tx -> {
            if (runs.allInvoiced(run.id())) {
                runs.stage(run.id(), "INVOICING", "CHARGING");
            }
        });
        crashes.at("day:shard-invoiced");
        return done;
    }

    /**
     * Collects every invoice of a shard that was never tried, a chunk at a time in id order; one more
     * pass from the first takes what became untried again meanwhile (an attempt the gateway never
     * received). What is left after that waits for the next run of the day or the retries.
     */
    public int chargeShard(long runId, int shard) {
        Run run = runs.find(runId).orElseThrow();
        int charged = 0;
        long after = 0;
        boolean again = false;
        while (true) {
            ChunkCollections.Taken taken = chunks.collectChunk(run, shard, after, properties.chunkSize());
            if (taken.count() == 0) {
                if (after == 0 || again) {
                    break;
                }
                after = 0;
                again = true;
                continue;
            }
            charged += taken.count();
            after = taken.last();
        }
        return charged;
    }

    public Run finishIfDone(long runId) {
        Run finished = transactions.execute(tx -> {
            Run run = runs.find(runId).orElseThrow();
            if (!"DONE".equals(run.stage()) && runs.allInvoiced(runId) && !invoices.anyUntried(runId)) {
                // a crash or a second node leaves the running count off; the day's record is exact
                runs.recount(runId);
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
}
