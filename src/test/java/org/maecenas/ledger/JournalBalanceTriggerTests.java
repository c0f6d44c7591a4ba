package org.maecenas.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.maecenas.money.Money;
import org.maecenas.testing.MaecenasTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The database refuses an unbalanced entry, or legs of an entry that does not exist, whoever writes
 * them: the statement-level check over the legs a statement inserts (one entry or thousands at once),
 * not only the ledger's own check.
 */
@MaecenasTest
class JournalBalanceTriggerTests {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Ledger ledger;

    @Autowired
    TransactionTemplate transactions;

    /**
     * The refused legs leave their entries without legs (the journal is append-only, so they stay);
     * two balancing legs make them whole again, so the ledger invariants other test classes check
     * still hold in the shared database.
     */
    @org.junit.jupiter.api.AfterEach
    void completeTheEntriesLeftWithoutLegs() {
        jdbc.sql("""
                        insert into journal_legs (entry_id, account, currency, amount_minor)
                        select e.id, 'trigger:cleanup', 'USD', x.amount
                          from journal_entries e cross join (values (1), (-1)) as x(amount)
                         where e.kind = 'TEST' and e.reference like 'trigger-test-%'
                           and not exists (select 1 from journal_legs l where l.entry_id = e.id)
                        """).update();
    }

    @Test
    void anUnbalancedEntryIsRefusedByTheDatabase() {
        long entry = entry();
        assertThatThrownBy(() -> insertLegs(entry, new long[] {500, -499}, "USD"))
                .hasMessageContaining("does not balance in USD: off by 1");
        assertThat(legsOf(entry)).isZero();
    }

    @Test
    void anEntryBalancedInSumButNotPerCurrencyIsRefused() {
        long entry = entry();
        assertThatThrownBy(() -> transactions.executeWithoutResult(tx -> {
                    insertLeg(entry, 300, "USD", "EUR");
                }))
                .hasMessageContaining("does not balance");
        assertThat(legsOf(entry)).isZero();
    }

    @Test
    void aSingleLegIsRefusedEvenWhenItIsZeroSumLaterInTheTransaction() {
        long entry = entry();
        // an entry's legs go in together: a leg alone is refused at once, a balancing one later doesn't help
        assertThatThrownBy(() -> transactions.executeWithoutResult(tx -> {
                    insertLegs(entry, new long[] {700}, "USD");
                    insertLegs(entry, new long[] {-700}, "USD");
                }))
                .hasMessageContaining("at least two are required");
        assertThat(legsOf(entry)).isZero();
    }

    @Test
    void legsOfAnEntryThatDoesNotExistAreRefused() {
        long missing = entry() + 1_000_000;
        assertThatThrownBy(() -> insertLegs(missing, new long[] {500, -500}, "USD"))
                .hasMessageContaining("journal entry " + missing + " does not exist");
        assertThat(legsOf(missing)).isZero();
    }

    @Test
    void theJournalCannotBeTruncated() {
        for (String table : List.of("journal_legs", "journal_entries")) {
            assertThatThrownBy(() -> transactions.executeWithoutResult(tx -> {
                        // were the guard missing, the rollback would keep the other tests' journal
                        tx.setRollbackOnly();
                        jdbc.sql("truncate " + table).update();
                    }))
                    .as(table)
                    .hasMessageContaining("append-only");
        }
    }

    @Test
    void oneUnbalancedEntryAmongManyRefusesTheWholeStatement() {
        long good = entry();
        long bad = entry();
        assertThatThrownBy(() ->
                        jdbc.sql("""
                                insert into journal_legs (entry_id, account, currency, amount_minor)
                                values (:good, 'a', 'USD', 100), (:good, 'b', 'USD', -100),
                                       (:bad, 'a', 'EUR', 100), (:bad, 'b', 'EUR', -99)
                                """).param("good", good).param("bad", bad).update())
                .hasMessageContaining("journal entry " + bad + " does not balance in EUR: off by 1");
        assertThat(legsOf(good)).isZero();
    }

    @Test
    void balancedEntriesPostedTogetherAreKeptAndAReferencePostedTwiceOnce() {
        String prefix = "trigger-test-" + UUID.randomUUID() + "-";
        List<JournalEntry> entries = List.of(
                new JournalEntry(
                        "TEST",
                        prefix + 1,
                        "one",
                        Instant.parse("2030-01-01T00:00:00Z"),
                        List.of(
                                new Leg("trigger:a", Money.of(1000, "USD")),
                                new Leg("trigger:b", Money.of(-600, "USD")),
                                new Leg("trigger:c", Money.of(-400, "USD")))),
                new JournalEntry(
                        "TEST",
                        prefix + 2,
                        "two",
                        Instant.parse("2030-01-01T00:00:00Z"),
                        List.of(
                                new Leg("trigger:a", Money.of(500, "JPY")),
                                new Leg("trigger:b", Money.of(-500, "JPY")))));
        Integer posted = transactions.execute(tx -> ledger.postAll(entries));
        Integer again = transactions.execute(tx -> ledger.postAll(entries));
        assertThat(posted).isEqualTo(2);
        assertThat(again).isZero();
        assertThat(ledger.entries(prefix, 10)).extracting(e -> e.legs().size()).containsExactlyInAnyOrder(3, 2);
    }

    private long entry() {
        return jdbc.sql("""
                        insert into journal_entries (kind, reference, description, posted_at)
                        values ('TEST', :ref, 'trigger test', now()) returning id
                        """)
                .param("ref", "trigger-test-" + UUID.randomUUID())
                .query(Long.class)
                .single();
    }

    private void insertLegs(long entry, long[] amounts, String currency) {
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < amounts.length; i++) {
            values.append(i == 0 ? "" : ", ")
                    .append("(")
                    .append(entry)
                    .append(", 'trigger:")
                    .append(i)
                    .append("', '")
                    .append(currency)
                    .append("', ")
                    .append(amounts[i])
                    .append(")");
        }
        jdbc.sql("insert into journal_legs (entry_id, account, currency, amount_minor) values " + values)
                .update();
    }

    private void insertLeg(long entry, long amount, String currency, String otherCurrency) {
        jdbc.sql("""
                        insert into journal_legs (entry_id, account, currency, amount_minor)
                        values (:e, 'trigger:a', :c, :m), (:e, 'trigger:b', :o, -cast(:m as bigint))
                        """)
                .param("e", entry)
                .param("c", currency)
                .param("o", otherCurrency)
                .param("m", amount)
                .update();
    }

    private long legsOf(long entry) {
        return jdbc.sql("select count(*) from journal_legs where entry_id = :e")
                .param("e", entry)
                .query(Long.class)
                .single();
    }
}
