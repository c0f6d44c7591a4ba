package org.maecenas.billing.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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

    public Optional<Attempt> findByKey(String key) {
        return jdbc.sql(SELECT + " where idempotency_key = :key")
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
