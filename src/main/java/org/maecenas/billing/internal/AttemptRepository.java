package org.maecenas.billing.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Payment attempts: written PENDING before the gateway is called, resolved after. */
@Repository
public class AttemptRepository {

    /** An attempt as stored. */
    public record Attempt(
            long id,
            long invoiceId,
            int attemptNo,
            String key,
            String gateway,
            String status,
            long amountMinor,
            String currency,
            @Nullable String chargeId,
            @Nullable Long settledMinor,
            @Nullable Long feeMinor,
            @Nullable String declineCode,
            @Nullable String message,
            Instant createdAt) {}

    private static final String SELECT = """
            select id, invoice_id, attempt_no, idempotency_key, gateway, status, amount_minor, currency,
                   gateway_charge_id, settled_minor, fee_minor, decline_code, message, created_at
              from payment_attempts
            """;

    /** An attempt's key: its invoice and number. */
    private static final Pattern KEY = Pattern.compile("inv-(\\d{1,18})-(\\d{1,9})");

    private final JdbcClient jdbc;

    AttemptRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insertPending(
            long invoice, int attemptNo, String key, String gateway, long amount, String currency, Instant now) {
        return jdbc.sql("""
                        insert into payment_attempts (invoice_id, attempt_no, idempotency_key, gateway, status,
                               amount_minor, currency, created_at)
                        values (:invoice, :no, :key, :gateway, 'PENDING', :amount, :currency, :now)
                        returning id
                        """)
                .param("invoice", invoice)
                .param("no", attemptNo)
                .param("key", key)
                .param("gateway", gateway)
                .param("amount", amount)
                .param("currency", currency)
                .param("now", Timestamp.from(now))
                .query(Long.class)
                .single();
    }

    /**
     * Records the outcome of an attempt that was still unresolved (or waiting for the patron's bank);
     * false if another node did first.
     */
    /** How many attempts each invoice has (invoices without any are left out). */
    public java.util.Map<Long, Integer> countsOf(Long[] invoices) {
        java.util.Map<Long, Integer> counts = new java.util.HashMap<>();
        jdbc.sql("select invoice_id, count(*) from payment_attempts where invoice_id = any(:ids) group by invoice_id")
                .param("ids", invoices)
                .query((rs, n) -> counts.put(rs.getLong(1), rs.getInt(2)))
                .list();
        return counts;
    }

    /**
     * Writes PENDING attempts in one statement (invoice, number, amount and currency by index), keyed
     * {@code inv-{invoice}-{number}}; returns them in the order given.
     */
    public List<Attempt> insertPendingAll(
            Long[] invoices, Integer[] numbers, Long[] amounts, String[] currencies, String gateway, Instant now) {
        java.util.Map<Long, Attempt> byInvoice = new java.util.HashMap<>();
        jdbc.sql("""
                        insert into payment_attempts (invoice_id, attempt_no, idempotency_key, gateway, status,
                               amount_minor, currency, created_at)
                        select x.invoice, x.no, 'inv-' || x.invoice || '-' || x.no, :gateway, 'PENDING', x.amount,
                               x.currency, :now
                          from unnest(cast(:invoices as bigint[]), cast(:numbers as int[]), cast(:amounts as bigint[]),
                                      cast(:currencies as char(3)[])) as x(invoice, no, amount, currency)
                        returning id, invoice_id, attempt_no, idempotency_key, gateway, status, amount_minor, currency,
                                  gateway_charge_id, settled_minor, fee_minor, decline_code, message, created_at
                        """)
                .param("invoices", invoices)
                .param("numbers", numbers)
                .param("amounts", amounts)
                .param("currencies", currencies)
                .param("gateway", gateway)
                .param("now", Timestamp.from(now))
                .query((rs, n) -> byInvoice.put(rs.getLong("invoice_id"), attempt(rs, n)))
                .list();
        return java.util.Arrays.stream(invoices).map(byInvoice::get).toList();
    }

    /** Locks attempts in id order; returns those still unresolved (another node or the janitor may have been first). */
    public List<Attempt> lockUnresolved(Long[] ids) {
        return jdbc
                .sql(SELECT + " where id = any(:ids) order by id for update")
                .param("ids", ids)
                .query(AttemptRepository::attempt)
                .list()
                .stream()
                .filter(a -> "PENDING".equals(a.status()) || "UNKNOWN".equals(a.status()))
                .toList();
    }

    /** An outcome to record. */
    public record Outcome(
            long id,
            String status,
            @Nullable String chargeId,
            @Nullable Long settled,
            @Nullable Long fee,
            @Nullable String declineCode,
            @Nullable String message) {}

    /** {@link #resolve} for many attempts in one statement. */
    public void resolveAll(List<Outcome> outcomes, Instant now) {
        jdbc.sql("""
                        update payment_attempts a set status = x.status, gateway_charge_id = x.charge,
                               settled_minor = x.settled, fee_minor = x.fee, decline_code = x.code, message = x.message,
                               resolved_at = case when x.status in ('PENDING', 'UNKNOWN') then null
                                                  else cast(:now as timestamptz) end
                          from unnest(cast(:ids as bigint[]), cast(:statuses as text[]), cast(:charges as text[]),
                                      cast(:settled as bigint[]), cast(:fees as bigint[]), cast(:codes as text[]),
                                      cast(:messages as text[])) as x(id, status, charge, settled, fee, code, message)
                         where a.id = x.id and a.status in ('PENDING', 'UNKNOWN')
                        """)
                .param("ids", outcomes.stream().map(Outcome::id).toArray(Long[]::new))
                .param("statuses", outcomes.stream().map(Outcome::status).toArray(String[]::new))
                .param("charges", outcomes.stream().map(Outcome::chargeId).toArray(String[]::new))
                .param("settled", outcomes.stream().map(Outcome::settled).toArray(Long[]::new))
                .param("fees", outcomes.stream().map(Outcome::fee).toArray(Long[]::new))
                .param("codes", outcomes.stream().map(Outcome::declineCode).toArray(String[]::new))
                .param("messages", outcomes.stream().map(Outcome::message).toArray(String[]::new))
                .param("now", Timestamp.from(now))
                .update();
    }

