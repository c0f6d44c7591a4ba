package org.maecenas.campaigns.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.maecenas.campaigns.CampaignId;
import org.maecenas.campaigns.Tier;
import org.maecenas.campaigns.TierDraft;
import org.maecenas.campaigns.TierId;
import org.maecenas.money.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class TierRepository {

    private static final String SELECT = """
            select id, campaign_id, title, description, amount_minor, currency, patron_limit, benefits,
                   welcome_note, published, position
              from tiers
            """;

    private final JdbcClient jdbc;

    TierRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public TierId insert(CampaignId campaign, TierDraft draft, String currency, Instant now) {
        long id = jdbc.sql("""
                        insert into tiers (campaign_id, title, description, amount_minor, currency, patron_limit,
                               benefits, welcome_note, published, position, created_at, updated_at)
                        values (:campaign, :title, :description, :amount, :currency, :limit, :benefits, :welcome,
                               :published,
                               (select coalesce(max(position), 0) + 1 from tiers where campaign_id = :campaign),
                               :now, :now)
                        returning id
                        """)
                .param("campaign", campaign.value())
                .param("title", draft.title())
                .param("description", draft.description())
                .param("amount", draft.amountMinor())
                .param("currency", currency)
                .param("limit", draft.patronLimit())
                .param("benefits", draft.benefits().toArray(String[]::new))
                .param("welcome", draft.welcomeNote())
                .param("published", draft.published())
                .param("now", Timestamp.from(now))
                .query(Long.class)
                .single();
        return new TierId(id);
    }

    public int update(CampaignId campaign, TierId tier, TierDraft draft, Instant now) {
        return jdbc.sql("""
                        update tiers set title = :title, description = :description, amount_minor = :amount,
                               patron_limit = :limit, benefits = :benefits, welcome_note = :welcome,
                               published = :published, updated_at = :now
                         where id = :id and campaign_id = :campaign
                        """)
                .param("title", draft.title())
                .param("description", draft.description())
                .param("amount", draft.amountMinor())
                .param("limit", draft.patronLimit())
                .param("benefits", draft.benefits().toArray(String[]::new))
                .param("welcome", draft.welcomeNote())
                .param("published", draft.published())
                .param("now", Timestamp.from(now))
                .param("id", tier.value())
                .param("campaign", campaign.value())
                .update();
    }

    public int delete(CampaignId campaign, TierId tier) {
        return jdbc.sql("delete from tiers where id = :id and campaign_id = :campaign")
                .param("id", tier.value())
                .param("campaign", campaign.value())
                .update();
    }

    /** Swaps a tier with its neighbour above (-1) or below (+1). */
    public void move(CampaignId campaign, TierId tier, int direction) {
        jdbc.sql("""
                        with me as (select id, position from tiers where id = :id and campaign_id = :campaign),
                             other as (
                                 select t.id, t.position from tiers t, me
                                  where t.campaign_id = :campaign
                                    and (case when :direction < 0 then t.position < me.position
                                              else t.position > me.position end)
                                  order by case when :direction < 0 then -t.position else t.position end
                                  limit 1)
                        update tiers t set position = case when t.id = me.id then other.position else me.position end
                          from me, other
                         where t.id in (me.id, other.id)
                        """)
                .param("id", tier.value())
                .param("campaign", campaign.value())
                .param("direction", direction)
                .update();
    }

    public List<Tier> list(CampaignId campaign, boolean includeUnpublished) {
        return jdbc.sql(SELECT
                        + " where campaign_id = :campaign and (published or :all) order by amount_minor, position")
                .param("campaign", campaign.value())
                .param("all", includeUnpublished)
                .query(TierRepository::tier)
                .list();
    }

    public Optional<Tier> find(CampaignId campaign, TierId tier) {
        return jdbc.sql(SELECT + " where id = :id and campaign_id = :campaign")
                .param("id", tier.value())
                .param("campaign", campaign.value())
                .query(TierRepository::tier)
                .optional();
    }

    public Optional<Tier> findAnywhere(TierId tier) {
        return jdbc.sql(SELECT + " where id = :id")
                .param("id", tier.value())
                .query(TierRepository::tier)
                .optional();
    }

    static Tier tier(ResultSet rs, int row) throws SQLException {
        String[] benefits = (String[]) rs.getArray("benefits").getArray();
        return new Tier(
                new TierId(rs.getLong("id")),
                new CampaignId(rs.getLong("campaign_id")),
                rs.getString("title"),
                rs.getString("description"),
                Money.of(rs.getLong("amount_minor"), rs.getString("currency")),
                (Integer) rs.getObject("patron_limit"),
                List.copyOf(Arrays.asList(benefits)),
                rs.getString("welcome_note"),
                rs.getBoolean("published"),
                rs.getInt("position"));
    }
}
