package org.maecenas.notifications.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.maecenas.campaigns.CampaignId;
import org.maecenas.posts.PostId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Published posts whose mail is being queued, and how far each got. Leases are in the database's
 * time, not the application clock: they measure how long a node has been silent.
 */
@Repository
class PostMailingRepository {

    /** A mailing claimed by this node. */
    record Mailing(PostId post, CampaignId campaign, Instant publishedAt, long afterUserId) {}

    private final JdbcClient jdbc;

    PostMailingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Plans the mail of a publish. The same publish told twice plans nothing new; a re-publish (a
     * later time) starts over from the first member, and the outbox's keys skip those already mailed.
     */
    boolean plan(PostId post, CampaignId campaign, Instant publishedAt, Instant now, Duration delay) {
        // held back like a lease (in the database's time, as leases are) until the delay is over
        return jdbc.sql("""
                        insert into post_mailings (post_id, campaign_id, published_at, status, created_at, lease_until)
                        values (:post, :campaign, :publishedAt, 'PENDING', :now,
                                case when :delay > 0 then now() + make_interval(secs => :delay) end)
                        on conflict (post_id) do update
                           set published_at = excluded.published_at, status = 'PENDING', after_user_id = 0,
                               lease_until = excluded.lease_until, finished_at = null
                         where post_mailings.published_at < excluded.published_at
                        """)
                        .param("post", post.value())
                        .param("campaign", campaign.value())
                        .param("publishedAt", Timestamp.from(publishedAt))
                        .param("now", Timestamp.from(now))
                        .param("delay", delay.toMillis() / 1000.0)
                        .update()
                == 1;
    }

    /** Takes one pending mailing no live node holds, for {@code lease}. */
    Optional<Mailing> claim(Duration lease) {
        return jdbc.sql("""
                        update post_mailings set lease_until = now() + cast(:lease as interval)
                         where post_id = (select post_id from post_mailings
                                           where status = 'PENDING' and (lease_until is null or lease_until < now())
                                           order by created_at limit 1 for update skip locked)
                        returning post_id, campaign_id, published_at, after_user_id
                        """)
                .param("lease", lease.toSeconds() + " seconds")
                .query((rs, n) -> new Mailing(
                        new PostId(rs.getLong(1)),
                        new CampaignId(rs.getLong(2)),
                        rs.getTimestamp(3).toInstant(),
                        rs.getLong(4)))
                .optional();
    }

    /**
     * Locks the mailing for a chunk, if it is still where this node left it: a re-publish, or
     * another node that took over after this one's lease ran out, moves it elsewhere.
     */
    boolean stillAt(Mailing mailing, long afterUserId) {
        return jdbc.sql("""
                        select count(*) from (select 1 from post_mailings
                         where post_id = :post and status = 'PENDING' and published_at = :publishedAt
                           and after_user_id = :after for update) held
                        """)
                        .param("post", mailing.post().value())
                        .param("publishedAt", Timestamp.from(mailing.publishedAt()))
                        .param("after", afterUserId)
                        .query(Long.class)
                        .single()
                == 1;
    }

    /** Leaves a mailing alone for a while (its last chunk failed). */
    void holdOff(PostId post, Duration pause) {
        jdbc.sql("update post_mailings set lease_until = now() + cast(:pause as interval) where post_id = :post")
                .param("pause", pause.toSeconds() + " seconds")
                .param("post", post.value())
                .update();
    }

    /** Records a chunk: how far, how many queued; renews the lease or finishes. */
    void advance(PostId post, long afterUserId, int queued, boolean done, Duration lease, Instant now) {
        jdbc.sql("""
                        update post_mailings
                           set after_user_id = :after, queued = queued + :queued,
                               lease_until = case when :done then null else now() + cast(:lease as interval) end,
                               status = case when :done then 'DONE' else 'PENDING' end,
                               finished_at = case when :done then cast(:now as timestamptz) end
                         where post_id = :post
                        """)
                .param("after", afterUserId)
                .param("queued", queued)
                .param("done", done)
                .param("lease", lease.toSeconds() + " seconds")
                .param("now", Timestamp.from(now))
                .param("post", post.value())
                .update();
    }
}
