package org.maecenas.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.maecenas.accounts.User;
import org.maecenas.billing.BillingFixtures.Creator;
import org.maecenas.money.Money;
import org.maecenas.payments.PaymentMethod;
import org.maecenas.payments.PaymentMethods;
import org.maecenas.testing.MutableClock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the refund, dispute, authentication and reconciliation tests share: cards that outlive the
 * far-future dates they run at, a creator's platform fee, and the rows they assert on — each query
 * scoped to one patron, line, charge or entry, since the database is shared.
 */
@Component
public class MoneyFixtures {

    private final PaymentMethods methods;
    private final JdbcClient jdbc;
    private final ObjectProvider<MutableClock> clocks;

    MoneyFixtures(PaymentMethods methods, JdbcClient jdbc, ObjectProvider<MutableClock> clocks) {
        this.methods = methods;
        this.jdbc = jdbc;
        this.clocks = clocks;
    }

    /**
     * A sandbox test card for tests that run after 2100: saved as of today with the latest expiry the
     * schema takes (12/2100), since a card can't be saved expired; charging doesn't look at expiry.
     * The test clock must be frozen; it stays at the same instant.
     */
    public PaymentMethod card(User patron, String number) {
        MutableClock clock = clocks.getObject();
        Instant frozen = clock.instant();
        clock.reset();
        try {
            return methods.add(patron.id().value(), number, "12/2100", Money.of(100, "USD"));
        } finally {
            clock.freezeAt(frozen);
        }
    }

    /** Sets the creator's platform fee (basis points), as an operator's override. */
    public void platformFee(Creator creator, int basisPoints) {
        jdbc.sql("""
                        insert into creator_fee_overrides (campaign_id, platform_fee_bps) values (:c, :bps)
                        on conflict (campaign_id) do update set platform_fee_bps = excluded.platform_fee_bps
                        """).param("c", creator.campaignId()).param("bps", basisPoints).update();
    }

    public long latestInvoice(User patron) {
        return jdbc.sql("select max(id) from invoices where patron_user_id = :p")
                .param("p", patron.id().value())
                .query(Long.class)
                .single();
    }

    /** The invoice's lines' ids, in line order. */
    public List<Long> lines(long invoiceId) {
        return jdbc.sql("select id from invoice_lines where invoice_id = :i order by id")
                .param("i", invoiceId)
                .query(Long.class)
                .list();
    }

    /** The gateway charge id of the invoice's succeeded attempt. */
    public String chargeOf(long invoiceId) {
        return jdbc.sql("select gateway_charge_id from payment_attempts where invoice_id = :i and status = 'SUCCEEDED'")
                .param("i", invoiceId)
                .query(String.class)
                .single();
    }

    /** The line's refunds as "STATUS amount", oldest first. */
    public List<String> refundsOfLine(long lineId) {
        return jdbc.sql("select status || ' ' || amount_minor from refunds where invoice_line_id = :l order by id")
                .param("l", lineId)
                .query(String.class)
                .list();
    }

    public List<Long> refundIdsOfLine(long lineId) {
        return jdbc.sql("select id from refunds where invoice_line_id = :l order by id")
                .param("l", lineId)
                .query(Long.class)
                .list();
    }

    /** The sandbox's refunds of a charge as "OUTCOME amount", oldest first. */
    public List<String> sandboxRefunds(String chargeId) {
        return jdbc.sql(
                        "select outcome || ' ' || amount_minor from sandbox_refunds where charge_id = :c order by created_at, idempotency_key")
                .param("c", chargeId)
                .query(String.class)
                .list();
    }

    /** The legs of the entry with this reference, account → amount (empty when there is none). */
    public Map<String, Long> legs(String reference) {
        Map<String, Long> legs = new TreeMap<>();
        jdbc.sql("""
                        select l.account, l.amount_minor from journal_legs l join journal_entries e on e.id = l.entry_id
                         where e.reference = :r
                        """)
                .param("r", reference)
                .query((rs, n) -> legs.merge(rs.getString(1), rs.getLong(2), Long::sum))
                .list();
        return legs;
    }

    public String kindOf(String reference) {
        return jdbc.sql("select kind from journal_entries where reference = :r")
                .param("r", reference)
                .query(String.class)
                .single();
    }

    /** How many entries reference this refund, dispute or attempt (by exact reference). */
    public int entries(String reference) {
        return jdbc.sql("select count(*) from journal_entries where reference = :r")
                .param("r", reference)
                .query(Integer.class)
                .single();
    }

    /** The platform's share of a settled attempt (the platform-fees leg, as a positive amount). */
    public long platformFeeOf(long invoiceId) {
        long attempt = jdbc.sql("select id from payment_attempts where invoice_id = :i and status = 'SUCCEEDED'")
                .param("i", invoiceId)
                .query(Long.class)
                .single();
        return -legs("settle-" + attempt).getOrDefault("platform-fees", 0L);
    }

    public int outbox(String dedupeKey) {
        return jdbc.sql("select count(*) from mail_outbox where dedupe_key = :k")
                .param("k", dedupeKey)
                .query(Integer.class)
                .single();
    }

    public String outboxBody(String dedupeKey) {
        return jdbc.sql("select body from mail_outbox where dedupe_key = :k")
                .param("k", dedupeKey)
                .query(String.class)
                .single();
    }

    /** Waits for an after-commit listener to have queued this mail, then that it stays the only one. */
    public void awaitMail(String dedupeKey) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(outbox(dedupeKey)).as(dedupeKey).isEqualTo(1));
    }

    public JdbcClient jdbc() {
        return jdbc;
    }
}
