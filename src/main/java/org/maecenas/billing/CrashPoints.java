package org.maecenas.billing;

/**
 * Named places in billing where a process could die. Production does nothing there; the crash
 * simulation test throws at each in turn and checks that a restart repairs everything.
 *
 * <p>A billing day: {@code day:run-started}, {@code day:plan-written} (before its commit), {@code
 * day:planned}, per chunk of patrons {@code day:chunk-written} (before its commit) and {@code
 * day:chunk-invoiced}, per shard {@code day:shard-invoiced}, per chunk of invoices {@code
 * charge:attempts-written} (before its commit), {@code charge:attempts-committed} (before the
 * gateway call), {@code charge:gateway-answered}, {@code charge:outcomes-written} (before its
 * commit) and {@code charge:outcomes-committed}, and {@code day:finished}. Collecting one invoice
 * (joins, retries, the janitor): {@code collect:attempt-written} (before its commit), {@code
 * collect:attempt-committed} (before the gateway call), {@code collect:gateway-answered}, {@code
 * collect:outcome-written} (before its commit) and {@code collect:outcome-committed}.
 */
public interface CrashPoints {

    void at(String point);

    CrashPoints NONE = point -> {};
}
