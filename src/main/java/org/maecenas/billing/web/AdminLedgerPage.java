package org.maecenas.billing.web;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.maecenas.ledger.Ledger;

/** The ledger for operators: every account's balance per currency, and the last invariant check. */
public record AdminLedgerPage(
        List<Ledger.AccountBalance> balances, @Nullable String lastCheck) {

    /** Debits minus credits over all accounts of a currency: zero in a ledger that balances. */
    public long sum(String currency) {
        return balances.stream()
                .filter(b -> b.currency().equals(currency))
                .mapToLong(Ledger.AccountBalance::balanceMinor)
                .sum();
    }

    public List<String> currencies() {
        return balances.stream()
                .map(Ledger.AccountBalance::currency)
                .distinct()
                .sorted()
                .toList();
    }
}
