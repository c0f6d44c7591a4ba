package org.maecenas.billing.web;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.maecenas.billing.internal.AttemptRepository.Attempt;
import org.maecenas.billing.internal.RunRepository.Run;

/**
 * Billing for operators: the latest billing days with their progress, what runs parked, attempts
 * still waiting for the gateway, and the last ledger check.
 *
 * @param starting a run started from this page that has not shown up yet (keep polling)
 */
public record AdminBillingPage(
        List<Run> runs,
        List<String> parked,
        List<Attempt> unresolved,
        @Nullable String lastCheck,
        boolean starting) {

    /** Whether the progress panel should keep asking (a run is under way). */
    public boolean live() {
        return starting || runs.stream().anyMatch(r -> !"DONE".equals(r.stage()));
    }

    public boolean lastCheckFailed() {
        return lastCheck != null && lastCheck.contains("failed");
    }
}
