package org.maecenas.billing.web;

import java.time.YearMonth;
import java.util.List;
import org.maecenas.billing.CreatorStatements.Statement;
import org.maecenas.campaigns.Campaign;

/** The statement page. */
public record StatementPage(Campaign campaign, YearMonth month, List<Statement> statements) {

    public String previous() {
        return month.minusMonths(1).toString();
    }

    public String next() {
        return month.plusMonths(1).toString();
    }
}
