package org.maecenas.payouts;

/**
 * Named places in paying out where a process could die (like billing's crash points): production
 * does nothing there; the crash simulation test throws at each and checks that nothing is debited
 * twice. {@code payout:request-written} (before its commit), {@code payout:request-committed},
 * {@code payout:paid-written} and {@code payout:failed-written} (before their commits).
 */
public interface PayoutCrashPoints {

    void at(String point);

    PayoutCrashPoints NONE = point -> {};
}
