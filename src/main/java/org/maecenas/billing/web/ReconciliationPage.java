package org.maecenas.billing.web;

import java.util.List;
import org.maecenas.billing.Reconciliation;

/** Recent reconciliation runs, newest first, each with its mismatches. */
public record ReconciliationPage(List<Reconciliation.Run> runs) {}
