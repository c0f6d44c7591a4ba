package org.maecenas.bench;

/**
 * The statements the application runs for the three measured pages, copied from its repositories
 * (named parameters turned into {@code ?}). Keep them in step with
 * {@code CampaignRepository}, {@code TierRepository}, {@code GoalRepository}, {@code PostRepository},
 * {@code CommentRepository} and {@code MembershipRepository}.
 */
final class Sql {

    private Sql() {}

    /** CampaignRepository.SELECT */
    static final String CAMPAIGN_SELECT = """
            select c.id, c.owner_user_id, c.slug, c.name, c.one_liner, c.summary_markdown, c.summary_html,
                   c.avatar_media_id, c.banner_media_id, c.intro_video_url, c.currency, c.billing_model,
                   c.creation_noun, c.patron_count_public, c.earnings_public, c.adult, c.status, c.featured,
                   c.annual_discount_pct, c.paid_posts_per_month, c.created_at, c.published_at,
                   a.sha256 as avatar_sha, a.content_type as avatar_type,
                   b.sha256 as banner_sha, b.content_type as banner_type
              from campaigns c
              left join media a on a.id = c.avatar_media_id
              left join media b on b.id = c.banner_media_id
            """;

    /** CampaignRepository.findBySlug */
    static final String CAMPAIGN_BY_SLUG = CAMPAIGN_SELECT + " where c.slug = ?";

    /** CampaignRepository.byIds */
    static final String CAMPAIGNS_BY_IDS = CAMPAIGN_SELECT + " where c.id = any(?)";

    /** CampaignRepository.search, by words: query, query, limit */
    static final String CAMPAIGN_SEARCH = CAMPAIGN_SELECT + """
             where c.status = 'PUBLISHED' and c.search @@ websearch_to_tsquery('english', ?)
             order by ts_rank(c.search, websearch_to_tsquery('english', ?)) desc, c.id
             limit ?
            """;

    /** CampaignRepository.search, the typo fallback: lower-cased query, query, lower-cased query, limit */
    static final String CAMPAIGN_SEARCH_TYPOS = CAMPAIGN_SELECT + """
             where c.status = 'PUBLISHED' and ? <% c.search_text
               and not (c.search @@ websearch_to_tsquery('english', ?))
             order by word_similarity(?, c.search_text) desc, c.id
             limit ?
            """;

    static final String TYPO_TOLERANCE = "set local pg_trgm.word_similarity_threshold = 0.5";

    /** MembershipRepository.payingPatrons */
    static final String PAYING_PATRONS = """
            select count(*) from memberships
             where campaign_id = ? and status = 'ACTIVE' and amount_minor > 0
            """;

    /** MembershipRepository.members */
    static final String MEMBERS = "select count(*) from memberships where campaign_id = ? and status <> 'CANCELLED'";

    /** MembershipRepository.monthlyAmount */
    static final String MONTHLY_AMOUNT = """
            select coalesce(sum(amount_minor), 0) from memberships
             where campaign_id = ? and status = 'ACTIVE'
            """;

    /** GoalRepository.list */
    static final String GOALS = "select id, campaign_id, kind, target, description, position from goals"
            + " where campaign_id = ? order by position";

    /** TierRepository.list: campaign, include unpublished */
    static final String TIERS = """
            select id, campaign_id, title, description, amount_minor, currency, patron_limit, benefits,
                   welcome_note, published, position
              from tiers
            """ + " where campaign_id = ? and (published or ?) order by amount_minor, position";

    /** PostRepository.COLUMNS */
    static final String POST_COLUMNS = """
            p.id, p.campaign_id, p.title, p.slug, p.body_markdown, p.body_html, p.teaser, p.kind, p.video_url,
            p.link_url, p.access, p.min_tier_id, p.charge_patrons, p.status, p.scheduled_at, p.published_at,
            p.deleted_at, p.comments_locked, p.created_at, p.updated_at""";

    /** PostRepository.find */
    static final String POST_BY_ID = "select " + POST_COLUMNS + " from posts p where p.id = ?";

    /** PostRepository.published: campaign, kind, kind, access, access, limit, offset */
    static final String POSTS_PUBLISHED = "select " + POST_COLUMNS + """
             from posts p
            where p.campaign_id = ? and p.status = 'PUBLISHED' and p.deleted_at is null
              and (cast(? as text) is null or p.kind = ?)
              and (cast(? as text) is null or p.access = ?)
            order by p.published_at desc, p.id desc
            limit ? offset ?
            """;

    /** PostRepository.countPublished: campaign, kind, kind, access, access */
    static final String POSTS_COUNT = """
            select count(*) from posts p
             where p.campaign_id = ? and p.status = 'PUBLISHED' and p.deleted_at is null
               and (cast(? as text) is null or p.kind = ?)
               and (cast(? as text) is null or p.access = ?)
            """;

    /** PostRepository.search, by words: query, query, limit */
    static final String POSTS_SEARCH = "select " + POST_COLUMNS + """
             from posts p
            where p.status = 'PUBLISHED' and p.deleted_at is null
              and p.search @@ websearch_to_tsquery('english', ?)
            order by ts_rank(p.search, websearch_to_tsquery('english', ?)) desc, p.published_at desc
            limit ?
            """;

    /** PostRepository.search, the typo fallback: lower-cased query, query, lower-cased query, limit */
    static final String POSTS_SEARCH_TYPOS = "select " + POST_COLUMNS + """
             from posts p
            where p.status = 'PUBLISHED' and p.deleted_at is null
              and ? <% lower(p.title)
              and not (p.search @@ websearch_to_tsquery('english', ?))
            order by word_similarity(?, lower(p.title)) desc, p.published_at desc
            limit ?
            """;

    /** PostRepository.attachmentIds */
    static final String ATTACHMENT_IDS =
            "select post_id, media_id from post_attachments where post_id = any(?) order by post_id, position";

    /** CommentRepository.count */
    static final String COMMENT_COUNT = "select comment_count from posts where id = ?";
}
