package org.maecenas.campaigns.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.maecenas.campaigns.CampaignId;
import org.maecenas.campaigns.Goal;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class GoalRepository {

    private final JdbcClient jdbc;

    GoalRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(CampaignId campaign, Goal.Kind kind, long target, String description, Instant now) {
        return jdbc.sql("""
                        insert into goals (campaign_id, kind, target, description, position, created_at)
                        values (:campaign, :kind, :target, :description,
                               (select coalesce(max(position), 0) + 1 from goals where campaign_id = :campaign), :now)
                        returning id
                        """)
                .param("campaign", campaign.value())
                .param("kind", kind.name())
                .param("target", target)
                .param("description", description)
                .param("now", Timestamp.from(now))
                .query(Long.class)
                .single();
    }

    public int delete(CampaignId campaign, long goal) {
        return jdbc.sql("delete from goals where id = :id and campaign_id = :campaign")
                .param("id", goal)
                .param("campaign", campaign.value())
                .update();
    }

    public List<Goal> list(CampaignId campaign) {
        return jdbc.sql("select id, campaign_id, kind, target, description, position from goals"
                        + " where campaign_id = :campaign order by position")
                .param("campaign", campaign.value())
                .query((rs, n) -> new Goal(
                        rs.getLong("id"),
                        new CampaignId(rs.getLong("campaign_id")),
                        Goal.Kind.valueOf(rs.getString("kind")),
                        rs.getLong("target"),
                        rs.getString("description"),
                        rs.getInt("position")))
                .list();
    }
}
