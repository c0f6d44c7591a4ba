package org.maecenas.pledges.internal;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.maecenas.campaigns.CampaignId;
import org.maecenas.campaigns.TierId;
import org.maecenas.money.Money;
import org.maecenas.pledges.Cadence;
import org.maecenas.pledges.Pledge;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Memberships with their money, and their append-only history. */
@Repository
public class PledgeRepository {

    static final String SELECT = """
            select id, campaign_id, patron_user_id, tier_id, amount_minor, currency, cadence, status, monthly_cap,
                   anchor_day, next_charge_on, next_amount_minor, next_tier_id, payment_method_id, paid_through,
                   created_at, cancelled_at
              from memberships
            """;

    private final JdbcClient jdbc;

    PledgeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a pledge; a live membership of the same person with the same creator makes this fail. */
    public long insert(Pledge pledge, Instant now) {
        return jdbc.sql("""
                        insert into memberships (campaign_id, patron_user_id, tier_id, amount_minor, currency, status,
                               cadence, monthly_cap, anchor_day, next_charge_on, payment_method_id, paid_through,
                               created_at, updated_at)
                        values (:campaign, :patron, :tier, :amount, :currency, :status, :cadence, :cap, :anchor,
                               :next, :method, :paidThrough, :now, :now)
                        returning id
                        """)
                .param("campaign", pledge.campaignId().value())
                .param("patron", pledge.patronUserId())
                .param("tier", pledge.tier() == null ? null : pledge.tier().value())
                .param("amount", pledge.amount().minor())
                .param("currency", pledge.amount().currency().getCurrencyCode())
                .param("status", pledge.status().name())
                .param("cadence", pledge.cadence().name())
                .param("cap", pledge.monthlyCap())
                .param("anchor", pledge.anchorDay())
                .param("next", pledge.nextChargeOn() == null ? null : Date.valueOf(pledge.nextChargeOn()))
                .param("method", pledge.paymentMethodId())
                .param("paidThrough", pledge.paidThrough() == null ? null : Timestamp.from(pledge.paidThrough()))
                .param("now", Timestamp.from(now))
                .query(Long.class)
                .single();
    }

    public Optional<Pledge> find(long id) {
        return jdbc.sql(SELECT + " where id = :id")
                .param("id", id)
                .query(PledgeRepository::pledge)
                .optional();
    }

    /** Locks the row for a change (a second request waits and then sees the first one's result). */
    public Optional<Pledge> lock(long id) {
        return jdbc.sql(SELECT + " where id = :id for update")
                .param("id", id)
                .query(PledgeRepository::pledge)
                .optional();
    }

    public Optional<Pledge> live(CampaignId campaign, long patron) {
        return jdbc.sql(
                        SELECT
                                + " where campaign_id = :c and patron_user_id = :p and status in ('INCOMPLETE', 'ACTIVE', 'DECLINED')")
                .param("c", campaign.value())
                .param("p", patron)
                .query(PledgeRepository::pledge)
                .optional();
    }

    public List<Pledge> ofPatron(long patron) {
        return jdbc.sql(SELECT + " where patron_user_id = :p and (status in ('ACTIVE', 'DECLINED', 'INCOMPLETE')"
                        + " or (status = 'CANCELLED' and cadence <> 'FREE')) order by created_at desc")
                .param("p", patron)
                .query(PledgeRepository::pledge)
                .list();
    }

    public List<Pledge> ofCampaign(CampaignId campaign, int limit, int offset) {
        return jdbc.sql(SELECT + " where campaign_id = :c and status in ('ACTIVE', 'DECLINED') and cadence <> 'FREE'"
                        + " order by created_at desc limit :limit offset :offset")
                .param("c", campaign.value())
                .param("limit", limit)
                .param("offset", offset)
                .query(PledgeRepository::pledge)
                .list();
    }

