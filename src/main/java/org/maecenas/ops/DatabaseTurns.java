package org.maecenas.ops;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Turns at the database for batch work that runs on several threads. Each thread of a batch does
 * its own share of work in Java (building a statement's arrays, reading its rows) and its share in
 * PostgreSQL; with turns, only so many of the batch's statements run in the database at once, while
 * the other threads do their Java. So a batch of two threads and one turn keeps one database core
 * busy without pause and leaves the others to the site.
 *
 * <p>A statement waits for a turn at most {@link #PATIENCE}, then goes ahead without one: a thread
 * holding row locks while it waits must not be held up behind a statement that waits for those locks
 * (a wait PostgreSQL could not see, so could not break). Other threads are never held up. Commits
 * take no turn (they wait on the disk, not a core).
 */
public final class DatabaseTurns {

    /** The longest a statement waits for its turn. */
    public static final Duration PATIENCE = Duration.ofSeconds(2);

    private static final ThreadLocal<@Nullable DatabaseTurns> CURRENT = new ThreadLocal<>();

    private final Semaphore turns;
    private final Duration patience;
    private final LongAdder statementNanos = new LongAdder();

    private DatabaseTurns(int turns, Duration patience) {
        this.turns = new Semaphore(turns, true);
        this.patience = patience;
    }

    /** Turns for a batch: at most {@code turns} of its statements in the database at once. */
    public static DatabaseTurns of(int turns) {
        return of(turns, PATIENCE);
    }

    static DatabaseTurns of(int turns, Duration patience) {
        if (turns < 1) {
            throw new IllegalArgumentException("a batch needs at least one turn at the database");
        }
        return new DatabaseTurns(turns, patience);
    }

    /** Runs {@code work} on this thread, its statements taking these turns. */
    public <T> T run(Supplier<T> work) {
        DatabaseTurns outer = CURRENT.get();
        CURRENT.set(this);
        try {
            return work.get();
        } finally {
            CURRENT.set(outer);
        }
    }

    /**
     * Runs {@code work} on this thread taking no turns, inside a batch or not: for another system's
     * work done on the batch's behalf (a payment gateway's; the sandbox gateway keeps its book in this
     * database, where a real one's costs nothing here). Connections it gets from the pool take no
     * turns; a connection the thread already holds (a transaction bound to it) still does.
     */
    public static <T> T outside(Supplier<T> work) {
        DatabaseTurns outer = CURRENT.get();
        CURRENT.remove();
        try {
            return work.get();
        } finally {
            if (outer != null) {
                CURRENT.set(outer);
            }
        }
    }

    /** The turns this thread's statements take, if it runs inside {@link #run}. */
    static @Nullable DatabaseTurns current() {
        return CURRENT.get();
    }

    /** Waits for a turn; returns whether it got one (and must give it back). */
    boolean take() {
        try {
            return turns.tryAcquire(patience.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void giveBack() {
        turns.release();
    }

    void spent(long nanos) {
        statementNanos.add(nanos);
    }

    /**
     * How long the batch's statements have taken so far, from sending each to its answer, added up
     * (with one turn: how long the batch kept the database busy).
     */
    public Duration statementTime() {
        return Duration.ofNanos(statementNanos.sum());
    }
}
