package org.maecenas.billing;

/**
 * Named places in billing where a process could die. Production does nothing there; the crash
 * simulation test throws at each in turn and checks that a restart repairs everything.
 */
public interface CrashPoints {

    void at(String point);

    CrashPoints NONE = point -> {};
}
