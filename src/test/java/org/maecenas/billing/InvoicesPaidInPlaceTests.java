package org.maecenas.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.maecenas.accounts.User;
import org.maecenas.billing.internal.InvoiceRepository;
import org.maecenas.billing.internal.InvoiceRepository.NewInvoice;
import org.maecenas.testing.MaecenasTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A billing day's payment rewrites each invoice it pays. It is written as a heap-only update (the new
 * version beside the old on the same page, no index entry added) because no index of invoices names
 * a column the payment changes, and each page keeps room for it. A retry is only ever due on an open
 * invoice, which the retry indexes rely on to leave the status out.
 */
@MaecenasTest
class InvoicesPaidInPlaceTests {

    @Autowired
    BillingFixtures fixtures;

    @Autowired
    InvoiceRepository invoices;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void aBillingDaysPaymentAddsNoIndexEntry() {
        User patron = fixtures.patron("in-place-patron");
        Instant now = Instant.parse("2071-05-01T00:10:00Z");
        List<NewInvoice> day = IntStream.range(0, 40)
                .mapToObj(i -> new NewInvoice(
                        "in-place-" + patron.id().value() + "-" + i, patron.id().value(), "USD", 500 + i, null))
                .toList();

        long[] updated = transactions.execute(tx -> {
            tx.setRollbackOnly(); // invoices without lines or attempts: the shared database keeps none of them
            Map<String, Long> created =
                    invoices.insertAll(day, LocalDate.parse("2071-05-01"), "BILLING_DAY", null, now);
            assertThat(created).hasSize(40);
            // the backend's counts include its earlier transactions' until it reports them: take the difference
            long[] before = updateCounts();
            invoices.markPaidAll(created.values().toArray(Long[]::new), now);
            long[] after = updateCounts();
            assertThat(jdbc.sql("select count(*) from invoices where id = any(:ids) and status = 'PAID'")
                            .param("ids", created.values().toArray(Long[]::new))
                            .query(Long.class)
                            .single())
                    .isEqualTo(40);
            return new long[] {after[0] - before[0], after[1] - before[1]};
        });

        assertThat(updated[0]).as("invoices paid").isEqualTo(40);
        // a page holds about 25 invoices and room for as many new versions; its last may just miss
        assertThat(updated[1]).as("of them heap-only").isGreaterThanOrEqualTo(36);
    }

    /** Rows of invoices this backend updated, and of them heap-only, not yet reported to the statistics. */
    private long[] updateCounts() {
        return jdbc.sql("""
                        select pg_stat_get_xact_tuples_updated(cast('invoices' as regclass)),
                               pg_stat_get_xact_tuples_hot_updated(cast('invoices' as regclass))
                        """)
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .single();
    }

    @Test
    void onlyAnOpenInvoiceHasANextAttempt() {
        User patron = fixtures.patron("in-place-rule");
        Instant now = Instant.parse("2071-05-02T00:10:00Z");

        assertThatThrownBy(() -> jdbc.sql("""
                                insert into invoices (idempotency_key, patron_user_id, currency, billing_date, reason,
                                       total_minor, status, next_attempt_at, created_at, paid_at)
                                values (:key, :patron, 'USD', :day, 'JOIN', 500, 'PAID', :now, :now, :now)
                                """)
                        .param("key", "in-place-rule-" + patron.id().value())
                        .param("patron", patron.id().value())
                        .param("day", java.sql.Date.valueOf("2071-05-02"))
                        .param("now", java.sql.Timestamp.from(now))
                        .update())
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("invoices_retry_only_when_open");

        String voided = transactions.execute(tx -> {
            tx.setRollbackOnly(); // an invoice without lines: the shared database keeps none
            long invoice = invoices.insert(
                            "in-place-rule-" + patron.id().value(),
                            patron.id().value(),
                            "USD",
                            LocalDate.parse("2071-05-02"),
                            "JOIN",
                            500,
                            null,
                            null,
                            now)
                    .orElseThrow();
            invoices.voidOpen(invoice);
            return jdbc.sql("select status || ' ' || coalesce(cast(next_attempt_at as text), 'none') from invoices"
                            + " where id = :id")
                    .param("id", invoice)
                    .query(String.class)
                    .single();
        });
        assertThat(voided).isEqualTo("VOID none");
    }
}