    /** When each invoice was first declined (declines the gateway received), for the retry schedule. */
    public java.util.Map<Long, Instant> firstDeclines(Long[] invoices) {
        java.util.Map<Long, Instant> first = new java.util.HashMap<>();
        jdbc.sql("""
                        select invoice_id, min(created_at) from payment_attempts
                         where invoice_id = any(:ids) and status in ('DECLINED', 'REQUIRES_ACTION')
                           and decline_code is distinct from 'not_received'
                         group by invoice_id
                        """)
                .param("ids", invoices)
                .query((rs, n) -> first.put(rs.getLong(1), rs.getTimestamp(2).toInstant()))
                .list();
        return first;
    }

    /** Records the outcome of an attempt that was still unresolved; false if another node did first. */
    public boolean resolve(
            long id,
            String status,
            @Nullable String chargeId,
            @Nullable Long settled,
            @Nullable Long fee,
            @Nullable String declineCode,
            @Nullable String message,
            Instant now) {
        return jdbc.sql("""
                        update payment_attempts set status = :status, gateway_charge_id = :charge,
                               settled_minor = :settled, fee_minor = :fee, decline_code = :code, message = :message,
                               resolved_at = case when :status in ('PENDING', 'UNKNOWN') then null
                                                  else cast(:now as timestamptz) end
                         where id = :id and status in ('PENDING', 'UNKNOWN', 'REQUIRES_ACTION')
                        """)
                        .param("status", status)
                        .param("charge", chargeId)
                        .param("settled", settled)
                        .param("fee", fee)
                        .param("code", declineCode)
                        .param("message", message)
                        .param("now", Timestamp.from(now))
                        .param("id", id)
                        .update()
                == 1;
    }

    public Optional<Attempt> find(long id) {
        return jdbc.sql(SELECT + " where id = :id")
                .param("id", id)
                .query(AttemptRepository::attempt)
                .optional();
    }

    public Optional<Attempt> lock(long id) {
        return jdbc.sql(SELECT + " where id = :id for update")
                .param("id", id)
                .query(AttemptRepository::attempt)
                .optional();
    }

    public List<Attempt> ofInvoice(long invoice) {
        return jdbc.sql(SELECT + " where invoice_id = :i order by attempt_no")
                .param("i", invoice)
                .query(AttemptRepository::attempt)
                .list();
    }

    /** The attempt with this key: {@code inv-{invoice}-{n}}, found by its invoice and number. */
    public Optional<Attempt> findByKey(String key) {
        Matcher parts = KEY.matcher(key);
        if (!parts.matches()) {
            return Optional.empty();
        }
        return jdbc.sql(SELECT + " where invoice_id = :invoice and attempt_no = :no and idempotency_key = :key")
                .param("invoice", Long.parseLong(parts.group(1)))
                .param("no", Integer.parseInt(parts.group(2)))
                .param("key", key)
                .query(AttemptRepository::attempt)
                .optional();
    }

    /** The attempt of an invoice that waits for the patron to authenticate it, if any. */
    public Optional<Attempt> waiting(long invoice) {
        return jdbc.sql(SELECT + " where invoice_id = :i and status = 'REQUIRES_ACTION' order by id desc limit 1")
                .param("i", invoice)
                .query(AttemptRepository::attempt)
                .optional();
    }

    public boolean hasUnresolved(long invoice) {
        return jdbc.sql(
                        "select exists (select 1 from payment_attempts where invoice_id = :i and status in ('PENDING', 'UNKNOWN'))")
                .param("i", invoice)
                .query(Boolean.class)
                .single();
    }

    public int count(long invoice) {
        return jdbc.sql("select count(*) from payment_attempts where invoice_id = :i")
                .param("i", invoice)
                .query(Integer.class)
                .single();
    }

    public List<Attempt> unresolvedBefore(Instant before, int limit) {
        return jdbc.sql(SELECT
                        + " where status in ('PENDING', 'UNKNOWN') and created_at < :before order by id limit :limit")
                .param("before", Timestamp.from(before))
                .param("limit", limit)
                .query(AttemptRepository::attempt)
                .list();
    }

    public List<Attempt> unresolved(int limit) {
        return jdbc.sql(SELECT + " where status in ('PENDING', 'UNKNOWN') order by id limit :limit")
                .param("limit", limit)
                .query(AttemptRepository::attempt)
                .list();
    }

    static Attempt attempt(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Attempt(
                rs.getLong("id"),
                rs.getLong("invoice_id"),
                rs.getInt("attempt_no"),
                rs.getString("idempotency_key"),
                rs.getString("gateway"),
                rs.getString("status"),
                rs.getLong("amount_minor"),
                rs.getString("currency"),
                rs.getString("gateway_charge_id"),
                (Long) rs.getObject("settled_minor"),
                (Long) rs.getObject("fee_minor"),
                rs.getString("decline_code"),
                rs.getString("message"),
                rs.getTimestamp("created_at").toInstant());
    }
}
