package org.maecenas.posts.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.maecenas.campaigns.CampaignId;
import org.maecenas.campaigns.TierId;
import org.maecenas.posts.Access;
import org.maecenas.posts.Post;
import org.maecenas.posts.PostDraft;
import org.maecenas.posts.PostId;
import org.maecenas.posts.PostKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Posts and their attachments. Every change names the campaign in its WHERE clause. */
@Repository
public class PostRepository {

    static final String COLUMNS = """
            p.id, p.campaign_id, p.title, p.slug, p.body_markdown, p.body_html, p.teaser, p.kind, p.video_url,
            p.link_url, p.access, p.min_tier_id, p.charge_patrons, p.status, p.scheduled_at, p.published_at,
            p.deleted_at, p.comments_locked, p.created_at, p.updated_at""";

    /** Rendered content of a draft, computed once at save time. */
    public record Rendered(String slug, String html, String teaser) {}

    private final JdbcClient jdbc;

    PostRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public PostId insert(CampaignId campaign, PostDraft draft, Rendered rendered, Instant now) {
        return new PostId(jdbc.sql("""
                        insert into posts (campaign_id, title, slug, body_markdown, body_html, teaser, kind, video_url,
                               link_url, access, min_tier_id, charge_patrons, status, created_at, updated_at)
                        values (:campaign, :title, :slug, :body, :html, :teaser, :kind, :video, :link, :access,
                               :tier, :charge, 'DRAFT', :now, :now)
                        returning id
                        """)
                .params(params(draft, rendered))
                .param("campaign", campaign.value())
                .param("now", Timestamp.from(now))
                .query(Long.class)
                .single());
    }

    /** Updates content; the charge flag is kept once a post has been published (it was billed by it). */
    public int update(CampaignId campaign, PostId post, PostDraft draft, Rendered rendered, Instant now) {
        return jdbc.sql("""
                        update posts set title = :title, slug = :slug, body_markdown = :body, body_html = :html,
                               teaser = :teaser, kind = :kind, video_url = :video, link_url = :link, access = :access,
                               min_tier_id = :tier,
                               charge_patrons = case when status = 'PUBLISHED' then charge_patrons else :charge end,
                               updated_at = :now
                         where id = :id and campaign_id = :campaign and deleted_at is null
                        """)
                .params(params(draft, rendered))
                .param("campaign", campaign.value())
                .param("id", post.value())
                .param("now", Timestamp.from(now))
                .update();
    }

    public int publish(CampaignId campaign, PostId post, Instant now) {
        return jdbc.sql("""
                        update posts set status = 'PUBLISHED', published_at = :now, scheduled_at = null, updated_at = :now
                         where id = :id and campaign_id = :campaign and status in ('DRAFT', 'SCHEDULED')
                           and deleted_at is null
                        """)
                .param("id", post.value())
                .param("campaign", campaign.value())
                .param("now", Timestamp.from(now))
                .update();
    }

    public int schedule(CampaignId campaign, PostId post, Instant at, Instant now) {
        return jdbc.sql("""
                        update posts set status = 'SCHEDULED', scheduled_at = :at, updated_at = :now
                         where id = :id and campaign_id = :campaign and status in ('DRAFT', 'SCHEDULED')
                           and deleted_at is null
                        """)
                .param("id", post.value())
                .param("campaign", campaign.value())
                .param("at", Timestamp.from(at))
                .param("now", Timestamp.from(now))
                .update();
    }

    public int unpublish(CampaignId campaign, PostId post, Instant now) {
        return jdbc.sql("""
                        update posts set status = 'DRAFT', published_at = null, scheduled_at = null, updated_at = :now
                         where id = :id and campaign_id = :campaign and status in ('PUBLISHED', 'SCHEDULED')
                           and deleted_at is null
                        """)
                .param("id", post.value())
                .param("campaign", campaign.value())
                .param("now", Timestamp.from(now))
                .update();
    }

    public int delete(CampaignId campaign, PostId post, Instant now) {
        return jdbc.sql("""
                        update posts set deleted_at = :now, updated_at = :now
                         where id = :id and campaign_id = :campaign and deleted_at is null
                        """)
                .param("id", post.value())
                .param("campaign", campaign.value())
                .param("now", Timestamp.from(now))
                .update();
    }

