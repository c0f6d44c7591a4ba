package org.maecenas.billing;

/**
 * Named places in billing where a process could die. Production does nothing there; the crash
 * simulation test throws at each in turn and checks that a restart repairs everything.
 *
 * <p>A billing day: {@code day:run-started}, {@code day:plan-written} (before its commit), {@code
 * day:planned}, per patron {@code day:invoice-written} (before its commit) and {@code
 * day:patron-invoiced}, per shard {@code day:shard-invoiced}, per invoice {@code
 * day:charge-counted}, and {@code day:finished}. Collecting an invoice: {@code
 * collect:attempt-written} (before its commit), {@code collect:attempt-committed} (before the
 * gateway call), {@code collect:gateway-answered}, {@code collect:outcome-written} (before its
 * commit) and {@code collect:outcome-committed}.
 */
public interface CrashPoints {

    void at(String point);

    CrashPoints NONE = point -> {};
}
