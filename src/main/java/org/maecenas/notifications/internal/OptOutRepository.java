package org.maecenas.notifications.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.maecenas.accounts.UserId;
import org.maecenas.campaigns.CampaignId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Who wants no post mail: from one creator, or (campaign null) from anyone. */
@Repository
public class OptOutRepository {

    private final JdbcClient jdbc;

    OptOutRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Opts out of one creator's post mail, or of all with a null campaign. Twice is once. */
    public void optOut(UserId user, @Nullable CampaignId campaign, Instant now) {
        jdbc.sql("""
                        insert into post_mail_optouts (user_id, campaign_id, created_at) values (:user, :campaign, :now)
                        on conflict (user_id, (coalesce(campaign_id, 0))) do nothing
                        """)
                .param("user", user.value())
                .param("campaign", campaign == null ? null : campaign.value())
                .param("now", Timestamp.from(now))
                .update();
    }

    public void optIn(UserId user, @Nullable CampaignId campaign) {
        jdbc.sql("delete from post_mail_optouts where user_id = :user and coalesce(campaign_id, 0) = :campaign")
                .param("user", user.value())
                .param("campaign", campaign == null ? 0L : campaign.value())
                .update();
    }

    /** The creators this person opted out of; 0 stands for "everyone". */
    public Set<Long> of(UserId user) {
        return new HashSet<>(jdbc.sql("select coalesce(campaign_id, 0) from post_mail_optouts where user_id = :user")
                .param("user", user.value())
                .query(Long.class)
                .list());
    }

    /** Of these members, those who want no post mail from this creator. */
    public Set<UserId> among(CampaignId campaign, Collection<UserId> users) {
        if (users.isEmpty()) {
            return Set.of();
        }
        Set<UserId> out = new HashSet<>();
        jdbc.sql("""
                        select distinct user_id from post_mail_optouts
                         where user_id = any(:users) and (campaign_id = :campaign or campaign_id is null)
                        """)
                .param("users", users.stream().map(UserId::value).toArray(Long[]::new))
                .param("campaign", campaign.value())
                .query((rs, n) -> out.add(new UserId(rs.getLong(1))))
                .list();
        return out;
    }
}