    /** A campaign's monthly and annual memberships renewing between two days (inclusive). */
    public List<Pledge> renewing(CampaignId campaign, LocalDate from, LocalDate to) {
        return jdbc.sql(SELECT + """
                         where campaign_id = :c and status = 'ACTIVE' and cadence in ('MONTHLY', 'ANNUAL')
                           and next_charge_on between :from and :to
                         order by next_charge_on, id
                        """)
                .param("c", campaign.value())
                .param("from", Date.valueOf(from))
                .param("to", Date.valueOf(to))
                .query(PledgeRepository::pledge)
                .list();
    }

    public List<Pledge> renewalsDue(long patron, String currency, LocalDate date, Instant snapshot) {
        return jdbc.sql(SELECT + """
                         where patron_user_id = :p and currency = :c and status = 'ACTIVE'
                           and cadence in ('MONTHLY', 'ANNUAL') and next_charge_on <= :date and created_at <= :snapshot
                         order by id
                        """)
                .param("p", patron)
                .param("c", currency)
                .param("date", Date.valueOf(date))
                .param("snapshot", Timestamp.from(snapshot))
                .query(PledgeRepository::pledge)
                .list();
    }

    /**
     * Monthly and annual memberships due by {@code date} of these patrons in these currencies (pairs
     * by index), locked for the renewal, in id order.
     */
    public List<Pledge> lockRenewalsDue(Long[] patrons, String[] currencies, LocalDate date, Instant snapshot) {
        return jdbc.sql(SELECT + """
                         where (patron_user_id, currency) in (
                                select * from unnest(cast(:patrons as bigint[]), cast(:currencies as char(3)[])))
                           and status = 'ACTIVE' and cadence in ('MONTHLY', 'ANNUAL') and next_charge_on <= :date
                           and created_at <= :snapshot
                         order by id for update
                        """)
                .param("patrons", patrons)
                .param("currencies", currencies)
                .param("date", Date.valueOf(date))
                .param("snapshot", Timestamp.from(snapshot))
                .query(PledgeRepository::pledge)
                .list();
    }

    /** Moves renewals on and applies the downgrades that waited for the new cycle (with their history). */
    public void advanceAll(Long[] ids, String[] nextChargeOn, Instant now) {
        jdbc.sql("""
                        with r as (select * from unnest(cast(:ids as bigint[]), cast(:next as date[])) as r(id, next)),
                        history as (
                            insert into pledge_history (membership_id, at, action, amount_minor, monthly_cap, tier_id,
                                   cadence, note)
                            select m.id, :now, 'DOWNGRADED', m.next_amount_minor, m.monthly_cap, m.next_tier_id,
                                   m.cadence, 'from the new cycle'
                              from memberships m join r on r.id = m.id where m.next_amount_minor is not null)
                        update memberships m
                           set next_charge_on = r.next,
                               amount_minor = coalesce(m.next_amount_minor, m.amount_minor),
                               tier_id = case when m.next_amount_minor is null then m.tier_id else m.next_tier_id end,
                               next_amount_minor = null, next_tier_id = null, updated_at = :now
                          from r where m.id = r.id
                        """)
                .param("ids", ids)
                .param("next", nextChargeOn)
                .param("now", Timestamp.from(now))
                .update();
    }

    /**
     * Moves every declined membership of {@code ids} back to active, each with a history row
     * (RECOVERED, {@code note}); returns how many moved. A billing day asks this for every
     * membership it was paid for, nearly all of them active: the status is written in the statement
     * so that the planner looks them up in the small index of declined memberships instead of
     * reading each membership's row. The ids are one array condition on that index, not a join:
     * joined, the planner weighed the two indexes as nearly equal and, during a day, took the
     * primary key (9–18 ms a chunk against 0.1 ms).
     */
    public int recoverAll(Long[] ids, String note, Instant now) {
        return jdbc.sql("""
                        with changed as (
                            update memberships m set status = 'ACTIVE', updated_at = :now, cancelled_at = null
                             where m.id = any(cast(:ids as bigint[])) and m.status = 'DECLINED'
                            returning m.id, m.amount_minor, m.monthly_cap, m.tier_id, m.cadence)
                        insert into pledge_history (membership_id, at, action, amount_minor, monthly_cap, tier_id,
                               cadence, note)
                        select id, :now, 'RECOVERED', amount_minor, monthly_cap, tier_id, cadence, :note from changed
                        """)
                .param("ids", ids)
                .param("note", note)
                .param("now", Timestamp.from(now))
                .update();
    }

