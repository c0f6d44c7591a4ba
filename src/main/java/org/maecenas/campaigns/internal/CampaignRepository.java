package org.maecenas.campaigns.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.maecenas.campaigns.BillingModel;
import org.maecenas.campaigns.Campaign;
import org.maecenas.campaigns.CampaignDraft;
import org.maecenas.campaigns.CampaignId;
import org.maecenas.campaigns.PostMail;
import org.maecenas.media.MediaId;
import org.maecenas.media.StoredMedia;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Creator pages. Every change names the owner in its WHERE clause. */
@Repository
public class CampaignRepository {

    static final String SELECT = """
            select c.id, c.owner_user_id, c.slug, c.name, c.one_liner, c.summary_markdown, c.summary_html,
                   c.avatar_media_id, c.banner_media_id, c.intro_video_url, c.currency, c.billing_model,
                   c.creation_noun, c.patron_count_public, c.earnings_public, c.adult, c.status, c.featured,
                   c.annual_discount_pct, c.paid_posts_per_month, c.created_at, c.published_at, c.post_mail,
                   a.sha256 as avatar_sha, a.content_type as avatar_type,
                   b.sha256 as banner_sha, b.content_type as banner_type
              from campaigns c
              left join media a on a.id = c.avatar_media_id
              left join media b on b.id = c.banner_media_id
            """;

    /**
     * pg_trgm's default word similarity (0.6) misses one slip in a short word ("podcst" is 0.57 of
     * "podcast"); 0.5 still keeps unrelated words apart.
     */
    static final String TYPO_TOLERANCE = "set local pg_trgm.word_similarity_threshold = 0.5";

    private final JdbcClient jdbc;

    CampaignRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public CampaignId insert(long ownerUserId, CampaignDraft draft, String summaryHtml, Instant now) {
        long id = jdbc.sql("""
                        insert into campaigns (owner_user_id, slug, name, one_liner, summary_markdown, summary_html,
                               intro_video_url, currency, billing_model, creation_noun, patron_count_public,
                               earnings_public, adult, status, annual_discount_pct, created_at, updated_at)
                        values (:owner, :slug, :name, :oneLiner, :summary, :html, :video, :currency, :model, :noun,
                               :countPublic, :earningsPublic, :adult, 'DRAFT', :discount, :now, :now)
                        returning id
                        """)
                .param("owner", ownerUserId)
                .params(draftParams(draft, summaryHtml))
                .param("now", Timestamp.from(now))
                .query(Long.class)
                .single();
        return new CampaignId(id);
    }

    public void update(CampaignId id, long ownerUserId, CampaignDraft draft, String summaryHtml, Instant now) {
        jdbc.sql("""
                        update campaigns set slug = :slug, name = :name, one_liner = :oneLiner,
                               summary_markdown = :summary, summary_html = :html, intro_video_url = :video,
                               currency = :currency, billing_model = :model, creation_noun = :noun,
                               patron_count_public = :countPublic, earnings_public = :earningsPublic,
                               adult = :adult, annual_discount_pct = :discount, updated_at = :now
                         where id = :id and owner_user_id = :owner
                        """)
                .params(draftParams(draft, summaryHtml))
                .param("now", Timestamp.from(now))
                .param("id", id.value())
                .param("owner", ownerUserId)
                .update();
    }

    public void setImage(CampaignId id, long ownerUserId, String column, MediaId media, Instant now) {
        String sql = switch (column) {
            case "avatar" -> "update campaigns set avatar_media_id = :media, updated_at = :now";
            case "banner" -> "update campaigns set banner_media_id = :media, updated_at = :now";
            default -> throw new IllegalArgumentException(column);
        };
        jdbc.sql(sql + " where id = :id and owner_user_id = :owner")
                .param("media", media.value())
                .param("now", Timestamp.from(now))
                .param("id", id.value())
                .param("owner", ownerUserId)
                .update();
    }

    public void setPublished(CampaignId id, long ownerUserId, boolean published, Instant now) {
        jdbc.sql("""
                        update campaigns set status = :status, updated_at = :now,
                               published_at = case when :published then coalesce(published_at, :now) else published_at end
                         where id = :id and owner_user_id = :owner
                        """)
                .param("status", published ? "PUBLISHED" : "DRAFT")
                .param("published", published)
                .param("now", Timestamp.from(now))
                .param("id", id.value())
                .param("owner", ownerUserId)
                .update();
    }

    public void setPostMail(CampaignId id, long ownerUserId, PostMail postMail, Instant now) {
        jdbc.sql("update campaigns set post_mail = :mail, updated_at = :now where id = :id and owner_user_id = :owner")
                .param("mail", postMail.name())
                .param("now", Timestamp.from(now))
                .param("id", id.value())
                .param("owner", ownerUserId)
                .update();
    }

    public void setFeatured(CampaignId id, boolean featured, Instant now) {
        jdbc.sql("""
                        update campaigns set featured = :featured,
                               featured_at = case when :featured then cast(:now as timestamptz) end
                         where id = :id
                        """)
                .param("featured", featured)
                .param("now", Timestamp.from(now))
                .param("id", id.value())
                .update();
    }

    public Optional<Campaign> find(CampaignId id) {
        return jdbc.sql(SELECT + " where c.id = :id")
                .param("id", id.value())
                .query(CampaignRepository::campaign)
                .optional();
    }

