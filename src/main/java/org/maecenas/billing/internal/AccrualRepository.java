package org.maecenas.billing.internal;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Pending bills for paid creations. */
@Repository
public class AccrualRepository {

    /** Accruals of one membership due on a billing day, by the posts they are for. */
    public record Due(long membershipId, long campaignId, long[] postIds, long totalMinor, int count) {}

    private final JdbcClient jdbc;

    AccrualRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One set-based statement: an accrual for every per-creation pledge of the campaign that is
     * active at {@code at}, skipping pledges that reached their cap this month (its accruals pending
     * or billed: a post's event may be handled after its month was billed). Unique per (pledge,
     * post), so a re-delivered event changes nothing. Runs in the caller's transaction.
     */
    public int accrue(long campaignId, long postId, Instant at, LocalDate month) {
        // one post of a campaign at a time (until commit), so the cap counts the other post's accruals
        jdbc.sql("select pg_advisory_xact_lock(7003, cast(:campaign as int))")
                .param("campaign", campaignId)
                .query()
                .singleRow();
        return jdbc.sql("""
                        insert into accruals (membership_id, campaign_id, patron_user_id, post_id,
                               amount_minor, currency, accrued_at, accrual_month, status)
                        select m.id, m.campaign_id, m.patron_user_id, p.id,
                               m.amount_minor, m.currency, :at, :month, 'PENDING'
                          from posts p join memberships m on m.campaign_id = p.campaign_id
                         where p.id = :post and p.campaign_id = :campaign
                           and m.cadence = 'PER_CREATION' and m.status = 'ACTIVE'
                           and m.created_at <= :at
                           and (m.monthly_cap is null or m.monthly_cap > (
                                select count(*) from accruals a
                                 where a.membership_id = m.id and a.accrual_month = :month and a.status <> 'VOID'))
                        on conflict (membership_id, post_id) do nothing
                        """)
                .param("campaign", campaignId)
                .param("post", postId)
                .param("at", Timestamp.from(at))
                .param("month", Date.valueOf(month))
                .update();
    }

    /** Voids a post's accruals not yet invoiced (unpublished or deleted before billing). */
    public int voidPending(long postId) {
        return jdbc.sql("update accruals set status = 'VOID' where post_id = :post and status = 'PENDING'")
                .param("post", postId)
                .update();
    }

    /** Accruals of a patron in a currency from months before {@code beforeMonth}, per membership. */
    public List<Due> due(long patron, String currency, LocalDate beforeMonth) {
        return jdbc.sql("""
                        select membership_id, campaign_id, array_agg(post_id order by post_id), sum(amount_minor), count(*)
                          from accruals
                         where patron_user_id = :patron and currency = :currency and status = 'PENDING'
                           and accrual_month < :before
                         group by membership_id, campaign_id order by membership_id
                        """)
                .param("patron", patron)
                .param("currency", currency)
                .param("before", Date.valueOf(beforeMonth))
                .query(AccrualRepository::due)
                .list();
    }

    /** Accruals of one membership due on a billing day, with the patron and currency it is billed in. */
    public record PatronDue(long patron, String currency, Due due) {}

    /**
     * {@link #due} for many patrons at once (patron and currency pairs by index), in patron, currency
     * and membership order.
     */
    public List<PatronDue> dueAll(Long[] patrons, String[] currencies, LocalDate beforeMonth) {
        return jdbc.sql("""
                        select a.membership_id, a.campaign_id, array_agg(a.post_id order by a.post_id), sum(a.amount_minor),
                               count(*), a.patron_user_id, a.currency
                          from accruals a
                          join unnest(cast(:patrons as bigint[]), cast(:currencies as char(3)[])) as x(patron, currency)
                            on a.patron_user_id = x.patron and a.currency = x.currency
                         where a.status = 'PENDING' and a.accrual_month < :before
                         group by a.patron_user_id, a.currency, a.membership_id, a.campaign_id
                         order by a.patron_user_id, a.currency, a.membership_id
                        """)
                .param("patrons", patrons)
                .param("currencies", currencies)
                .param("before", Date.valueOf(beforeMonth))
                .query((rs, n) -> new PatronDue(rs.getLong(6), rs.getString(7), due(rs, n)))
                .list();
    }

