package org.maecenas.payouts.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.maecenas.money.Money;
import org.maecenas.payouts.Payout;
import org.maecenas.payouts.PayoutMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class PayoutRepository {

    private static final String SELECT = """
            select id, campaign_id, amount_minor, currency, method_kind, destination, status, external_id,
                   failure_reason, requested_at, sent_at, settled_at
              from payouts
            """;

    private final JdbcClient jdbc;

    PayoutRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void saveMethod(
            long campaign,
            String kind,
            @Nullable String connect,
            byte @Nullable [] bank,
            @Nullable String summary,
            boolean automatic,
            Instant now) {
        jdbc.sql("""
                        insert into payout_methods (campaign_id, kind, connect_account, bank_details_encrypted,
                               bank_summary, automatic, updated_at)
                        values (:c, :kind, :connect, :bank, :summary, :automatic, :now)
                        on conflict (campaign_id) do update set kind = excluded.kind,
                               connect_account = excluded.connect_account,
                               bank_details_encrypted = excluded.bank_details_encrypted,
                               bank_summary = excluded.bank_summary, automatic = excluded.automatic,
                               updated_at = excluded.updated_at
                        """)
                .param("c", campaign)
                .param("kind", kind)
                .param("connect", connect)
                .param("bank", bank)
                .param("summary", summary)
                .param("automatic", automatic)
                .param("now", Timestamp.from(now))
                .update();
    }

    public Optional<PayoutMethod> method(long campaign) {
        return jdbc.sql(
                        "select campaign_id, kind, connect_account, bank_summary, automatic from payout_methods where campaign_id = :c")
                .param("c", campaign)
                .query((rs, n) -> new PayoutMethod(
                        rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5)))
                .optional();
    }

    public Optional<byte[]> bankDetails(long campaign) {
        return jdbc.sql("select bank_details_encrypted from payout_methods where campaign_id = :c and kind = 'MANUAL'")
                .param("c", campaign)
                .query((rs, n) -> rs.getBytes(1))
                .optional();
    }

    /** The bank details a manual payout was requested with (sealed). */
    public Optional<byte[]> payoutBankDetails(long payoutId) {
        return jdbc.sql(
                        "select bank_details_encrypted from payouts where id = :id and bank_details_encrypted is not null")
                .param("id", payoutId)
                .query((rs, n) -> rs.getBytes(1))
                .optional();
    }

    public List<Long> automatic() {
        return jdbc.sql("select campaign_id from payout_methods where automatic order by campaign_id")
                .query(Long.class)
                .list();
    }

    /** Serialises payout requests of one creator, so two requests never spend the same balance. */
    public void lock(long campaign) {
        jdbc.sql("select pg_advisory_xact_lock(7003, cast(:c as int))")
                .param("c", campaign)
                .query()
                .singleRow();
    }

    public int count(long campaign) {
        return jdbc.sql("select count(*) from payouts where campaign_id = :c")
                .param("c", campaign)
                .query(Integer.class)
                .single();
    }

    public boolean exists(String idempotencyKey) {
        return jdbc.sql("select exists (select 1 from payouts where idempotency_key = :key)")
                .param("key", idempotencyKey)
                .query(Boolean.class)
                .single();
    }

    public long insert(String key, long campaign, Money amount, String kind, String destination, Instant now) {
        return jdbc.sql("""
                        insert into payouts (idempotency_key, campaign_id, amount_minor, currency, method_kind, destination,
                               status, requested_at, bank_details_encrypted)
                        values (:key, :c, :amount, :currency, :kind, :destination, 'REQUESTED', :now,
                               (select bank_details_encrypted from payout_methods
                                 where campaign_id = :c and kind = 'MANUAL' and :kind = 'MANUAL'))
                        returning id
                        """)
                .param("key", key)
                .param("c", campaign)
                .param("amount", amount.minor())
                .param("currency", amount.currency().getCurrencyCode())
                .param("kind", kind)
                .param("destination", destination)
                .param("now", Timestamp.from(now))
                .query(Long.class)
                .single();
    }

    public int mark(
            long id, String from, String to, @Nullable String externalId, @Nullable String reason, Instant now) {
        return jdbc.sql("""
                        update payouts set status = :to, external_id = coalesce(:external, external_id),
                               failure_reason = :reason,
                               sent_at = case when :to in ('SENT', 'PAID') then coalesce(sent_at, cast(:now as timestamptz)) else sent_at end,
                               settled_at = case when :to in ('PAID', 'FAILED') then cast(:now as timestamptz) else settled_at end
                         where id = :id and status = :from
                        """)
                .param("to", to)
                .param("from", from)
                .param("external", externalId)
                .param("reason", reason)
                .param("now", Timestamp.from(now))
                .param("id", id)
                .update();
    }

    public Optional<Payout> find(long id) {
        return jdbc.sql(SELECT + " where id = :id")
                .param("id", id)
                .query(PayoutRepository::payout)
                .optional();
    }

    /** Connect payouts requested in {@code [from, to)} and never sent. */
    public List<Payout> unsentConnect(Instant from, Instant to) {
        return jdbc.sql(SELECT + """
                         where status = 'REQUESTED' and method_kind = 'STRIPE_CONNECT'
                           and requested_at >= :from and requested_at < :to order by id limit 500
                        """)
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query(PayoutRepository::payout)
                .list();
    }

    public Optional<Payout> findByKey(String idempotencyKey) {
        return jdbc.sql(SELECT + " where idempotency_key = :key")
                .param("key", idempotencyKey)
                .query(PayoutRepository::payout)
                .optional();
    }

    public Optional<Payout> findByExternal(String externalId) {
        return jdbc.sql(SELECT + " where external_id = :e")
                .param("e", externalId)
                .query(PayoutRepository::payout)
                .optional();
    }

    public List<Payout> of(long campaign, int limit) {
        return jdbc.sql(SELECT + " where campaign_id = :c order by requested_at desc, id desc limit :limit")
                .param("c", campaign)
                .param("limit", limit)
                .query(PayoutRepository::payout)
                .list();
    }

    public List<Payout> open(int limit) {
        return jdbc.sql(SELECT + " where status in ('REQUESTED', 'SENT') order by requested_at limit :limit")
                .param("limit", limit)
                .query(PayoutRepository::payout)
                .list();
    }

    static Payout payout(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        Timestamp sent = rs.getTimestamp("sent_at");
        Timestamp settled = rs.getTimestamp("settled_at");
        return new Payout(
                rs.getLong("id"),
                rs.getLong("campaign_id"),
                Money.of(rs.getLong("amount_minor"), rs.getString("currency")),
                rs.getString("method_kind"),
                rs.getString("destination"),
                rs.getString("status"),
                rs.getString("external_id"),
                rs.getString("failure_reason"),
                rs.getTimestamp("requested_at").toInstant(),
                sent == null ? null : sent.toInstant(),
                settled == null ? null : settled.toInstant());
    }
}
