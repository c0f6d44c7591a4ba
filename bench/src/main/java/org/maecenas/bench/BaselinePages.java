package org.maecenas.bench;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The baseline's pages for an anonymous reader: the application's statements, each run once a
 * request (where the application repeats a lookup per row, the baseline asks once for all rows),
 * and HTML written by hand with the same content as the application's templates.
 */
final class BaselinePages {

    record Page(String html, String redirect) {}

    record Campaign(
            long id,
            String slug,
            String name,
            String oneLiner,
            String summaryHtml,
            Currency currency,
            boolean perCreation,
            String creationNoun,
            boolean patronCountPublic,
            boolean adult,
            boolean published) {}

    record Post(
            long id,
            long campaignId,
            String title,
            String slug,
            String bodyHtml,
            String teaser,
            String kind,
            String videoUrl,
            String linkUrl,
            String access,
            Long minTierId,
            boolean published,
            boolean deleted,
            Instant publishedAt) {

        String path(String campaignSlug) {
            return "/" + campaignSlug + "/posts/" + id + (slug.isEmpty() ? "" : "-" + slug);
        }
    }

    record Tier(long id, String title, String description, long amountMinor, Integer patronLimit, String[] benefits) {}

    record Goal(String kind, long target, String description) {}

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("d MMM yyyy").withZone(ZoneOffset.UTC);

    // ---- pages ----