    /**
     * Attaches accruals, each a membership's for a post, to invoice lines (triples by index); returns
     * how many were still pending (all must be).
     */
    public int invoiceAll(Long[] memberships, Long[] posts, Long[] lineIds) {
        return jdbc.sql("""
                        update accruals a set status = 'INVOICED', invoice_line_id = x.line
                          from unnest(cast(:memberships as bigint[]), cast(:posts as bigint[]), cast(:lines as bigint[]))
                               as x(membership, post, line)
                         where a.post_id = x.post and a.membership_id = x.membership and a.status = 'PENDING'
                        """)
                .param("memberships", memberships)
                .param("posts", posts)
                .param("lines", lineIds)
                .update();
    }

    /** All pending accruals of one membership (billed at once when the patron cancels). */
    public List<Due> pendingOf(long membershipId) {
        return jdbc.sql("""
                        select membership_id, campaign_id, array_agg(post_id order by post_id), sum(amount_minor), count(*)
                          from accruals where membership_id = :m and status = 'PENDING'
                         group by membership_id, campaign_id
                        """)
                .param("m", membershipId)
                .query(AccrualRepository::due)
                .list();
    }

    private static Due due(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        Long[] ids = (Long[]) rs.getArray(3).getArray();
        return new Due(
                rs.getLong(1),
                rs.getLong(2),
                java.util.Arrays.stream(ids).mapToLong(Long::longValue).toArray(),
                rs.getLong(4),
                rs.getInt(5));
    }

    /**
     * Attaches a membership's accruals for these posts to an invoice line; returns how many were
     * still pending (all must be).
     */
    public int invoice(long membershipId, long[] postIds, long lineId) {
        return jdbc.sql("""
                        update accruals set status = 'INVOICED', invoice_line_id = :line
                         where membership_id = :membership and post_id = any(:posts) and status = 'PENDING'
                        """)
                .param("line", lineId)
                .param("membership", membershipId)
                .param("posts", java.util.Arrays.stream(postIds).boxed().toArray(Long[]::new))
                .update();
    }

    public long pendingTotal(long campaignId) {
        return jdbc.sql(
                        "select coalesce(sum(amount_minor), 0) from accruals where campaign_id = :c and status = 'PENDING'")
                .param("c", campaignId)
                .query(Long.class)
                .single();
    }

    public int pendingCount(long campaignId) {
        return jdbc.sql("select count(*) from accruals where campaign_id = :c and status = 'PENDING'")
                .param("c", campaignId)
                .query(Integer.class)
                .single();
    }

    /** How many patrons a post was billed to (invoiced accruals) and for how much. */
    public long[] billedForPost(long postId) {
        return jdbc.sql("""
                        select count(*), coalesce(sum(amount_minor), 0) from accruals
                         where post_id = :post and status <> 'VOID'
                        """)
                .param("post", postId)
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .single();
    }

    /** A campaign's accruals of one month not yet billed: how many, for how much, from how many patrons. */
    public long[] pendingOfMonth(long campaignId, LocalDate month) {
        return jdbc.sql("""
                        select count(*), coalesce(sum(amount_minor), 0), count(distinct membership_id) from accruals
                         where campaign_id = :c and accrual_month = :month and status = 'PENDING'
                        """)
                .param("c", campaignId)
                .param("month", Date.valueOf(month))
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)})
                .single();
    }

    /** What posts of a campaign were charged (accruals not voided): post id → {patrons, total}. */
    public java.util.Map<Long, long[]> chargedByPost(long campaignId, java.util.Collection<Long> postIds) {
        java.util.Map<Long, long[]> charged = new java.util.HashMap<>();
        jdbc.sql("""
                        select post_id, count(*), sum(amount_minor) from accruals
                         where campaign_id = :c and post_id = any(:posts) and status <> 'VOID'
                         group by post_id
                        """)
                .param("c", campaignId)
                .param("posts", postIds.toArray(Long[]::new))
                .query((rs, n) -> charged.put(rs.getLong(1), new long[] {rs.getLong(2), rs.getLong(3)}))
                .list();
        return charged;
    }
}