    public int lockComments(CampaignId campaign, PostId post, boolean locked) {
        return jdbc.sql("update posts set comments_locked = :locked where id = :id and campaign_id = :campaign")
                .param("locked", locked)
                .param("id", post.value())
                .param("campaign", campaign.value())
                .update();
    }

    /** Serialises paid publishing per campaign, so the monthly limit holds under concurrent requests. */
    public void lockCampaignForPublishing(CampaignId campaign) {
        jdbc.sql("select pg_advisory_xact_lock(7001, :campaign::int)")
                .param("campaign", campaign.value())
                .query()
                .singleRow();
    }

    public int paidPublishedSince(CampaignId campaign, Instant since) {
        return jdbc.sql("""
                        select count(*) from posts
                         where campaign_id = :campaign and charge_patrons and status = 'PUBLISHED'
                           and deleted_at is null and published_at >= :since
                        """)
                .param("campaign", campaign.value())
                .param("since", Timestamp.from(since))
                .query(Integer.class)
                .single();
    }

    public Optional<Post> find(PostId id) {
        return jdbc.sql("select " + COLUMNS + " from posts p where p.id = :id")
                .param("id", id.value())
                .query(PostRepository::post)
                .optional();
    }

    public List<Post> published(
            CampaignId campaign, @Nullable PostKind kind, @Nullable Access access, int limit, int offset) {
        return jdbc.sql("select " + COLUMNS + """
                         from posts p
                        where p.campaign_id = :campaign and p.status = 'PUBLISHED' and p.deleted_at is null
                          and (cast(:kind as text) is null or p.kind = :kind)
                          and (cast(:access as text) is null or p.access = :access)
                        order by p.published_at desc, p.id desc
                        limit :limit offset :offset
                        """)
                .param("campaign", campaign.value())
                .param("kind", kind == null ? null : kind.name())
                .param("access", access == null ? null : access.name())
                .param("limit", limit)
                .param("offset", offset)
                .query(PostRepository::post)
                .list();
    }

    public long countPublished(CampaignId campaign, @Nullable PostKind kind, @Nullable Access access) {
        return jdbc.sql("""
                        select count(*) from posts p
                         where p.campaign_id = :campaign and p.status = 'PUBLISHED' and p.deleted_at is null
                           and (cast(:kind as text) is null or p.kind = :kind)
                           and (cast(:access as text) is null or p.access = :access)
                        """)
                .param("campaign", campaign.value())
                .param("kind", kind == null ? null : kind.name())
                .param("access", access == null ? null : access.name())
                .query(Long.class)
                .single();
    }

    /** Every post of a campaign that isn't deleted, newest change first (the creator's workspace). */
    public List<Post> forWorkspace(CampaignId campaign, int limit) {
        return jdbc.sql("select " + COLUMNS + """
                         from posts p where p.campaign_id = :campaign and p.deleted_at is null
                        order by p.updated_at desc limit :limit
                        """)
                .param("campaign", campaign.value())
                .param("limit", limit)
                .query(PostRepository::post)
                .list();
    }

    /** Published posts of several campaigns, newest first (a reader's home feed). */
    public List<Post> feed(List<Long> campaigns, int limit, int offset) {
        if (campaigns.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + """
                         from posts p
                        where p.campaign_id = any(:campaigns) and p.status = 'PUBLISHED' and p.deleted_at is null
                        order by p.published_at desc, p.id desc
                        limit :limit offset :offset
                        """)
                .param("campaigns", campaigns.toArray(Long[]::new))
                .param("limit", limit)
                .param("offset", offset)
                .query(PostRepository::post)
                .list();
    }

