package org.maecenas.billing.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Refunds: written PENDING before the gateway is asked, resolved after (like payment attempts). */
@Repository
public class RefundRepository {

    /** A refund as stored. */
    public record StoredRefund(
            long id,
            String key,
            long attemptId,
            long lineId,
            long campaignId,
            long patronUserId,
            long amountMinor,
            String currency,
            String status,
            String origin,
            @Nullable String gatewayRefundId,
            @Nullable String message,
            Instant createdAt,
            @Nullable Instant resolvedAt) {}

    /** A paid invoice line as a refund sees it. */
    public record PaidLine(
            long lineId,
            long invoiceId,
            long attemptId,
            String attemptKey,
            String gateway,
            String chargeId,
            long campaignId,
            long patronUserId,
            String description,
            long amountMinor,
            String currency,
            long refundedMinor,
            Instant paidAt,
            @Nullable Long platformFeeMinor) {}

    private static final String SELECT = """
            select id, idempotency_key, attempt_id, invoice_line_id, campaign_id, patron_user_id, amount_minor,
                   currency, status, origin, gateway_refund_id, message, created_at, resolved_at
              from refunds
            """;

    private static final String PAID_LINES = """
            select l.id as line_id, i.id as invoice_id, a.id as attempt_id, a.idempotency_key, a.gateway,
                   a.gateway_charge_id, l.campaign_id, i.patron_user_id, l.description, l.amount_minor, i.currency,
                   coalesce((select sum(r.amount_minor) from refunds r
                              where r.invoice_line_id = l.id and r.status <> 'FAILED'), 0) as refunded,
                   a.resolved_at, l.platform_fee_minor
              from invoice_lines l
              join invoices i on i.id = l.invoice_id and i.status = 'PAID'
              join payment_attempts a on a.invoice_id = i.id and a.status = 'SUCCEEDED'
            """;

    private final JdbcClient jdbc;

    RefundRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A patron's payments that included this creator, newest first, paid since {@code since}; at
     * most {@code limit} payments, with this creator's lines of each.
     */
    public List<PaidLine> recentPaidLines(long campaignId, long patronUserId, Instant since, int limit) {
        return jdbc.sql(PAID_LINES + """
                         where l.campaign_id = :campaign and i.patron_user_id = :patron
                           and a.id in (select a2.id from payment_attempts a2
                                          join invoices i2 on i2.id = a2.invoice_id and i2.status = 'PAID'
                                         where a2.status = 'SUCCEEDED' and i2.patron_user_id = :patron
                                           and a2.resolved_at >= :since
                                           and exists (select 1 from invoice_lines l2
                                                        where l2.invoice_id = i2.id and l2.campaign_id = :campaign)
                                         order by a2.resolved_at desc, a2.id desc limit :limit)
                         order by a.resolved_at desc, a.id desc, l.id
                        """)
                .param("campaign", campaignId)
                .param("patron", patronUserId)
                .param("since", Timestamp.from(since))
                .param("limit", limit)
                .query(RefundRepository::paidLine)
                .list();
    }

    /** Whether this patron was ever invoiced for this creator. */
    public boolean everInvoiced(long campaignId, long patronUserId) {
        return jdbc.sql("""
                        select exists (select 1 from invoice_lines l join invoices i on i.id = l.invoice_id
                                        where l.campaign_id = :c and i.patron_user_id = :p)
                        """)
                .param("c", campaignId)
                .param("p", patronUserId)
                .query(Boolean.class)
                .single();
    }

    /** Every line of the payment made with this gateway charge, oldest line first. */
    public List<PaidLine> linesOfCharge(String gateway, String chargeId) {
        return jdbc.sql(PAID_LINES + " where a.gateway = :gateway and a.gateway_charge_id = :charge order by l.id")
                .param("gateway", gateway)
                .param("charge", chargeId)
                .query(RefundRepository::paidLine)
                .list();
    }

    public Optional<PaidLine> paidLine(long lineId) {
        return jdbc.sql(PAID_LINES + " where l.id = :line")
                .param("line", lineId)
                .query(RefundRepository::paidLine)
                .optional();
    }

    /** Serialises refunds of one payment. */
    public void lockAttempt(long attemptId) {
        jdbc.sql("select id from payment_attempts where id = :id for update")
                .param("id", attemptId)
                .query(Long.class)
                .single();
    }

    /** Whether a dispute over this payment is open or was lost (its money went back through the bank). */
    public boolean disputed(long attemptId) {
        return jdbc.sql("""
                        select exists (select 1 from disputes where attempt_id = :a and status in ('OPEN', 'LOST'))
                        """).param("a", attemptId).query(Boolean.class).single();
    }

    /** What succeeded refunds of a line other than {@code except} amount to. */
    public long succeededOfLine(long lineId, long except) {
        return jdbc.sql("""
                        select coalesce(sum(amount_minor), 0) from refunds
                         where invoice_line_id = :l and status = 'SUCCEEDED' and id <> :except
                        """)
                .param("l", lineId)
                .param("except", except)
                .query(Long.class)
                .single();
    }

