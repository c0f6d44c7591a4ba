package org.maecenas.pledges.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.maecenas.campaigns.CampaignId;
import org.maecenas.campaigns.TierId;
import org.maecenas.pledges.Memberships;
import org.maecenas.pledges.Standing;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class MembershipRepository {

    private final JdbcClient jdbc;

    MembershipRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds a free membership unless a live one exists; true when one was added. */
    public boolean insertFree(CampaignId campaign, long patron, String currency, Instant now) {
        return jdbc.sql("""
                        insert into memberships (campaign_id, patron_user_id, amount_minor, currency, status,
                               created_at, updated_at)
                        values (:campaign, :patron, 0, :currency, 'ACTIVE', :now, :now)
                        on conflict (campaign_id, patron_user_id) where status in ('INCOMPLETE', 'ACTIVE', 'DECLINED') do nothing
                        """)
                        .param("campaign", campaign.value())
                        .param("patron", patron)
                        .param("currency", currency)
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    /** Ends a free membership; paid memberships are cancelled through their pledge. */
    public int cancelFree(CampaignId campaign, long patron, Instant now) {
        return jdbc.sql("""
                        update memberships set status = 'CANCELLED', cancelled_at = :now, updated_at = :now
                         where campaign_id = :campaign and patron_user_id = :patron
                           and status = 'ACTIVE' and cadence = 'FREE'
                        """)
                .param("campaign", campaign.value())
                .param("patron", patron)
                .param("now", Timestamp.from(now))
                .update();
    }

    public Optional<Standing> standing(CampaignId campaign, long patron, Instant now) {
        return jdbc.sql("""
                        select amount_minor, tier_id, status, paid_through from memberships
                         where campaign_id = :campaign and patron_user_id = :patron
                           and (status in ('ACTIVE', 'DECLINED') or (status = 'CANCELLED' and paid_through > :now))
                         order by (status <> 'CANCELLED') desc, updated_at desc
                         limit 1
                        """)
                .param("campaign", campaign.value())
                .param("patron", patron)
                .param("now", Timestamp.from(now))
                .query((rs, n) -> {
                    long amount = rs.getLong("amount_minor");
                    Long tier = (Long) rs.getObject("tier_id");
                    Timestamp paidThrough = rs.getTimestamp("paid_through");
                    String status = rs.getString("status");
                    Standing.Level level = amount == 0
                            ? Standing.Level.FOLLOWER
                            : "DECLINED".equals(status) ? Standing.Level.DECLINED : Standing.Level.PATRON;
                    return new Standing(
                            level,
                            amount,
                            tier == null ? null : new TierId(tier),
                            paidThrough == null ? null : paidThrough.toInstant());
                })
                .optional();
    }

    /**
     * Members whose standing at {@code at} is what {@link #standing} would say, paying at least
     * {@code minAmount} (0 takes free members), declined ones only if {@code declinedToo}: a page of
     * user ids above {@code after}, in order, so a large audience is read a chunk at a time.
     */
    public List<Long> audience(
            CampaignId campaign, long minAmount, boolean declinedToo, Instant at, long after, int limit) {
        return jdbc.sql("""
                        select patron_user_id from (
                            select distinct on (patron_user_id) patron_user_id, amount_minor, status
                              from memberships
                             where campaign_id = :campaign and patron_user_id > :after
                               and (status in ('ACTIVE', 'DECLINED') or (status = 'CANCELLED' and paid_through > :at))
                             order by patron_user_id, (status <> 'CANCELLED') desc, updated_at desc
                        ) standing
                         where amount_minor >= :min and (:declinedToo or status <> 'DECLINED')
                         order by patron_user_id
                         limit :limit
                        """)
                .param("campaign", campaign.value())
                .param("after", after)
                .param("at", Timestamp.from(at))
                .param("min", minAmount)
                .param("declinedToo", declinedToo)
                .param("limit", limit)
                .query(Long.class)
                .list();
    }

    public List<Long> campaignsOf(long patron) {
        return jdbc.sql(
                        "select campaign_id from memberships where patron_user_id = :patron and status in ('ACTIVE', 'DECLINED')")
                .param("patron", patron)
                .query(Long.class)
                .list();
    }

    /**
     * Paying patrons (active, more than zero), members (active or declined) and the sum of active
     * pledges per month (minor units, for amount goals): one scan of the campaign's memberships.
     */
    public Memberships.CampaignStats counts(CampaignId campaign) {
        return jdbc.sql("""
                        select count(*) filter (where status = 'ACTIVE' and amount_minor > 0),
                               count(*) filter (where status in ('ACTIVE', 'DECLINED')),
                               coalesce(sum(amount_minor) filter (where status = 'ACTIVE'), 0)
                          from memberships
                         where campaign_id = :campaign and status in ('ACTIVE', 'DECLINED')
                        """)
                .param("campaign", campaign.value())
                .query((rs, n) -> new Memberships.CampaignStats(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
                .single();
    }

    /** Published campaigns with the most paying patrons. */
    public List<Long> mostSupported(int limit) {
        return jdbc.sql("""
                        select m.campaign_id from memberships m
                         where m.status = 'ACTIVE' and m.amount_minor > 0
                         group by m.campaign_id
                         order by count(*) desc, m.campaign_id
                         limit :limit
                        """).param("limit", limit).query(Long.class).list();
    }
}
