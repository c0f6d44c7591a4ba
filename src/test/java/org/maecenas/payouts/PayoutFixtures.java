package org.maecenas.payouts;

import static org.maecenas.billing.BillingFixtures.GOOD_CARD;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.maecenas.accounts.User;
import org.maecenas.billing.BillingFixtures;
import org.maecenas.billing.BillingFixtures.Creator;
import org.maecenas.campaigns.BillingModel;
import org.maecenas.ledger.JournalEntry;
import org.maecenas.ledger.Ledger;
import org.maecenas.ledger.LedgerAccounts;
import org.maecenas.pledges.Cadence;
import org.maecenas.testing.MutableClock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Creators with money in their balance for payout tests: a monthly page whose patrons pay at join,
 * so every join settles at the (frozen) test clock's instant. Queries are scoped to one creator or
 * payout, since the database is shared.
 */
@Component
public class PayoutFixtures {

    /** A valid UK IBAN (the one in the IBAN registry's examples). */
    public static final String GB_IBAN = "GB82 WEST 1234 5698 7654 32";

    private final BillingFixtures billing;
    private final Payouts payouts;
    private final Ledger ledger;
    private final JdbcClient jdbc;
    private final ObjectProvider<MutableClock> clock;

    PayoutFixtures(
            BillingFixtures billing,
            Payouts payouts,
            Ledger ledger,
            JdbcClient jdbc,
            // lazily: nodes started without the test clock scan this class too
            ObjectProvider<MutableClock> clock) {
        this.billing = billing;
        this.payouts = payouts;
        this.ledger = ledger;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A creator with a published monthly page in {@code currency} and no earnings yet. */
    public Creator creator(String name, String currency) {
        return billing.creator(name, currency, BillingModel.MONTHLY, 0);
    }

    public Creator creator(String name) {
        return creator(name, "USD");
    }

    /**
     * A new patron joins monthly for {@code amount} and pays at once; returns the creator's net (the
     * sandbox keeps 2.9% + 30 cents, the platform fee is 0 by default).
     */
    public long earn(Creator creator, String amount) {
        User patron = billing.patron("payer-of-" + creator.user().displayName().replace(' ', '-'));
        billing.join(patron, creator, amount, Cadence.MONTHLY, null, billing.card(patron, GOOD_CARD));
        long gross = new java.math.BigDecimal(amount).movePointRight(2).longValueExact();
        return gross - BillingFixtures.sandboxFee(gross);
    }

    /**
     * A creator whose patron paid $50 (net $48.25) at the clock's instant; the clock then moves on
     * by the holding period, so all of it is available.
     */
    public Creator withFiftyAvailable(String name) {
        Creator creator = creator(name);
        earn(creator, "50");
        clock.getObject().advance(Duration.ofDays(7));
        return creator;
    }

    /** Sets the UK example IBAN, held by Ada Lovelace, as the creator's payout method. */
    public Creator withBankAccount(Creator creator) {
        payouts.useBankAccount(creator.campaignId(), "Ada Lovelace", GB_IBAN, "", "", false);
        return creator;
    }

    /** What the creator is owed in USD (positive), as the ledger says. */
    public long balance(Creator creator) {
        return ledger.creatorBalance(creator.campaignId()).getOrDefault("USD", 0L);
    }

    /** An account's balance in USD (debits minus credits). */
    public long account(String account) {
        return ledger.balance(account).getOrDefault("USD", 0L);
    }

    public long inTransit() {
        return account(LedgerAccounts.PAYOUTS_IN_TRANSIT);
    }

    /** The journal entries whose reference starts so, oldest first. */
    public List<JournalEntry> entries(String referencePrefix) {
        return ledger.entries(referencePrefix, 100).stream()
                .sorted(java.util.Comparator.comparing(JournalEntry::postedAt))
                .toList();
    }

    /** An entry's legs as account → signed amount (minor units). */
    public static Map<String, Long> legs(JournalEntry entry) {
        Map<String, Long> legs = new java.util.TreeMap<>();
        entry.legs().forEach(leg -> legs.merge(leg.account(), leg.amount().minor(), Long::sum));
        return legs;
    }

    /** The ledger entries posted for one payout, by kind: PAYOUT, PAYOUT_PAID, PAYOUT_FAILED. */
    public List<String> entryKinds(Payout payout) {
        return jdbc.sql("""
                        select e.kind from journal_entries e join payouts p on p.id = :id
                         where e.reference in (p.idempotency_key, 'payout-paid-' || p.id, 'payout-failed-' || p.id)
                         order by e.id
                        """).param("id", payout.id()).query(String.class).list();
    }

    public long sumOfPayouts(Creator creator, String... statuses) {
        return jdbc.sql("select coalesce(sum(amount_minor), 0) from payouts where campaign_id = :c and status in (:s)")
                .param("c", creator.campaignId())
                .param("s", List.of(statuses))
                .query(Long.class)
                .single();
    }

    public int countPayouts(Creator creator) {
        return jdbc.sql("select count(*) from payouts where campaign_id = :c")
                .param("c", creator.campaignId())
                .query(Integer.class)
                .single();
    }
}
