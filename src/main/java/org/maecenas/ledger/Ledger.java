package org.maecenas.ledger;

import java.util.List;
import java.util.Map;
import org.maecenas.ledger.internal.JournalRepository;
import org.maecenas.money.Money;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Posting entries and reading balances. */
@Service
public class Ledger {

    private final JournalRepository journal;

    Ledger(JournalRepository journal) {
        this.journal = journal;
    }

    /**
     * Posts an entry inside the caller's transaction; a reference posted before is ignored (true
     * when this call posted it). The database refuses an entry that does not balance.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean post(JournalEntry entry) {
        check(entry);
        return journal.insert(entry);
    }

    /**
     * Posts many entries inside the caller's transaction, in two statements (heads, then every leg);
     * references posted before are skipped. Returns how many were posted now.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int postAll(List<JournalEntry> entries) {
        entries.forEach(Ledger::check);
        return journal.insertAll(entries);
    }

    private static void check(JournalEntry entry) {
        if (entry.legs().size() < 2) {
            throw new IllegalArgumentException("an entry needs at least two legs");
        }
        Map<java.util.Currency, Long> sums = new java.util.HashMap<>();
        for (Leg leg : entry.legs()) {
            sums.merge(leg.amount().currency(), leg.amount().minor(), Math::addExact);
        }
        if (sums.values().stream().anyMatch(sum -> sum != 0)) {
            throw new IllegalArgumentException("entry " + entry.reference() + " does not balance: " + sums);
        }
    }

    /** The balance of an account (debits minus credits) per currency. */
    public Map<String, Long> balance(String account) {
        return journal.balance(account);
    }

    /** What a creator is owed per currency (credits on their balance account, as a positive number). */
    public Map<String, Long> creatorBalance(long campaignId) {
        Map<String, Long> balance = journal.balance(LedgerAccounts.creatorBalance(campaignId));
        balance.replaceAll((currency, value) -> -value);
        return balance;
    }

    public List<AccountBalance> balances() {
        return journal.balances();
    }

    public List<JournalEntry> entries(String referencePrefix, int limit) {
        return journal.entries(referencePrefix, limit);
    }

    /** An account's balance in one currency (debits minus credits). */
    public record AccountBalance(String account, String currency, long balanceMinor) {

        public Money money() {
            return Money.of(balanceMinor, currency);
        }
    }
}
