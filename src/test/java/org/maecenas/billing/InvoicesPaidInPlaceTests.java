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
        Map<String, Long> created = transactions.execute(
                tx -> invoices.insertAll(day, LocalDate.parse("2071-05-01"), "BILLING_DAY", null, now));
        assertThat(created).hasSize(40);

        long[] updated = transactions.execute(tx -> {
            invoices.markPaidAll(created.values().toArray(Long[]::new), now);
            return jdbc.sql("""
                            select pg_stat_get_xact_tuples_updated(cast('invoices' as regclass)),
                                   pg_stat_get_xact_tuples_hot_updated(cast('invoices' as regclass))
                            """)
                    .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
                    .single();
        });

        assertThat(updated[0]).as("invoices paid").isEqualTo(40);
        // a page holds about 25 invoices and room for as many new versions; its last may just miss
        assertThat(updated[1]).as("of them heap-only").isGreaterThanOrEqualTo(36);
        assertThat(jdbc.sql("select count(*) from invoices where id = any(:ids) and status = 'PAID'")
                        .param("ids", created.values().toArray(Long[]::new))
                        .query(Long.class)
                        .single())
                .isEqualTo(40);
    }

    @Test
    void onlyAnOpenInvoiceHasANextAttempt() {
        User patron = fixtures.patron("in-place-rule");
        Instant now = Instant.parse("2071-05-02T00:10:00Z");
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

        assertThatThrownBy(() -> jdbc.sql("update invoices set status = 'VOID' where id = :id")
                        .param("id", invoice)
                        .update())
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("invoices_retry_only_when_open");

        invoices.voidOpen(invoice);
        assertThat(jdbc.sql(
                                "select status || ' ' || coalesce(cast(next_attempt_at as text), 'none') from invoices where id = :id")
                        .param("id", invoice)
                        .query(String.class)
                        .single())
                .isEqualTo("VOID none");
    }
}