    /**
     * Moves every membership of {@code ids} that is in status {@code from} to {@code to}, each with a
     * history row of {@code action} and its note; returns how many moved.
     */
    public int setStatusAll(
            Long[] ids, String[] notes, Pledge.Status from, Pledge.Status to, String action, Instant now) {
        return jdbc.sql("""
                        with c as (select * from unnest(cast(:ids as bigint[]), cast(:notes as text[])) as c(id, note)),
                        changed as (
                            update memberships m set status = :to, updated_at = :now, cancelled_at = null
                              from c where m.id = c.id and m.status = :from
                            returning m.id, m.amount_minor, m.monthly_cap, m.tier_id, m.cadence, c.note)
                        insert into pledge_history (membership_id, at, action, amount_minor, monthly_cap, tier_id,
                               cadence, note)
                        select id, :now, :action, amount_minor, monthly_cap, tier_id, cadence, note from changed
                        """)
                .param("ids", ids)
                .param("notes", notes)
                .param("from", from.name())
                .param("to", to.name())
                .param("action", action)
                .param("now", Timestamp.from(now))
                .update();
    }

    /** Marks periods paid: access lasts until each {@code paidThrough} (never shortened). */
    public void paidThroughAll(Long[] ids, String[] paidThrough, Instant now) {
        jdbc.sql("""
                        update memberships m set paid_through = greatest(coalesce(m.paid_through, p.through), p.through),
                               updated_at = :now
                          from unnest(cast(:ids as bigint[]), cast(:through as timestamptz[])) as p(id, through)
                         where m.id = p.id
                        """)
                .param("ids", ids)
                .param("through", paidThrough)
                .param("now", Timestamp.from(now))
                .update();
    }

    public int setStatus(long id, Pledge.Status from, Pledge.Status to, Instant now) {
        return jdbc.sql("""
                        update memberships set status = :to, updated_at = :now,
                               cancelled_at = case when :to in ('CANCELLED', 'FAILED') then cast(:now as timestamptz) end
                         where id = :id and status = :from
                        """)
                .param("to", to.name())
                .param("from", from.name())
                .param("now", Timestamp.from(now))
                .param("id", id)
                .update();
    }

    /** Marks a period paid: access lasts until {@code paidThrough}; the next renewal is due on {@code next}. */
    public void paidThrough(long id, Instant paidThrough, @Nullable LocalDate next, Instant now) {
        jdbc.sql("""
                        update memberships set paid_through = greatest(coalesce(paid_through, :through), :through),
                               next_charge_on = coalesce(:next, next_charge_on), updated_at = :now
                         where id = :id
                        """)
                .param("through", Timestamp.from(paidThrough))
                .param("next", next == null ? null : Date.valueOf(next))
                .param("now", Timestamp.from(now))
                .param("id", id)
                .update();
    }

    public void advance(long id, LocalDate next, Instant now) {
        jdbc.sql("update memberships set next_charge_on = :next, updated_at = :now where id = :id")
                .param("next", Date.valueOf(next))
                .param("now", Timestamp.from(now))
                .param("id", id)
                .update();
    }

    public void change(long id, Money amount, @Nullable TierId tier, @Nullable Integer cap, Instant now) {
        jdbc.sql("""
                        update memberships set amount_minor = :amount, tier_id = :tier, monthly_cap = :cap,
                               next_amount_minor = null, next_tier_id = null, updated_at = :now
                         where id = :id
                        """)
                .param("amount", amount.minor())
                .param("tier", tier == null ? null : tier.value())
                .param("cap", cap)
                .param("now", Timestamp.from(now))
                .param("id", id)
                .update();
    }