    Page creator(Connection db, String slug) throws SQLException {
        Campaign c = campaignBySlug(db, slug);
        if (c == null || !c.published()) {
            return null;
        }
        long patrons = count(db, Sql.PAYING_PATRONS, c.id());
        long monthly = count(db, Sql.MONTHLY_AMOUNT, c.id());
        List<Goal> goals = goals(db, c.id());
        List<Post> recent = published(db, c.id(), 6);
        attachmentIds(db, recent.stream().map(Post::id).toList());
        List<Tier> tiers = tiers(db, c.id(), false);
        long postCount = countPosts(db, c.id());
        // members is part of the application's stats record even though the page doesn't show it
        count(db, Sql.MEMBERS, c.id());
        Map<Long, Tier> allTiers =
                recent.stream().anyMatch(p -> p.access().equals("TIER")) ? byId(tiers(db, c.id(), true)) : Map.of();

        StringBuilder h = new StringBuilder(16_384);
        layoutStart(h, c.name(), c.oneLiner(), "/" + c.slug());
        h.append("<header class=\"creator-header\"><div class=\"creator-title\"><div><h1>")
                .append(esc(c.name()))
                .append("</h1>");
        if (!c.oneLiner().isEmpty()) {
            h.append("<p class=\"lede\">").append(esc(c.oneLiner())).append("</p>");
        }
        h.append("<p class=\"muted\">");
        if (c.patronCountPublic()) {
            h.append("<strong>").append(patrons).append("</strong> ").append(patrons == 1 ? "patron" : "patrons");
            h.append(" · ");
        }
        h.append(postCount).append(postCount == 1 ? " post" : " posts");
        if (c.adult()) {
            h.append(" · <span class=\"badge badge-warn\">18+</span>");
        }
        h.append("</p></div><div class=\"creator-actions\">")
                .append(
                        "<a class=\"button button-quiet\" href=\"/login\">Sign in to follow</a></div></div></header>\n");
        h.append("<div class=\"creator-body\"><div class=\"creator-main\">");
        if (!c.summaryHtml().isEmpty()) {
            h.append("<section class=\"prose\" aria-label=\"About\">")
                    .append(c.summaryHtml())
                    .append("</section>");
        }
        if (!goals.isEmpty()) {
            h.append("<section aria-labelledby=\"goals-heading\"><h2 id=\"goals-heading\">Goals</h2>");
            for (Goal goal : goals) {
                long current = goal.kind().equals("PATRONS") ? patrons : monthly;
                int percent = (int) Math.min(100, Math.max(0, current * 100 / goal.target()));
                String label = goal.kind().equals("PATRONS")
                        ? current + " of " + goal.target() + " patrons"
                        : money(current, c.currency()) + " of " + money(goal.target(), c.currency()) + " per month";
                h.append("<div class=\"goal\"><p><strong>")
                        .append(esc(label))
                        .append("</strong></p><progress max=\"100\" value=\"")
                        .append(percent)
                        .append("\" aria-label=\"")
                        .append(percent)
                        .append(" percent of the goal\">")
                        .append(percent)
                        .append("%</progress><p>")
                        .append(esc(goal.description()))
                        .append("</p></div>");
            }
            h.append("</section>");
        }
        h.append("<section aria-labelledby=\"posts-heading\"><h2 id=\"posts-heading\">Recent posts</h2>");
        if (recent.isEmpty()) {
            h.append("<div class=\"empty-state\"><h3>Nothing published yet</h3></div>");
        } else {
            for (Post post : recent) {
                postCard(h, post, c, allTiers, false);
            }
            h.append("<p><a href=\"/")
                    .append(esc(c.slug()))
                    .append("/posts\">All posts →</a> · <a href=\"/")
                    .append(esc(c.slug()))
                    .append("/feed.rss\">RSS</a></p>");
        }
        h.append("</section></div>\n<aside class=\"creator-tiers\" aria-labelledby=\"tiers-heading\">")
                .append("<h2 id=\"tiers-heading\">Support ")
                .append(esc(c.name()))
                .append("</h2>");
        for (Tier tier : tiers) {
            h.append("<div class=\"tier\"><h3>")
                    .append(esc(tier.title()))
                    .append("</h3><p class=\"tier-price\"><strong>")
                    .append(esc(money(tier.amountMinor(), c.currency())))
                    .append("</strong> ")
                    .append(esc(c.perCreation() ? "per " + c.creationNoun() : "per month"))
                    .append("</p>");
            if (!tier.description().isEmpty()) {
                h.append("<p>").append(esc(tier.description())).append("</p>");
            }
            if (tier.benefits().length > 0) {
                h.append("<ul class=\"benefits\">");
                for (String benefit : tier.benefits()) {
                    h.append("<li>").append(esc(benefit)).append("</li>");
                }
                h.append("</ul>");
            }
            if (tier.patronLimit() != null) {
                h.append("<p class=\"muted\">Limited to ")
                        .append(tier.patronLimit())
                        .append(" patrons</p>");
            }
            h.append("<a class=\"button\" href=\"/")
                    .append(esc(c.slug()))
                    .append("/join?tier=")
                    .append(tier.id())
                    .append("\">Join</a></div>");
        }
        h.append("</aside></div>\n");
        layoutEnd(h);
        return new Page(h.toString(), null);
    }

