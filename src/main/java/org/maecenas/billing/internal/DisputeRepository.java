package org.maecenas.billing.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Disputes and how their amounts fall on creators. */
@Repository
public class DisputeRepository {

    /** A dispute as stored, with the invoice it is about. */
    public record StoredDispute(
            long id,
            String gateway,
            String disputeId,
            long attemptId,
            long invoiceId,
            @Nullable String chargeId,
            long amountMinor,
            String currency,
            String reason,
            String status,
            Instant openedAt,
            @Nullable Instant closedAt) {}

    private static final String SELECT = """
            select d.id, d.gateway, d.dispute_id, d.attempt_id, a.invoice_id, a.gateway_charge_id, d.amount_minor,
                   d.currency, d.reason, d.status, d.opened_at, d.closed_at
              from disputes d join payment_attempts a on a.id = d.attempt_id
            """;

    private final JdbcClient jdbc;

    DisputeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The succeeded attempt that made this charge. */
    public Optional<Long> attemptOfCharge(String gateway, String chargeId) {
        return jdbc.sql("""
                        select id from payment_attempts
                         where gateway = :g and gateway_charge_id = :c and status = 'SUCCEEDED'
                        """)
                .param("g", gateway)
                .param("c", chargeId)
                .query(Long.class)
                .optional();
    }

    /** Inserts a dispute unless it is known; empty when it was. */
    public Optional<Long> insert(
            String gateway,
            String disputeId,
            long attemptId,
            long amount,
            String currency,
            String reason,
            Instant now) {
        return jdbc.sql("""
                        insert into disputes (gateway, dispute_id, attempt_id, amount_minor, currency, reason, status,
                               opened_at)
                        values (:g, :d, :a, :amount, :currency, :reason, 'OPEN', :now)
                        on conflict (gateway, dispute_id) do nothing
                        returning id
                        """)
                .param("g", gateway)
                .param("d", disputeId)
                .param("a", attemptId)
                .param("amount", amount)
                .param("currency", currency)
                .param("reason", reason)
                .param("now", Timestamp.from(now))
                .query(Long.class)
                .optional();
    }

    public void share(long disputeId, long campaignId, long amount) {
        jdbc.sql("insert into dispute_shares (dispute_id, campaign_id, amount_minor) values (:d, :c, :a)")
                .param("d", disputeId)
                .param("c", campaignId)
                .param("a", amount)
                .update();
    }

    public Map<Long, Long> shares(long disputeId) {
        Map<Long, Long> shares = new java.util.LinkedHashMap<>();
        jdbc.sql("select campaign_id, amount_minor from dispute_shares where dispute_id = :d order by campaign_id")
                .param("d", disputeId)
                .query((rs, n) -> shares.put(rs.getLong(1), rs.getLong(2)))
                .list();
        return shares;
    }

    public Optional<StoredDispute> lockByGatewayId(String gateway, String disputeId) {
        Optional<Long> id = jdbc.sql("select id from disputes where gateway = :g and dispute_id = :d for update")
                .param("g", gateway)
                .param("d", disputeId)
                .query(Long.class)
                .optional();
        return id.flatMap(this::find);
    }

    public Optional<StoredDispute> find(long id) {
        return jdbc.sql(SELECT + " where d.id = :id")
                .param("id", id)
                .query(DisputeRepository::row)
                .optional();
    }

    public void close(long id, String status, Instant now) {
        jdbc.sql("update disputes set status = :s, closed_at = :now where id = :id and status = 'OPEN'")
                .param("s", status)
                .param("now", Timestamp.from(now))
                .param("id", id)
                .update();
    }

    /** Recent successful charges of a gateway not yet disputed: what an operator may dispute in test mode. */
    public List<Map.Entry<String, String>> undisputedCharges(String gateway, int limit) {
        return jdbc.sql("""
                        select a.gateway_charge_id, a.invoice_id, a.settled_minor, a.currency from payment_attempts a
                         where a.gateway = :g and a.status = 'SUCCEEDED'
                           and not exists (select 1 from disputes d where d.attempt_id = a.id)
                         order by a.id desc limit :n
                        """)
                .param("g", gateway)
                .param("n", limit)
                .query((rs, n) -> Map.entry(
                        rs.getString(1),
                        "invoice " + rs.getLong(2) + ", "
                                + org.maecenas.money.Money.of(rs.getLong(3), rs.getString(4))
                                        .display()))
                .list();
    }

    public List<StoredDispute> recent(int limit) {
        return jdbc.sql(SELECT + " order by d.id desc limit :n")
                .param("n", limit)
                .query(DisputeRepository::row)
                .list();
    }

    /** Disputes touching a creator, with the creator's share of each as the amount. */
    public List<StoredDispute> ofCampaign(long campaignId, int limit) {
        return jdbc.sql("""
                        select d.id, d.gateway, d.dispute_id, d.attempt_id, a.invoice_id, a.gateway_charge_id,
                               s.amount_minor, d.currency, d.reason, d.status, d.opened_at, d.closed_at
                          from disputes d join payment_attempts a on a.id = d.attempt_id
                          join dispute_shares s on s.dispute_id = d.id and s.campaign_id = :c
                         order by d.id desc limit :n
                        """)
                .param("c", campaignId)
                .param("n", limit)
                .query(DisputeRepository::row)
                .list();
    }

    private static StoredDispute row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        Timestamp closed = rs.getTimestamp(12);
        return new StoredDispute(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getLong(4),
                rs.getLong(5),
                rs.getString(6),
                rs.getLong(7),
                rs.getString(8),
                rs.getString(9),
                rs.getString(10),
                rs.getTimestamp(11).toInstant(),
                closed == null ? null : closed.toInstant());
    }
}