    public void scheduleChange(long id, Money amount, @Nullable TierId tier, Instant now) {
        jdbc.sql(
                        "update memberships set next_amount_minor = :amount, next_tier_id = :tier, updated_at = :now where id = :id")
                .param("amount", amount.minor())
                .param("tier", tier == null ? null : tier.value())
                .param("now", Timestamp.from(now))
                .param("id", id)
                .update();
    }

    public void setPaymentMethod(long patron, long methodId, Instant now) {
        jdbc.sql("""
                        update memberships set payment_method_id = :method, updated_at = :now
                         where patron_user_id = :patron and cadence <> 'FREE' and status in ('ACTIVE', 'DECLINED')
                        """)
                .param("method", methodId)
                .param("patron", patron)
                .param("now", Timestamp.from(now))
                .update();
    }

    /** Live memberships on a tier, for its patron limit. */
    public long onTier(TierId tier) {
        return jdbc.sql("""
                        select count(*) from memberships
                         where tier_id = :tier and status in ('INCOMPLETE', 'ACTIVE', 'DECLINED')
                        """).param("tier", tier.value()).query(Long.class).single();
    }

    public void history(
            long membership,
            Instant at,
            String action,
            Money amount,
            @Nullable Integer cap,
            @Nullable TierId tier,
            Cadence cadence,
            String note) {
        jdbc.sql("""
                        insert into pledge_history (membership_id, at, action, amount_minor, monthly_cap, tier_id,
                               cadence, note)
                        values (:m, :at, :action, :amount, :cap, :tier, :cadence, :note)
                        """)
                .param("m", membership)
                .param("at", Timestamp.from(at))
                .param("action", action)
                .param("amount", amount.minor())
                .param("cap", cap)
                .param("tier", tier == null ? null : tier.value())
                .param("cadence", cadence.name())
                .param("note", note)
                .update();
    }

    public List<String> historyOf(long membership) {
        return jdbc.sql("select h.at, h.action, h.amount_minor, m.currency, h.note from pledge_history h"
                        + " join memberships m on m.id = h.membership_id where h.membership_id = :m order by h.id")
                .param("m", membership)
                .query((rs, n) -> rs.getTimestamp(1).toInstant() + " " + rs.getString(2) + " "
                        + Money.of(rs.getLong(3), rs.getString(4))
                        + (rs.getString(5).isEmpty() ? "" : " (" + rs.getString(5) + ")"))
                .list();
    }

    static Pledge pledge(ResultSet rs, int row) throws SQLException {
        String currency = rs.getString("currency");
        Long tier = (Long) rs.getObject("tier_id");
        Long nextTier = (Long) rs.getObject("next_tier_id");
        Long nextAmount = (Long) rs.getObject("next_amount_minor");
        Date next = rs.getDate("next_charge_on");
        Timestamp paidThrough = rs.getTimestamp("paid_through");
        Timestamp cancelled = rs.getTimestamp("cancelled_at");
        return new Pledge(
                rs.getLong("id"),
                new CampaignId(rs.getLong("campaign_id")),
                rs.getLong("patron_user_id"),
                tier == null ? null : new TierId(tier),
                Money.of(rs.getLong("amount_minor"), currency),
                Cadence.valueOf(rs.getString("cadence")),
                Pledge.Status.valueOf(rs.getString("status")),
                (Integer) rs.getObject("monthly_cap"),
                (Integer) rs.getObject("anchor_day"),
                next == null ? null : next.toLocalDate(),
                nextAmount == null ? null : Money.of(nextAmount, currency),
                nextTier == null ? null : new TierId(nextTier),
                (Long) rs.getObject("payment_method_id"),
                paidThrough == null ? null : paidThrough.toInstant(),
                rs.getTimestamp("created_at").toInstant(),
                cancelled == null ? null : cancelled.toInstant());
    }
}
