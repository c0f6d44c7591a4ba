package org.maecenas.web;

/**
 * Whether payments are in test mode (no real money moves), as the payments module knows it: the
 * layout says so on every page. Without an implementation, pages say nothing.
 */
public interface PaymentsMode {

    boolean testMode();
}