    Page creation(Connection db, String slug, long id, String idAndSlug) throws SQLException {
        Campaign c = campaignBySlug(db, slug);
        if (c == null || !c.published()) {
            return null;
        }
        Post post = post(db, id);
        if (post == null || post.campaignId() != c.id() || post.deleted() || !post.published()) {
            return null;
        }
        attachmentIds(db, List.of(post.id()));
        String canonical = post.path(c.slug());
        if (!canonical.endsWith("/" + idAndSlug)) {
            return new Page(null, canonical);
        }
        boolean visible = post.access().equals("PUBLIC");
        List<Tier> tiers = tiers(db, c.id(), false);
        long comments = visible ? count(db, Sql.COMMENT_COUNT, post.id()) : 0;
        String requirement =
                visible ? "" : requirement(post, post.access().equals("TIER") ? tiers(db, c.id(), true) : List.of());

        StringBuilder h = new StringBuilder(8_192);
        layoutStart(h, post.title(), post.teaser(), canonical);
        h.append("<article class=\"creation\"><header><p class=\"post-creator\"><a href=\"/")
                .append(esc(c.slug()))
                .append("\">")
                .append(esc(c.name()))
                .append("</a></p><h1>")
                .append(esc(post.title()))
                .append("</h1><p class=\"post-meta\"><span class=\"badge\">")
                .append(kindLabel(post.kind()))
                .append("</span> ");
        if (post.publishedAt() != null) {
            h.append("<time datetime=\"")
                    .append(post.publishedAt())
                    .append("\">")
                    .append(DATE.format(post.publishedAt()))
                    .append("</time>");
        }
        h.append("</p></header>\n");
        if (visible) {
            if (post.videoUrl() != null) {
                h.append("<p><a href=\"")
                        .append(esc(post.videoUrl()))
                        .append("\" rel=\"nofollow noopener\">Watch the video</a></p>");
            }
            if (post.linkUrl() != null) {
                h.append("<p class=\"post-link\"><a href=\"")
                        .append(esc(post.linkUrl()))
                        .append("\" rel=\"nofollow noopener ugc\">")
                        .append(esc(post.linkUrl()))
                        .append("</a></p>");
            }
            h.append("<div class=\"prose\">").append(post.bodyHtml()).append("</div>");
        } else {
            h.append("<div class=\"locked-box\">");
            if (!post.teaser().isEmpty()) {
                h.append("<p class=\"teaser\">").append(esc(post.teaser())).append("</p>");
            }
            h.append("<h2>🔒 This post is for ")
                    .append(esc(requirement.toLowerCase(Locale.ROOT)))
                    .append("</h2><div class=\"join-box\">");
            for (Tier tier : tiers) {
                h.append("<a class=\"button\" href=\"/")
                        .append(esc(c.slug()))
                        .append("/join?tier=")
                        .append(tier.id())
                        .append("\">")
                        .append(esc(tier.title()))
                        .append(" · ")
                        .append(esc(money(tier.amountMinor(), c.currency())))
                        .append("</a>");
            }
            h.append("<p class=\"muted\">Already a member? <a href=\"/login\">Sign in</a>.</p></div></div>");
        }
        h.append("</article>\n");
        if (visible) {
            String commentsPath = "/" + esc(c.slug()) + "/posts/" + post.id() + "/comments";
            h.append("<section id=\"comments\" class=\"comments\" aria-labelledby=\"comments-heading\">")
                    .append("<h2 id=\"comments-heading\">Comments (")
                    .append(comments)
                    .append(")</h2><div hx-get=\"")
                    .append(commentsPath)
                    .append("\" hx-trigger=\"load\" hx-swap=\"outerHTML\"><p class=\"muted\"><a href=\"")
                    .append(commentsPath)
                    .append("\">Show the comments</a></p></div></section>\n");
        }
        layoutEnd(h);
        return new Page(h.toString(), null);
    }

    interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    private static void searchInto(Connection db, String byWords, String byTypos, String query, int limit, Row row,
            java.util.function.IntSupplier found) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(byWords)) {
            s.setString(1, query);
            s.setString(2, query);
            s.setInt(3, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    row.read(rs);
                }
            }
        }
        if (found.getAsInt() < limit) {
            try (java.sql.Statement set = db.createStatement()) {
                set.execute(Sql.TYPO_TOLERANCE);
            }
            try (PreparedStatement s = db.prepareStatement(byTypos)) {
                s.setString(1, Baseline.lower(query));
                s.setString(2, query);
                s.setString(3, Baseline.lower(query));
                s.setInt(4, limit - found.getAsInt());
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        row.read(rs);
                    }
                }
            }
        }
    }

    Page search(Connection db, String q) throws SQLException {
        String query = q.strip();
        if (query.length() > 200) {
            query = query.substring(0, 200);
        }
        List<Campaign> creators = new ArrayList<>();
        List<Post> posts = new ArrayList<>();
        Map<Long, Campaign> campaigns = new HashMap<>();
        Map<Long, Map<Long, Tier>> tiers = new HashMap<>();
        if (!query.isEmpty()) {
            // as the application: words first, the typo fallback only for a short list, in one transaction
            boolean autoCommit = db.getAutoCommit();
            db.setAutoCommit(false);
            try {
                searchInto(db, Sql.CAMPAIGN_SEARCH, Sql.CAMPAIGN_SEARCH_TYPOS, query, 20, rs -> creators.add(campaign(rs)),
                        creators::size);
                searchInto(db, Sql.POSTS_SEARCH, Sql.POSTS_SEARCH_TYPOS, query, 30, rs -> posts.add(post(rs)),
                        posts::size);
                db.commit();
            } finally {
                db.setAutoCommit(autoCommit);
            }
            attachmentIds(db, posts.stream().map(Post::id).toList());
            Set<Long> ids = new LinkedHashSet<>();
            posts.forEach(p -> ids.add(p.campaignId()));
            if (!ids.isEmpty()) {
                try (PreparedStatement s = db.prepareStatement(Sql.CAMPAIGNS_BY_IDS)) {
                    s.setArray(1, db.createArrayOf("bigint", ids.toArray()));
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            Campaign c = campaign(rs);
                            campaigns.put(c.id(), c);
                        }
                    }
                }
            }
            for (Post post : posts) {
                if (post.access().equals("TIER") && !tiers.containsKey(post.campaignId())) {
                    tiers.put(post.campaignId(), byId(tiers(db, post.campaignId(), true)));
                }
            }
        }
        StringBuilder h = new StringBuilder(16_384);
        layoutStart(h, query.isEmpty() ? "Search" : "Search: " + query, null, "/search");
        h.append("<h1>Search</h1><form class=\"search-form\" method=\"get\" action=\"/search\" role=\"search\">")
                .append("<label for=\"q\" class=\"visually-hidden\">Search creators and posts</label>")
                .append("<input id=\"q\" name=\"q\" type=\"search\" value=\"")
                .append(esc(query))
                .append("\" placeholder=\"Search creators and posts\" maxlength=\"200\">")
                .append("<button type=\"submit\" class=\"button button-small\">Search</button></form>\n");
        if (!query.isEmpty() && creators.isEmpty() && posts.isEmpty()) {
            h.append("<div class=\"empty-state\"><h3>Nothing found for “")
                    .append(esc(query))
                    .append("”</h3><p>Try fewer or different words.</p></div>");
        }
        if (!creators.isEmpty()) {
            h.append("<section class=\"campaign-grid\"><h2>Creators</h2><ul class=\"card-grid\">");
            for (Campaign c : creators) {
                h.append("<li class=\"card\"><a href=\"/")
                        .append(esc(c.slug()))
                        .append("\"><strong>")
                        .append(esc(c.name()))
                        .append("</strong> <span>")
                        .append(esc(c.oneLiner()))
                        .append("</span></a></li>");
            }
            h.append("</ul></section>\n");
        }
        if (!posts.isEmpty()) {
            h.append("<section><h2>Posts</h2>");
            for (Post post : posts) {
                Campaign c = campaigns.get(post.campaignId());
                if (c != null && c.published()) {
                    postCard(h, post, c, tiers.getOrDefault(post.campaignId(), Map.of()), true);
                }
            }
            h.append("</section>\n");
        }
        layoutEnd(h);
        return new Page(h.toString(), null);
    }

    // ---- HTML pieces ----

    private static void postCard(StringBuilder h, Post post, Campaign c, Map<Long, Tier> tiers, boolean showCreator) {
        boolean locked = !post.access().equals("PUBLIC");
        String requirement = locked ? requirement(post, List.copyOf(tiers.values())) : "";
        h.append("<article class=\"post-card ")
                .append(locked ? "post-locked" : "")
                .append("\">");
        if (showCreator) {
            h.append("<p class=\"post-creator\"><a href=\"/")
                    .append(esc(c.slug()))
                    .append("\">")
                    .append(esc(c.name()))
                    .append("</a></p>");
        }
        h.append("<h3><a href=\"")
                .append(esc(post.path(c.slug())))
                .append("\">")
                .append(esc(post.title()))
                .append("</a></h3><p class=\"post-meta\"><span class=\"badge\">")
                .append(kindLabel(post.kind()))
                .append("</span> ");
        if (locked) {
            h.append("<span class=\"badge badge-lock\" title=\"")
                    .append(esc(requirement))
                    .append("\">🔒 ")
                    .append(esc(requirement))
                    .append("</span> ");
        }
        h.append("<time datetime=\"")
                .append(post.publishedAt())
                .append("\">")
                .append(post.publishedAt() == null ? "" : DATE.format(post.publishedAt()))
                .append("</time></p>");
        if (!post.teaser().isEmpty()) {
            h.append("<p class=\"teaser\">").append(esc(post.teaser())).append("</p>");
        }
        h.append("</article>\n");
    }

    private static String requirement(Post post, List<Tier> tiers) {
        return switch (post.access()) {
            case "MEMBERS" -> "Free members and patrons";
            case "PATRONS" -> "Paying patrons";
            case "TIER" ->
                "Patrons from "
                        + tiers.stream()
                                .filter(t -> post.minTierId() != null && t.id() == post.minTierId())
                                .map(Tier::title)
                                .findFirst()
                                .orElse("any tier")
                        + " up";
            default -> "Everyone";
        };
    }

    private static void layoutStart(StringBuilder h, String title, String description, String current) {
        h.append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
                .append(esc(title))
                .append(" · Maecenas</title>\n");
        if (description != null) {
            h.append("<meta name=\"description\" content=\"")
                    .append(esc(description))
                    .append("\">\n");
        }
        h.append("<meta name=\"htmx-config\" content='{\"includeIndicatorStyles\": false, \"allowEval\": false}'>\n")
                .append("<link rel=\"stylesheet\" href=\"/css/maecenas.css\">\n")
                .append("<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">\n")
                .append("<script src=\"/webjars/htmx.org/2.0.10/dist/htmx.min.js\" defer></script>\n")
                .append("<script src=\"/js/maecenas.js\" defer></script>\n</head>\n<body>\n")
                .append("<a class=\"skip-link\" href=\"#main\">Skip to content</a>\n")
                .append("<header class=\"site-header\"><nav class=\"site-nav\" aria-label=\"Main\">")
                .append("<a class=\"brand\" href=\"/\">Maecenas</a><ul class=\"nav-links\">")
                .append("<li><a href=\"/about\">About</a></li>")
                .append("<li><a href=\"/login\">Sign in</a></li>")
                .append("<li><a class=\"button button-small\" href=\"/signup\">Join</a></li></ul></nav></header>\n")
                .append("<main id=\"main\" class=\"site-main\" tabindex=\"-1\">\n");
    }

    private static void layoutEnd(StringBuilder h) {
        h.append(
                        "</main>\n<footer class=\"site-footer\"><p>Maecenas runs on Maecenas, self-hosted creator funding.</p>")
                .append("<p><a href=\"/about\">About this instance</a></p></footer>\n</body>\n</html>\n");
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            String replacement = switch (ch) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&#34;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (replacement != null) {
                if (out == null) {
                    out = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                out.append(replacement);
            } else if (out != null) {
                out.append(ch);
            }
        }
        return out == null ? s : out.toString();
    }

    private static String kindLabel(String kind) {
        return switch (kind) {
            case "TEXT" -> "Text";
            case "IMAGES" -> "Images";
            case "AUDIO" -> "Audio";
            case "VIDEO" -> "Video";
            default -> "Link";
        };
    }

    private static String money(long minor, Currency currency) {
        NumberFormat format = NumberFormat.getCurrencyInstance(Locale.US);
        format.setCurrency(currency);
        int digits = Math.max(0, currency.getDefaultFractionDigits());
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        return format.format(BigDecimal.valueOf(minor, digits));
    }

    // ---- queries (Sql holds the application's statements) ----

    private static Campaign campaignBySlug(Connection db, String slug) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(Sql.CAMPAIGN_BY_SLUG)) {
            s.setString(1, slug.toLowerCase(Locale.ROOT));
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? campaign(rs) : null;
            }
        }
    }

    private static Campaign campaign(ResultSet rs) throws SQLException {
        return new Campaign(
                rs.getLong("id"),
                rs.getString("slug"),
                rs.getString("name"),
                rs.getString("one_liner"),
                rs.getString("summary_html"),
                Currency.getInstance(rs.getString("currency")),
                rs.getString("billing_model").equals("PER_CREATION"),
                rs.getString("creation_noun"),
                rs.getBoolean("patron_count_public"),
                rs.getBoolean("adult"),
                "PUBLISHED".equals(rs.getString("status")));
    }

    private static long count(Connection db, String sql, long id) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long countPosts(Connection db, long campaign) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(Sql.POSTS_COUNT)) {
            s.setLong(1, campaign);
            for (int i = 2; i <= 5; i++) {
                s.setNull(i, Types.VARCHAR);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static List<Goal> goals(Connection db, long campaign) throws SQLException {
        List<Goal> goals = new ArrayList<>();
        try (PreparedStatement s = db.prepareStatement(Sql.GOALS)) {
            s.setLong(1, campaign);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    goals.add(new Goal(rs.getString("kind"), rs.getLong("target"), rs.getString("description")));
                }
            }
        }
        return goals;
    }

    private static List<Tier> tiers(Connection db, long campaign, boolean all) throws SQLException {
        List<Tier> tiers = new ArrayList<>();
        try (PreparedStatement s = db.prepareStatement(Sql.TIERS)) {
            s.setLong(1, campaign);
            s.setBoolean(2, all);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Array benefits = rs.getArray("benefits");
                    tiers.add(new Tier(
                            rs.getLong("id"),
                            rs.getString("title"),
                            rs.getString("description"),
                            rs.getLong("amount_minor"),
                            (Integer) rs.getObject("patron_limit"),
                            (String[]) benefits.getArray()));
                }
            }
        }
        return tiers;
    }

    private static Map<Long, Tier> byId(List<Tier> tiers) {
        Map<Long, Tier> byId = new HashMap<>();
        tiers.forEach(t -> byId.put(t.id(), t));
        return byId;
    }

    private static List<Post> published(Connection db, long campaign, int limit) throws SQLException {
        List<Post> posts = new ArrayList<>();
        try (PreparedStatement s = db.prepareStatement(Sql.POSTS_PUBLISHED)) {
            s.setLong(1, campaign);
            for (int i = 2; i <= 5; i++) {
                s.setNull(i, Types.VARCHAR);
            }
            s.setInt(6, limit);
            s.setInt(7, 0);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    posts.add(post(rs));
                }
            }
        }
        return posts;
    }

    private static Post post(Connection db, long id) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(Sql.POST_BY_ID)) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? post(rs) : null;
            }
        }
    }

    private static Post post(ResultSet rs) throws SQLException {
        Timestamp published = rs.getTimestamp("published_at");
        return new Post(
                rs.getLong("id"),
                rs.getLong("campaign_id"),
                rs.getString("title"),
                rs.getString("slug"),
                rs.getString("body_html"),
                rs.getString("teaser"),
                rs.getString("kind"),
                rs.getString("video_url"),
                rs.getString("link_url"),
                rs.getString("access"),
                (Long) rs.getObject("min_tier_id"),
                "PUBLISHED".equals(rs.getString("status")),
                rs.getTimestamp("deleted_at") != null,
                published == null ? null : published.toInstant());
    }

    /** Posts have no attachments in the benchmark data, but the application asks, so the baseline does. */
    private static void attachmentIds(Connection db, List<Long> posts) throws SQLException {
        if (posts.isEmpty()) {
            return;
        }
        try (PreparedStatement s = db.prepareStatement(Sql.ATTACHMENT_IDS)) {
            s.setArray(1, db.createArrayOf("bigint", posts.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rs.getLong(1);
                }
            }
        }
    }
}
