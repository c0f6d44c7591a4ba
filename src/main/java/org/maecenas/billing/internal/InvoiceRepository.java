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
            String description,
            long platformFee) {
        return jdbc.sql("""
                        insert into invoice_lines (invoice_id, campaign_id, membership_id, kind, amount_minor,
                               period_start, period_end, description, platform_fee_minor)
                        values (:invoice, :campaign, :membership, :kind, :amount, :start, :end, :description, :fee)
                        returning id
                        """)
                .param("fee", platformFee)
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

    /** An invoice to create with others. */
    public record NewInvoice(
            String key,
            long patron,
            String currency,
            long total,
            @Nullable Long paymentMethod) {}

    /** A line to create with others, with the platform's fee on it. */
    public record NewLine(
            long invoice,
            long campaign,
            long membership,
            String kind,
            long amount,
            @Nullable LocalDate periodStart,
            @Nullable LocalDate periodEnd,
            String description,
            long platformFee) {

        String natural() {
            return naturalKey(invoice, membership, kind);
        }
    }

    public static String naturalKey(long invoice, long membership, String kind) {
        return invoice + ":" + membership + ":" + kind;
    }

    /**
     * Creates invoices in one statement, skipping keys that exist; returns key → id of those created.
     * They have no next attempt: the caller starts collecting them in the same transaction.
     */
    public Map<String, Long> insertAll(
            List<NewInvoice> invoices, LocalDate billingDate, String reason, @Nullable Long runId, Instant now) {
        Map<String, Long> ids = new HashMap<>();
        jdbc.sql("""
                        insert into invoices (idempotency_key, patron_user_id, currency, billing_date, reason,
                               total_minor, status, payment_method_id, run_id, next_attempt_at, created_at)
                        select x.key, x.patron, x.currency, :date, :reason, x.total, 'OPEN', x.method, :run, null, :now
                          from unnest(cast(:keys as text[]), cast(:patrons as bigint[]), cast(:currencies as char(3)[]),
                                      cast(:totals as bigint[]), cast(:methods as bigint[]))
                               as x(key, patron, currency, total, method)
                        on conflict (idempotency_key) do nothing returning id, idempotency_key
                        """)
                .param("keys", invoices.stream().map(NewInvoice::key).toArray(String[]::new))
                .param("patrons", invoices.stream().map(NewInvoice::patron).toArray(Long[]::new))
                .param("currencies", invoices.stream().map(NewInvoice::currency).toArray(String[]::new))
                .param("totals", invoices.stream().map(NewInvoice::total).toArray(Long[]::new))
                .param(
                        "methods",
                        invoices.stream().map(NewInvoice::paymentMethod).toArray(Long[]::new))
                .param("date", Date.valueOf(billingDate))
                .param("reason", reason)
                .param("run", runId)
                .param("now", Timestamp.from(now))
                .query((rs, n) -> ids.put(rs.getString(2), rs.getLong(1)))
                .list();
        return ids;
    }

    /** Creates lines in one statement; returns each line's id by {@link #naturalKey} (invoice, membership, kind). */
    public Map<String, Long> insertLines(List<NewLine> lines) {
        Map<String, Long> ids = new HashMap<>();
        jdbc.sql("""
                        insert into invoice_lines (invoice_id, campaign_id, membership_id, kind, amount_minor,
                               period_start, period_end, description, platform_fee_minor)
                        select * from unnest(cast(:invoices as bigint[]), cast(:campaigns as bigint[]),
                                             cast(:memberships as bigint[]), cast(:kinds as text[]),
                                             cast(:amounts as bigint[]), cast(:starts as date[]), cast(:ends as date[]),
                                             cast(:descriptions as text[]), cast(:fees as bigint[]))
                        returning id, invoice_id, membership_id, kind
                        """)
                .param("invoices", lines.stream().map(NewLine::invoice).toArray(Long[]::new))
                .param("campaigns", lines.stream().map(NewLine::campaign).toArray(Long[]::new))
                .param("memberships", lines.stream().map(NewLine::membership).toArray(Long[]::new))
                .param("kinds", lines.stream().map(NewLine::kind).toArray(String[]::new))
                .param("amounts", lines.stream().map(NewLine::amount).toArray(Long[]::new))
                .param(
                        "starts",
                        lines.stream().map(l -> dateText(l.periodStart())).toArray(String[]::new))
                .param("ends", lines.stream().map(l -> dateText(l.periodEnd())).toArray(String[]::new))
                .param("descriptions", lines.stream().map(NewLine::description).toArray(String[]::new))
                .param("fees", lines.stream().map(NewLine::platformFee).toArray(Long[]::new))
                .query((rs, n) -> ids.put(naturalKey(rs.getLong(2), rs.getLong(3), rs.getString(4)), rs.getLong(1)))
                .list();
        if (ids.size() != lines.size()) {
            throw new IllegalStateException("two lines of one invoice for the same membership and kind");
        }
        return ids;
    }

    private static @Nullable String dateText(@Nullable LocalDate date) {
        return date == null ? null : date.toString();
    }

    /** Of these memberships and period starts (pairs by index), the memberships whose period is billed already. */
    public java.util.Set<Long> periodsBilled(Long[] memberships, String[] periodStarts) {
        return new java.util.HashSet<>(jdbc.sql("""
                        select l.membership_id from invoice_lines l
                          join unnest(cast(:memberships as bigint[]), cast(:starts as date[])) as x(membership, start)
                            on l.membership_id = x.membership and l.period_start = x.start
                         where l.kind = 'PERIOD'
                        """)
                .param("memberships", memberships)
                .param("starts", periodStarts)
                .query(Long.class)
                .list());
    }

    /** An invoice of a run that was never tried, as the charging of a chunk needs it. */
    public record Untried(
            long id,
            long patron,
            String currency,
            long totalMinor,
            @Nullable Long paymentMethod) {}

    /**
     * Up to {@code limit} invoices of a run's shard, in id order after {@code after}, that are open,
     * due and were never tried (no attempt but ones the gateway never received), locked; another
     * node skips them.
     */
    public List<Untried> lockUntried(long runId, int shard, int shards, long after, Instant now, int limit) {
        return jdbc.sql("""
                        select i.id, i.patron_user_id, i.currency, i.total_minor, i.payment_method_id from invoices i
                         where i.run_id = :run and i.id > :after and i.status = 'OPEN' and i.failures = 0
                           and i.next_attempt_at is not null and i.next_attempt_at <= :now
                           and mod(i.patron_user_id, :shards) = :shard
                           and not exists (select 1 from payment_attempts a where a.invoice_id = i.id
                                              and a.decline_code is distinct from 'not_received')
                         order by i.run_id, i.id limit :limit
                           for update of i skip locked
                        """)
                .param("run", runId)
                .param("after", after)
                .param("shard", shard)
                .param("shards", shards)
                .param("now", Timestamp.from(now))
                .param("limit", limit)
                .query((rs, n) -> new Untried(
                        rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4), (Long) rs.getObject(5)))
                .list();
    }

    public List<Invoice> findAll(Long[] ids) {
        return withLines(jdbc.sql(SELECT + " where id = any(:ids) order by id")
                .param("ids", ids)
                .query(InvoiceRepository::invoice)
                .list());
    }

    /** Nothing else tries these until their attempts are resolved. */
    public void postponeAll(Long[] ids) {
        jdbc.sql("update invoices set next_attempt_at = null where id = any(:ids) and status = 'OPEN'")
                .param("ids", ids)
                .update();
    }

    public void markPaidAll(Long[] ids, Instant now) {
        jdbc.sql("""
                        update invoices set status = 'PAID', paid_at = :now, next_attempt_at = null
                         where id = any(:ids) and status <> 'PAID'
                        """).param("now", Timestamp.from(now)).param("ids", ids).update();
    }

    /** {@link #markFailed} for many invoices (by index; a null next try makes one uncollectible). */
    public void markFailedAll(Long[] ids, Integer[] failures, String[] nextAttempts) {
        jdbc.sql("""
                        update invoices i set failures = x.failures, next_attempt_at = x.next,
                               status = case when x.next is null then 'UNCOLLECTIBLE' else 'OPEN' end
                          from unnest(cast(:ids as bigint[]), cast(:failures as int[]), cast(:next as timestamptz[]))
                               as x(id, failures, next)
                         where i.id = x.id and i.status in ('OPEN', 'UNCOLLECTIBLE')
                        """)
                .param("ids", ids)
                .param("failures", failures)
                .param("next", nextAttempts)
                .update();
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
     * Whether an open invoice of a run was never tried: no attempt, or only attempts the gateway
     * never received (found after a crash before the call), which charged nothing. One that failed
     * without an attempt (no card on file) is on the dunning schedule, not untried.
     */
    public boolean anyUntried(long runId) {
        return jdbc.sql("""
                        select exists (select 1 from invoices i
                                        where i.run_id = :run and i.status = 'OPEN' and i.failures = 0
                                          and not exists (select 1 from payment_attempts a where a.invoice_id = i.id
                                                             and a.decline_code is distinct from 'not_received'))
                        """).param("run", runId).query(Boolean.class).single();
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
                               description, platform_fee_minor
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
                                    rs.getString("description"),
                                    rs.getObject("platform_fee_minor", Long.class)));
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
