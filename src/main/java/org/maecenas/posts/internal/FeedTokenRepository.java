package org.maecenas.posts.internal;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.maecenas.accounts.UserId;
import org.maecenas.campaigns.CampaignId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The secret in each member's private podcast address. */
@Repository
public class FeedTokenRepository {

    /** Whose feed a token opens. */
    public record Owner(UserId user, CampaignId campaign) {}

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;

    FeedTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public String tokenFor(UserId user, CampaignId campaign, Instant now) {
        jdbc.sql("""
                        insert into podcast_feed_tokens (user_id, campaign_id, token, created_at)
                        values (:user, :campaign, :token, :now) on conflict (user_id, campaign_id) do nothing
                        """)
                .param("user", user.value())
                .param("campaign", campaign.value())
                .param("token", newToken())
                .param("now", Timestamp.from(now))
                .update();
        return jdbc.sql("select token from podcast_feed_tokens where user_id = :user and campaign_id = :campaign")
                .param("user", user.value())
                .param("campaign", campaign.value())
                .query(String.class)
                .single();
    }

    /** A new secret; the old address stops working at once. */
    public String reset(UserId user, CampaignId campaign, Instant now) {
        jdbc.sql("delete from podcast_feed_tokens where user_id = :user and campaign_id = :campaign")
                .param("user", user.value())
                .param("campaign", campaign.value())
                .update();
        return tokenFor(user, campaign, now);
    }

    public Optional<Owner> owner(String token) {
        if (token == null || !token.matches("[A-Za-z0-9_-]{43}")) {
            return Optional.empty();
        }
        return jdbc.sql("select user_id, campaign_id from podcast_feed_tokens where token = :token")
                .param("token", token)
                .query((rs, n) -> new Owner(new UserId(rs.getLong(1)), new CampaignId(rs.getLong(2))))
                .optional();
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