    public Optional<Campaign> findBySlug(String slug) {
        return jdbc.sql(SELECT + " where c.slug = :slug")
                .param("slug", slug)
                .query(CampaignRepository::campaign)
                .optional();
    }

    public Optional<Campaign> findByOwner(long ownerUserId) {
        return jdbc.sql(SELECT + " where c.owner_user_id = :owner")
                .param("owner", ownerUserId)
                .query(CampaignRepository::campaign)
                .optional();
    }

    public boolean slugTaken(String slug, long exceptOwner) {
        return jdbc.sql("select exists (select 1 from campaigns where slug = :slug and owner_user_id <> :owner)")
                .param("slug", slug)
                .param("owner", exceptOwner)
                .query(Boolean.class)
                .single();
    }

    public List<Campaign> featured(int limit) {
        return jdbc.sql(SELECT
                        + " where c.featured and c.status = 'PUBLISHED' order by c.featured_at desc limit :limit")
                .param("limit", limit)
                .query(CampaignRepository::campaign)
                .list();
    }

    public List<Campaign> newest(int limit) {
        return jdbc.sql(SELECT + " where c.status = 'PUBLISHED' order by c.published_at desc, c.id desc limit :limit")
                .param("limit", limit)
                .query(CampaignRepository::campaign)
                .list();
    }

    public List<Campaign> byIds(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT + " where c.id = any(:ids)")
                .param("ids", ids.toArray(Long[]::new))
                .query(CampaignRepository::campaign)
                .list();
    }

    /**
     * Published pages matching words (full text) or close in spelling (trigrams), best first. Runs
     * in a transaction: it lowers the trigram threshold for itself only.
     */
    public List<Campaign> search(String query, int limit) {
        // words first (GIN index); names and one-liners close in spelling only fill up a short list
        List<Campaign> found = new java.util.ArrayList<>(jdbc.sql(SELECT + """
                         where c.status = 'PUBLISHED' and c.search @@ websearch_to_tsquery('english', :q)
                         order by ts_rank(c.search, websearch_to_tsquery('english', :q)) desc, c.id
                         limit :limit
                        """)
                .param("q", query)
                .param("limit", limit)
                .query(CampaignRepository::campaign)
                .list());
        if (found.size() < limit) {
            jdbc.sql(TYPO_TOLERANCE).update();
            found.addAll(jdbc.sql(SELECT + """
                             where c.status = 'PUBLISHED' and :lower <% c.search_text
                               and not (c.search @@ websearch_to_tsquery('english', :q))
                             order by word_similarity(:lower, c.search_text) desc, c.id
                             limit :limit
                            """)
                    .param("q", query)
                    .param("lower", query.toLowerCase(java.util.Locale.ROOT))
                    .param("limit", limit - found.size())
                    .query(CampaignRepository::campaign)
                    .list());
        }
        return found;
    }

    public List<Campaign> all(int limit, int offset) {
        return jdbc.sql(SELECT + " order by c.id desc limit :limit offset :offset")
                .param("limit", limit)
                .param("offset", offset)
                .query(CampaignRepository::campaign)
                .list();
    }

    private static java.util.Map<String, Object> draftParams(CampaignDraft draft, String summaryHtml) {
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        params.put("slug", draft.slug());
        params.put("name", draft.name());
        params.put("oneLiner", draft.oneLiner());
        params.put("summary", draft.summary());
        params.put("html", summaryHtml);
        params.put("video", draft.introVideoUrl());
        params.put("currency", draft.currency());
        params.put("model", draft.billingModel().name());
        params.put("noun", draft.creationNoun());
        params.put("countPublic", draft.patronCountPublic());
        params.put("earningsPublic", draft.earningsPublic());
        params.put("adult", draft.adult());
        params.put("discount", draft.annualDiscountPercent());
        return params;
    }

    static Campaign campaign(ResultSet rs, int row) throws SQLException {
        Long avatar = (Long) rs.getObject("avatar_media_id");
        Long banner = (Long) rs.getObject("banner_media_id");
        Timestamp published = rs.getTimestamp("published_at");
        return new Campaign(
                new CampaignId(rs.getLong("id")),
                rs.getLong("owner_user_id"),
                rs.getString("slug"),
                rs.getString("name"),
                rs.getString("one_liner"),
                rs.getString("summary_markdown"),
                rs.getString("summary_html"),
                avatar == null ? null : new MediaId(avatar),
                avatar == null
                        ? null
                        : StoredMedia.publicUrl(avatar, rs.getString("avatar_sha"), rs.getString("avatar_type")),
                banner == null ? null : new MediaId(banner),
                banner == null
                        ? null
                        : StoredMedia.publicUrl(banner, rs.getString("banner_sha"), rs.getString("banner_type")),
                rs.getString("intro_video_url"),
                Currency.getInstance(rs.getString("currency")),
                BillingModel.valueOf(rs.getString("billing_model")),
                rs.getString("creation_noun"),
                rs.getBoolean("patron_count_public"),
                rs.getBoolean("earnings_public"),
                rs.getBoolean("adult"),
                "PUBLISHED".equals(rs.getString("status")),
                rs.getBoolean("featured"),
                rs.getInt("annual_discount_pct"),
                rs.getInt("paid_posts_per_month"),
                rs.getTimestamp("created_at").toInstant(),
                published == null ? null : published.toInstant(),
                PostMail.valueOf(rs.getString("post_mail")));
    }
}