    /**
     * Published posts whose titles match the words or are close in spelling, best first. Runs in a
     * transaction: like the creators' search, it lowers the trigram threshold for itself only.
     */
    /**
     * Published posts whose titles match the words, best first; only when the words find fewer than
     * {@code limit}, titles close in spelling (a typo) fill up the list. Matching by words is cheap;
     * comparing trigrams of thousands of titles is not, so it is the fallback.
     */
    public List<Post> search(String query, int limit) {
        List<Post> found = new ArrayList<>(jdbc.sql("select " + COLUMNS + """
                         from posts p
                        where p.status = 'PUBLISHED' and p.deleted_at is null
                          and p.search @@ websearch_to_tsquery('english', :q)
                        order by ts_rank(p.search, websearch_to_tsquery('english', :q)) desc, p.published_at desc
                        limit :limit
                        """)
                .param("q", query)
                .param("limit", limit)
                .query(PostRepository::post)
                .list());
        if (found.size() < limit) {
            jdbc.sql("set local pg_trgm.word_similarity_threshold = 0.5").update();
            found.addAll(jdbc.sql("select " + COLUMNS + """
                             from posts p
                            where p.status = 'PUBLISHED' and p.deleted_at is null
                              and :lower <% lower(p.title)
                              and not (p.search @@ websearch_to_tsquery('english', :q))
                            order by word_similarity(:lower, lower(p.title)) desc, p.published_at desc
                            limit :limit
                            """)
                    .param("q", query)
                    .param("lower", query.toLowerCase(java.util.Locale.ROOT))
                    .param("limit", limit - found.size())
                    .query(PostRepository::post)
                    .list());
        }
        return found;
    }

    public List<PostId> dueScheduled(Instant now, int limit) {
        return jdbc.sql("""
                        select id from posts
                         where status = 'SCHEDULED' and scheduled_at <= :now and deleted_at is null
                         order by scheduled_at limit :limit
                        """)
                .param("now", Timestamp.from(now))
                .param("limit", limit)
                .query((rs, n) -> new PostId(rs.getLong(1)))
                .list();
    }

    public void attach(PostId post, long media) {
        jdbc.sql("""
                        insert into post_attachments (post_id, media_id, position)
                        values (:post, :media, (select coalesce(max(position), 0) + 1 from post_attachments where post_id = :post))
                        on conflict do nothing
                        """).param("post", post.value()).param("media", media).update();
    }

    public int detach(PostId post, long media) {
        return jdbc.sql("delete from post_attachments where post_id = :post and media_id = :media")
                .param("post", post.value())
                .param("media", media)
                .update();
    }

    /** Attachment media ids per post, in order. */
    public Map<Long, List<Long>> attachmentIds(List<PostId> posts) {
        Map<Long, List<Long>> byPost = new HashMap<>();
        if (posts.isEmpty()) {
            return byPost;
        }
        jdbc.sql(
                        "select post_id, media_id from post_attachments where post_id = any(:posts) order by post_id, position")
                .param("posts", posts.stream().map(PostId::value).toArray(Long[]::new))
                .query((rs, n) -> byPost.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                        .add(rs.getLong(2)))
                .list();
        return byPost;
    }

    private static Map<String, Object> params(PostDraft draft, Rendered rendered) {
        Map<String, Object> params = new HashMap<>();
        params.put("title", draft.title());
        params.put("slug", rendered.slug());
        params.put("body", draft.body());
        params.put("html", rendered.html());
        params.put("teaser", rendered.teaser());
        params.put("kind", draft.kind().name());
        params.put("video", draft.videoUrl());
        params.put("link", draft.linkUrl());
        params.put("access", draft.access().name());
        params.put("tier", draft.minTier() == null ? null : draft.minTier().value());
        params.put("charge", draft.chargePatrons());
        return params;
    }

    static Post post(ResultSet rs, int row) throws SQLException {
        Long tier = (Long) rs.getObject("min_tier_id");
        return new Post(
                new PostId(rs.getLong("id")),
                new CampaignId(rs.getLong("campaign_id")),
                rs.getString("title"),
                rs.getString("slug"),
                rs.getString("body_markdown"),
                rs.getString("body_html"),
                rs.getString("teaser"),
                PostKind.valueOf(rs.getString("kind")),
                rs.getString("video_url"),
                rs.getString("link_url"),
                Access.valueOf(rs.getString("access")),
                tier == null ? null : new TierId(tier),
                rs.getBoolean("charge_patrons"),
                Post.Status.valueOf(rs.getString("status")),
                instant(rs, "scheduled_at"),
                instant(rs, "published_at"),
                instant(rs, "deleted_at"),
                rs.getBoolean("comments_locked"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(),
                List.of());
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
