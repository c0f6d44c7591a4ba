package org.maecenas.billing.internal;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.maecenas.billing.Invoice;
import org.maecenas.money.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class InvoiceRepository {

    private static final String SELECT = """
            select id, idempotency_key, patron_user_id, currency, billing_date, reason, total_minor, status,
                   payment_method_id, failures, next_attempt_at, created_at, paid_at
              from invoices
            """;

    private final JdbcClient jdbc;

    InvoiceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates an invoice unless its key exists; returns the id either way and whether it is new. */
    public Optional<Long> insert(
            String key,
            long patron,
            String currency,
            LocalDate billingDate,
            String reason,
            long total,
            @Nullable Long paymentMethod,
            @Nullable Long runId,
            Instant now) {
        return jdbc.sql("""
                        insert into invoices (idempotency_key, patron_user_id, currency, billing_date, reason,
                               total_minor, status, payment_method_id, run_id, next_attempt_at, created_at)
                        values (:key, :patron, :currency, :date, :reason, :total, 'OPEN', :method, :run, :now, :now)
                        on conflict (idempotency_key) do nothing returning id
                        """)
                .param("key", key)
                .param("patron", patron)
                .param("currency", currency)
                .param("date", Date.valueOf(billingDate))
                .param("reason", reason)
                .param("total", total)
                .param("method", paymentMethod)
                .param("run", runId)
                .param("now", Timestamp.from(now))
                .query(Long.class)
                .optional();
    }

    public long insertLine(
            long invoice,
            long campaign,
            long membership,
            String kind,
            long amount,
            @Nullable LocalDate periodStart,
            @Nullable LocalDate periodEnd,
            String description) {
        return jdbc.sql("""
                        insert into invoice_lines (invoice_id, campaign_id, membership_id, kind, amount_minor,
                               period_start, period_end, description)
                        values (:invoice, :campaign, :membership, :kind, :amount, :start, :end, :description)
                        returning id
                        """)
                .param("invoice", invoice)
                .param("campaign", campaign)
                .param("membership", membership)
                .param("kind", kind)
                .param("amount", amount)
                .param("start", periodStart == null ? null : Date.valueOf(periodStart))
                .param("end", periodEnd == null ? null : Date.valueOf(periodEnd))
                .param("description", description)
                .query(Long.class)
                .single();
    }

    /**
     * Whether a patron has a payment to deal with: a declined membership, or an invoice still
     * unpaid after a decline. Two index lookups (memberships and invoices by patron), one round trip.
     */
    public boolean needsAttention(long patron) {
        return jdbc.sql("""
                        select exists (select 1 from memberships where patron_user_id = :p and status = 'DECLINED')
                            or exists (select 1 from invoices where patron_user_id = :p
                                          and (status = 'UNCOLLECTIBLE' or (status = 'OPEN' and failures > 0)))
                        """).param("p", patron).query(Boolean.class).single();
    }

    /** Upgrades of a membership whose payment was declined (each try after one gets a new key). */
    public int voidedUpgrades(long membership) {
        return jdbc.sql("""
                        select count(distinct i.id) from invoices i join invoice_lines l on l.invoice_id = i.id
                         where l.membership_id = :m and i.reason = 'UPGRADE' and i.status = 'VOID'
                        """).param("m", membership).query(Integer.class).single();
    }

    /** Records what an upgrade line turns the membership into once paid. */
    public void setUpgradeTarget(long lineId, long amountMinor, @Nullable Long tierId) {
        jdbc.sql("update invoice_lines set upgrade_to_minor = :amount, upgrade_to_tier_id = :tier where id = :id")
                .param("amount", amountMinor)
                .param("tier", tierId)
                .param("id", lineId)
                .update();
    }

    /** The target of an upgrade line: {amount, tier or null}, or empty for other lines. */
    public Optional<Long[]> upgradeTarget(long lineId) {
        return jdbc.sql(
                        "select upgrade_to_minor, upgrade_to_tier_id from invoice_lines where id = :id and kind = 'UPGRADE'")
                .param("id", lineId)
                .query((rs, n) -> new Long[] {rs.getLong(1), (Long) rs.getObject(2)})
                .optional();
    }

    public boolean periodBilled(long membership, LocalDate periodStart) {
        return jdbc.sql(
                        "select exists (select 1 from invoice_lines where membership_id = :m and period_start = :s and kind = 'PERIOD')")
                .param("m", membership)
                .param("s", Date.valueOf(periodStart))
                .query(Boolean.class)
                .single();
    }

    public Optional<Invoice> find(long id) {
        return jdbc.sql(SELECT + " where id = :id")
                .param("id", id)
                .query(InvoiceRepository::invoice)
                .optional()
                .map(i -> withLines(List.of(i)).getFirst());
    }

    public Optional<Invoice> findByKey(String key) {
        return jdbc.sql(SELECT + " where idempotency_key = :key")
                .param("key", key)
                .query(InvoiceRepository::invoice)
                .optional()
                .map(i -> withLines(List.of(i)).getFirst());
    }

    public Optional<Invoice> lock(long id) {
        return jdbc.sql(SELECT + " where id = :id for update")
                .param("id", id)
                .query(InvoiceRepository::invoice)
                .optional();
    }

    public List<Invoice> ofPatron(long patron, int limit) {
        return withLines(jdbc.sql(SELECT + " where patron_user_id = :p order by created_at desc, id desc limit :limit")
                .param("p", patron)
                .param("limit", limit)
                .query(InvoiceRepository::invoice)
                .list());
    }

    /**
     * Open invoices of a run that were never tried: no attempt, or only attempts the gateway never
     * received (found after a crash before the call), which charged nothing.
     */
    public List<Long> untried(long runId, int shard, int shards, int limit) {
        return jdbc.sql("""
                        select i.id from invoices i
                         where i.run_id = :run and i.status = 'OPEN' and mod(i.patron_user_id, :shards) = :shard
                           and not exists (select 1 from payment_attempts a where a.invoice_id = i.id
                                              and a.decline_code is distinct from 'not_received')
                         order by i.id limit :limit
                        """)
                .param("run", runId)
                .param("shard", shard)
                .param("shards", shards)
                .param("limit", limit)
                .query(Long.class)
                .list();
    }

    public List<Long> dueForRetry(Instant now, int limit) {
        return jdbc.sql("""
                        select id from invoices
                         where status = 'OPEN' and next_attempt_at <= :now
                         order by next_attempt_at limit :limit
                        """)
                .param("now", Timestamp.from(now))
                .param("limit", limit)
                .query(Long.class)
                .list();
    }

    public List<Long> unpaidOf(long patron) {
        return jdbc.sql(
                        "select id from invoices where patron_user_id = :p and status in ('OPEN', 'UNCOLLECTIBLE') order by id")
                .param("p", patron)
                .query(Long.class)
                .list();
    }

    public void markPaid(long id, Instant now) {
        jdbc.sql(
                        "update invoices set status = 'PAID', paid_at = :now, next_attempt_at = null where id = :id and status <> 'PAID'")
                .param("now", Timestamp.from(now))
                .param("id", id)
                .update();
    }

    public void markFailed(long id, int failures, @Nullable Instant nextAttempt) {
        jdbc.sql("""
                        update invoices set failures = :failures, next_attempt_at = :next,
                               status = case when cast(:next as timestamptz) is null then 'UNCOLLECTIBLE' else 'OPEN' end
                         where id = :id and status in ('OPEN', 'UNCOLLECTIBLE')
                        """)
                .param("failures", failures)
                .param("next", nextAttempt == null ? null : Timestamp.from(nextAttempt))
                .param("id", id)
                .update();
    }

    /** Back to collectable now (the patron updated the card). */
    public void reopen(long id, long paymentMethod, Instant now) {
        jdbc.sql("""
                        update invoices set status = 'OPEN', next_attempt_at = :now, payment_method_id = :method
                         where id = :id and status in ('OPEN', 'UNCOLLECTIBLE')
                        """)
                .param("now", Timestamp.from(now))
                .param("method", paymentMethod)
                .param("id", id)
                .update();
    }

    public void voidOpen(long id) {
        jdbc.sql("update invoices set status = 'VOID', next_attempt_at = null where id = :id and status = 'OPEN'")
                .param("id", id)
                .update();
    }

    public void postpone(long id) {
        jdbc.sql("update invoices set next_attempt_at = null where id = :id and status = 'OPEN'")
                .param("id", id)
                .update();
    }

    public List<Invoice> withLines(List<Invoice> invoices) {
        if (invoices.isEmpty()) {
            return invoices;
        }
        Map<Long, List<Invoice.Line>> lines = new HashMap<>();
        Map<Long, String> currency = new HashMap<>();
        invoices.forEach(i -> currency.put(i.id(), i.total().currency().getCurrencyCode()));
        jdbc.sql("""
                        select id, invoice_id, campaign_id, membership_id, kind, amount_minor, period_start, period_end,
                               description
                          from invoice_lines where invoice_id = any(:ids) order by id
                        """)
                .param("ids", invoices.stream().map(Invoice::id).toArray(Long[]::new))
                .query((rs, n) -> {
                    Date start = rs.getDate("period_start");
                    Date end = rs.getDate("period_end");
                    long invoice = rs.getLong("invoice_id");
                    return lines.computeIfAbsent(invoice, k -> new ArrayList<>())
                            .add(new Invoice.Line(
                                    rs.getLong("id"),
                                    rs.getLong("campaign_id"),
                                    rs.getLong("membership_id"),
                                    rs.getString("kind"),
                                    Money.of(rs.getLong("amount_minor"), currency.get(invoice)),
                                    start == null ? null : start.toLocalDate(),
                                    end == null ? null : end.toLocalDate(),
                                    rs.getString("description")));
                })
                .list();
        return invoices.stream()
                .map(i -> new Invoice(
                        i.id(),
                        i.key(),
                        i.patronUserId(),
                        i.total(),
                        i.billingDate(),
                        i.reason(),
                        i.status(),
                        i.paymentMethodId(),
                        i.failures(),
                        i.nextAttemptAt(),
                        i.createdAt(),
                        i.paidAt(),
                        List.copyOf(lines.getOrDefault(i.id(), List.of()))))
                .toList();
    }

    static Invoice invoice(ResultSet rs, int row) throws SQLException {
        Timestamp next = rs.getTimestamp("next_attempt_at");
        Timestamp paid = rs.getTimestamp("paid_at");
        return new Invoice(
                rs.getLong("id"),
                rs.getString("idempotency_key"),
                rs.getLong("patron_user_id"),
                Money.of(rs.getLong("total_minor"), rs.getString("currency")),
                rs.getDate("billing_date").toLocalDate(),
                rs.getString("reason"),
                rs.getString("status"),
                (Long) rs.getObject("payment_method_id"),
                rs.getInt("failures"),
                next == null ? null : next.toInstant(),
                rs.getTimestamp("created_at").toInstant(),
                paid == null ? null : paid.toInstant(),
                List.of());
    }
}