    public int countOfAttempt(long attemptId) {
        return jdbc.sql("select count(*) from refunds where attempt_id = :a")
                .param("a", attemptId)
                .query(Integer.class)
                .single();
    }

    public long insert(
            String key,
            PaidLine line,
            long amount,
            String status,
            String origin,
            @Nullable String gatewayRefundId,
            @Nullable Long requestedBy,
            Instant now) {
        return jdbc.sql("""
                        insert into refunds (idempotency_key, attempt_id, invoice_line_id, campaign_id, patron_user_id,
                               amount_minor, currency, status, origin, gateway_refund_id, requested_by, created_at,
                               resolved_at)
                        values (:key, :attempt, :line, :campaign, :patron, :amount, :currency, :status, :origin,
                                :refund, :by, :now, :resolved)
                        returning id
                        """)
                .param("key", key)
                .param("attempt", line.attemptId())
                .param("line", line.lineId())
                .param("campaign", line.campaignId())
                .param("patron", line.patronUserId())
                .param("amount", amount)
                .param("currency", line.currency())
                .param("status", status)
                .param("origin", origin)
                .param("refund", gatewayRefundId)
                .param("by", requestedBy)
                .param("now", Timestamp.from(now))
                .param("resolved", "SUCCEEDED".equals(status) ? Timestamp.from(now) : null)
                .query(Long.class)
                .single();
    }

    public Optional<StoredRefund> lock(long id) {
        return jdbc.sql(SELECT + " where id = :id for update")
                .param("id", id)
                .query(RefundRepository::refund)
                .optional();
    }

    public Optional<StoredRefund> find(long id) {
        return jdbc.sql(SELECT + " where id = :id")
                .param("id", id)
                .query(RefundRepository::refund)
                .optional();
    }

    public boolean knows(String gatewayRefundId) {
        return jdbc.sql("select exists (select 1 from refunds where gateway_refund_id = :r)")
                .param("r", gatewayRefundId)
                .query(Boolean.class)
                .single();
    }

    public void resolve(long id, String status, @Nullable String gatewayRefundId, String message, Instant now) {
        jdbc.sql("""
                        update refunds set status = :status, gateway_refund_id = :refund, message = :message,
                               resolved_at = :now
                         where id = :id
                        """)
                .param("status", status)
                .param("refund", gatewayRefundId)
                .param("message", message)
                .param("now", "UNKNOWN".equals(status) ? null : Timestamp.from(now))
                .param("id", id)
                .update();
    }

    public List<StoredRefund> unresolved(Instant before, int limit) {
        return jdbc.sql(SELECT
                        + " where status in ('PENDING', 'UNKNOWN') and created_at < :before order by id limit :n")
                .param("before", Timestamp.from(before))
                .param("n", limit)
                .query(RefundRepository::refund)
                .list();
    }

    public List<StoredRefund> unresolvedOfCharge(String gateway, String chargeId) {
        return jdbc.sql(SELECT + """
                         where status in ('PENDING', 'UNKNOWN') and attempt_id in
                               (select id from payment_attempts where gateway = :g and gateway_charge_id = :c)
                         order by id
                        """)
                .param("g", gateway)
                .param("c", chargeId)
                .query(RefundRepository::refund)
                .list();
    }

    public List<StoredRefund> ofCampaign(long campaignId, int limit) {
        return jdbc.sql(SELECT + " where campaign_id = :c order by id desc limit :n")
                .param("c", campaignId)
                .param("n", limit)
                .query(RefundRepository::refund)
                .list();
    }

    public List<StoredRefund> ofPatronAndCampaign(long patronUserId, long campaignId) {
        return jdbc.sql(SELECT + " where campaign_id = :c and patron_user_id = :p order by id desc limit 50")
                .param("c", campaignId)
                .param("p", patronUserId)
                .query(RefundRepository::refund)
                .list();
    }

    private static PaidLine paidLine(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new PaidLine(
                rs.getLong("line_id"),
                rs.getLong("invoice_id"),
                rs.getLong("attempt_id"),
                rs.getString("idempotency_key"),
                rs.getString("gateway"),
                rs.getString("gateway_charge_id"),
                rs.getLong("campaign_id"),
                rs.getLong("patron_user_id"),
                rs.getString("description"),
                rs.getLong("amount_minor"),
                rs.getString("currency"),
                rs.getLong("refunded"),
                rs.getTimestamp("resolved_at").toInstant(),
                rs.getObject("platform_fee_minor", Long.class));
    }

    private static StoredRefund refund(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        Timestamp resolved = rs.getTimestamp("resolved_at");
        return new StoredRefund(
                rs.getLong("id"),
                rs.getString("idempotency_key"),
                rs.getLong("attempt_id"),
                rs.getLong("invoice_line_id"),
                rs.getLong("campaign_id"),
                rs.getLong("patron_user_id"),
                rs.getLong("amount_minor"),
                rs.getString("currency"),
                rs.getString("status"),
                rs.getString("origin"),
                rs.getString("gateway_refund_id"),
                rs.getString("message"),
                rs.getTimestamp("created_at").toInstant(),
                resolved == null ? null : resolved.toInstant());
    }
}
