package org.maecenas.notifications.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs a task on a background thread soon, so that work just committed goes out without waiting
 * for its scheduled task; requests while a run is waiting make that one run. A failure is logged
 * and left to the scheduled task.
 */
final class Soon {

    private final Runnable task;
    private final Logger log;
    private final String failure;
    private final ExecutorService background =
            Executors.newSingleThreadExecutor(Thread.ofVirtual().factory());
    private final AtomicBoolean scheduled = new AtomicBoolean();

    Soon(Runnable task, Logger log, String failure) {
        this.task = task;
        this.log = log;
        this.failure = failure;
    }

    void request() {
        if (scheduled.compareAndSet(false, true)) {
            background.submit(() -> {
                scheduled.set(false);
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.warn(failure, e);
                }
            });
        }
    }

    /** Requests a run once the current transaction commits (nothing if it rolls back; at once without one). */
    void afterCommit() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            request();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                request();
            }
        });
    }
}
