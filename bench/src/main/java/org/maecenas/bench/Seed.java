package org.maecenas.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import org.flywaydb.core.Flyway;

/**
 * Migrates a database with the application's own Flyway migrations and loads it with COPY:
 * 1,000 creators (users, published campaigns, three tiers and two goals each), 100,000 published
 * posts, 1,000,000 comments, 5,000 patrons with 20,000 memberships. Creator 1 owns the two posts the
 * time-to-first-byte comparison reads: one with exactly 10,000 comments, one with none.
 *
 * <p>Usage: {@code Seed <jdbc-url> <migrations-directory> <seed.properties> [--migrate-only]}. The
 * properties file, written last, tells the load generator which addresses to request.
 */
public final class Seed {

    static final int CREATORS = 1_000;
    static final int POSTS = 100_000;
    static final int COMMENTS = 1_000_000;
    static final int BUSY_POST_COMMENTS = 10_000;
    static final int PATRONS = 5_000;
    static final int MEMBERSHIPS_PER_PATRON = 4;
    static final int TIERS_PER_CAMPAIGN = 3;
    static final int GOALS_PER_CAMPAIGN = 2;
    static final long[] TIER_AMOUNTS = {300, 500, 1000};
    static final String[] TIER_TITLES = {"Supporter", "Insider", "Patron of the arts"};
    static final String[] NOUNS = {"episode", "comic", "video", "post", "song", "chapter"};
    /** Bumped whenever the generated data changes, so run.sh reseeds instead of reusing. */
    static final String VERSION = "4";
    /** What the search benchmark asks for: single words match about 1,500 titles, pairs a few dozen. */
    static final String SEARCHES = "lantern,harbour,winter journey,quiet forest,dragon,jazz album,robot,"
            + "secret garden,podcast interview,lighthouse";

    private static final long BUSY_POST = 1;
    private static final long QUIET_POST = 2;
    private static final String PASSWORD_HASH = "{argon2}$argon2id$v=19$m=16384,t=2,p=1$YmVuY2hzZWVk$bm8tbG9naW4";

    private final SplittableRandom random = new SplittableRandom(20261126);
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(1));
    private final String[] slugs = new String[CREATORS + 1];
    private final String[] currencies = new String[CREATORS + 1];
    private final boolean[] perCreation = new boolean[CREATORS + 1];
    private final Instant[] postPublished = new Instant[POSTS + 1];
    private String busyPath;
    private String quietPath;

    public static void main(String[] args) throws Exception {
        String url = args[0];
        Path migrations = Path.of(args[1]).toAbsolutePath().normalize();
        Path properties = Path.of(args[2]);
        boolean migrateOnly = args.length > 3 && args[3].equals("--migrate-only");
        long started = System.nanoTime();
        Flyway flyway = Flyway.configure()
                .dataSource(url, "postgres", "")
                .locations("filesystem:" + migrations)
                .load();
        var migrated = flyway.migrate();
        System.out.printf(
                "Flyway: %d migration(s) applied, schema at version %s (%.1f s)%n",
                migrated.migrationsExecuted, flyway.info().current().getVersion(), (System.nanoTime() - started) / 1e9);
        if (migrateOnly) {
            return;
        }
        Files.deleteIfExists(properties);
        new Seed().run(url, properties);
        System.out.printf("Seeded in %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    private void run(String url, Path properties) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "")) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("set maintenance_work_mem = '512MB'");
                statement.execute("set max_parallel_maintenance_workers = 2");
            }
            connection.setAutoCommit(false);
            List<String> indexes = dropSecondaryIndexes(connection);
            try (Statement statement = connection.createStatement()) {
                statement.execute("""
                        truncate users, user_roles, campaigns, tiers, goals, search_lexicon, payment_methods, memberships,
                                 posts, post_attachments, comments, podcast_feed_tokens, media cascade""");
                // every reference is generated to point at a row that exists (checked below);
                // skipping the per-row foreign-key triggers is what makes COPY fast
                statement.execute("set session_replication_role = replica");
            }
            System.out.println("COPY:");
            users(connection);
            campaigns(connection);
            tiersAndGoals(connection);
            lexicon(connection);
            memberships(connection);
            posts(connection);
            comments(connection);
            try (Statement statement = connection.createStatement()) {
                // the application keeps each post's count of live comments with every write
                statement.execute("""
                        update posts p set comment_count = c.live
                          from (select post_id, count(*) as live from comments where deleted_at is null
                                 group by post_id) c
                         where c.post_id = p.id""");
            }
            long indexStart = System.nanoTime();
            try (Statement statement = connection.createStatement()) {
                statement.execute("set session_replication_role = origin");
                for (String index : indexes) {
                    statement.execute(index);
                }
                for (String table :
                        List.of("users", "campaigns", "tiers", "goals", "payment_methods", "memberships", "posts",
                                "comments")) {
                    statement.execute("select setval(pg_get_serial_sequence('" + table + "', 'id'), "
                            + "(select max(id) from " + table + "))");
                }
            }
            System.out.printf(
                    "  %-20s %,11d built  %6.2f s%n",
                    "indexes (posts, comments)", indexes.size(), (System.nanoTime() - indexStart) / 1e9);
            connection.commit();
            connection.setAutoCommit(true);
            long vacuumStart = System.nanoTime();
            try (Statement statement = connection.createStatement()) {
                statement.execute("vacuum analyze");
            }
            System.out.printf("  %-20s %6.2f s%n", "vacuum analyze", (System.nanoTime() - vacuumStart) / 1e9);
            verify(connection);
        }
        writeProperties(properties);
    }

    /** Indexes that back no constraint, dropped before the load and built again after it. */
    private static List<String> dropSecondaryIndexes(Connection connection) throws SQLException {
        List<String> definitions = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("""
                        select i.relname, pg_get_indexdef(i.oid)
                          from pg_index x
                          join pg_class i on i.oid = x.indexrelid
                          join pg_class t on t.oid = x.indrelid
                         where t.relname in ('posts', 'comments') and t.relnamespace = 'public'::regnamespace
                           and not exists (select 1 from pg_constraint c where c.conindid = i.oid)
                         order by i.relname""")) {
            while (rs.next()) {
                names.add(rs.getString(1));
                definitions.add(rs.getString(2));
            }
        }
        try (Statement statement = connection.createStatement()) {
            for (String name : names) {
                statement.execute("drop index " + name);
            }
        }
        return definitions;
    }

    private void users(Connection connection) throws Exception {
        try (CopyRows users = new CopyRows(
                connection,
                "users",
                "id, email, email_verified_at, display_name, password_hash, created_at, updated_at")) {
            for (int id = 1; id <= CREATORS + PATRONS; id++) {
                boolean creator = id <= CREATORS;
                Instant created = now.minus(Duration.ofDays(1200)).plus(Duration.ofMinutes(id));
                String name = creator
                        ? Words.capitalized(Words.word(random)) + " " + Words.capitalized(Words.word(random))
                        : Words.capitalized(Words.word(random)) + " " + (char) ('A' + id % 26) + ".";
                users.row(
                        (long) id,
                        (creator ? "creator" : "patron") + id + "@bench.maecenas.test",
                        created,
                        name,
                        PASSWORD_HASH,
                        created,
                        created);
            }
        }
        // one COPY at a time on a connection: the roles follow
        try (CopyRows roles = new CopyRows(connection, "user_roles", "user_id, role")) {
            for (int id = 1; id <= CREATORS + PATRONS; id++) {
                roles.row((long) id, "PATRON");
                if (id <= CREATORS) {
                    roles.row((long) id, "CREATOR");
                }
            }
        }
    }

    private void campaigns(Connection connection) throws Exception {
        try (CopyRows campaigns = new CopyRows(connection, "campaigns", """
                id, owner_user_id, slug, name, one_liner, summary_markdown, summary_html, currency, billing_model,
                creation_noun, patron_count_public, earnings_public, adult, status, featured, featured_at,
                annual_discount_pct, paid_posts_per_month, created_at, updated_at, published_at""")) {
            for (int c = 1; c <= CREATORS; c++) {
                String name = Words.title(random, 2, 3);
                slugs[c] = Words.slug(name, 30) + "-" + c;
                currencies[c] = c % 5 == 0 ? "EUR" : "USD";
                perCreation[c] = c % 3 == 0;
                String noun = NOUNS[c % NOUNS.length];
                String summary = Words.paragraph(random, 4) + "\n\n" + Words.paragraph(random, 3);
                Instant created = now.minus(Duration.ofDays(1100)).plus(Duration.ofHours(c));
                boolean featured = c % 50 == 0;
                campaigns.row(
                        (long) c,
                        (long) c,
                        slugs[c],
                        name,
                        Words.sentenceAtMost(random, 140),
                        summary,
                        html(summary),
                        currencies[c],
                        perCreation[c] ? "PER_CREATION" : "MONTHLY",
                        noun,
                        c % 10 != 0,
                        false,
                        false,
                        "PUBLISHED",
                        featured,
                        featured ? created.plus(Duration.ofDays(30)) : null,
                        c % 4 == 0 ? 10 : 0,
                        20,
                        created,
                        created,
                        created.plus(Duration.ofHours(1)));
            }
        }
    }

    private void tiersAndGoals(Connection connection) throws Exception {
        try (CopyRows tiers = new CopyRows(connection, "tiers", """
                id, campaign_id, title, description, amount_minor, currency, patron_limit, benefits, welcome_note,
                published, position, created_at, updated_at""")) {
            for (int c = 1; c <= CREATORS; c++) {
                Instant created = now.minus(Duration.ofDays(1000));
                for (int t = 0; t < TIERS_PER_CAMPAIGN; t++) {
                    tiers.row(
                            tierId(c, t),
                            (long) c,
                            TIER_TITLES[t],
                            Words.sentence(random),
                            TIER_AMOUNTS[t],
                            currencies[c],
                            t == 2 ? 100 : null,
                            benefits(t),
                            "Thank you for joining!",
                            true,
                            t + 1,
                            created,
                            created);
                }
            }
        }
        try (CopyRows goals =
                new CopyRows(connection, "goals", "id, campaign_id, kind, target, description, position, created_at")) {
            long id = 1;
            for (int c = 1; c <= CREATORS; c++) {
                Instant created = now.minus(Duration.ofDays(900));
                goals.row(id++, (long) c, "PATRONS", 50L, Words.sentence(random), 1, created);
                goals.row(id++, (long) c, "AMOUNT", 50_000L, Words.sentence(random), 2, created);
            }
        }
    }

    private static String[] benefits(int tier) {
        List<String> benefits = new ArrayList<>(List.of("Early access to every new piece", "Your name in the credits"));
        if (tier >= 1) {
            benefits.add("Behind-the-scenes notes");
        }
        if (tier >= 2) {
            benefits.add("A monthly video call");
        }
        return benefits.toArray(String[]::new);
    }

    private static long tierId(int campaign, int index) {
        return (long) (campaign - 1) * TIERS_PER_CAMPAIGN + index + 1;
    }

    private void lexicon(Connection connection) throws Exception {
        try (CopyRows lexicon = new CopyRows(connection, "search_lexicon", "term")) {
            Set<String> seen = new HashSet<>();
            for (String word : Words.VOCABULARY) {
                if (seen.add(word)) {
                    lexicon.row(word);
                }
            }
        }
    }

    private void memberships(Connection connection) throws Exception {
        // one saved (sandbox) card per patron: paid memberships name the card they are charged on
        try (CopyRows cards = new CopyRows(connection, "payment_methods", """
                id, user_id, gateway, token, brand, last4, exp_month, exp_year, is_default, created_at""")) {
            for (int p = 1; p <= PATRONS; p++) {
                cards.row((long) p, (long) (CREATORS + p), "sandbox", "sbx_4242424242424242", "Visa", "4242", 12, 2040,
                        true, now);
            }
        }
        try (CopyRows memberships = new CopyRows(connection, "memberships", """
                id, campaign_id, patron_user_id, tier_id, amount_minor, currency, status, paid_through,
                created_at, updated_at, cancelled_at, cadence, payment_method_id""")) {
            long id = 1;
            for (int p = 1; p <= PATRONS; p++) {
                long patron = CREATORS + p;
                Set<Integer> joined = new HashSet<>();
                while (joined.size() < MEMBERSHIPS_PER_PATRON) {
                    // creator 1 (the one measured) gets a crowd; the rest are spread evenly
                    int campaign = joined.isEmpty() && p % 10 == 0 ? 1 : 1 + random.nextInt(CREATORS);
                    if (!joined.add(campaign)) {
                        continue;
                    }
                    Instant created = now.minus(Duration.ofDays(1 + random.nextInt(600)));
                    int kind = random.nextInt(20);
                    int tier = random.nextInt(TIERS_PER_CAMPAIGN);
                    boolean follower = kind < 4;
                    String status = kind == 4 ? "DECLINED" : kind == 5 ? "CANCELLED" : "ACTIVE";
                    memberships.row(
                            id++,
                            (long) campaign,
                            patron,
                            follower ? null : tierId(campaign, tier),
                            follower ? 0L : TIER_AMOUNTS[tier],
                            currencies[campaign],
                            status,
                            follower ? null : now.plus(Duration.ofDays(20)),
                            created,
                            created,
                            status.equals("CANCELLED") ? created.plus(Duration.ofDays(30)) : null,
                            follower ? "FREE" : perCreation[campaign] ? "PER_CREATION" : "MONTHLY",
                            follower ? null : (long) p);
                }
            }
        }
    }

    private void posts(Connection connection) throws Exception {
        int perCampaign = POSTS / CREATORS;
        try (CopyRows posts = new CopyRows(connection, "posts", """
                id, campaign_id, title, slug, body_markdown, body_html, teaser, kind, video_url, link_url, access,
                min_tier_id, charge_patrons, status, scheduled_at, published_at, deleted_at, comments_locked,
                created_at, updated_at""")) {
            long id = 1;
            for (int c = 1; c <= CREATORS; c++) {
                for (int k = 0; k < perCampaign; k++, id++) {
                    String title = Words.title(random, 3, 7);
                    String body = Words.paragraph(random, 3 + random.nextInt(3)) + "\n\n"
                            + Words.paragraph(random, 2 + random.nextInt(3));
                    int mix = random.nextInt(10);
                    // the two posts compared for time to first byte are alike: public text posts
                    boolean compared = id == BUSY_POST || id == QUIET_POST;
                    String access = compared || mix < 5 ? "PUBLIC" : mix < 7 ? "MEMBERS" : mix < 9 ? "PATRONS" : "TIER";
                    int form = random.nextInt(7);
                    String kind = compared || form > 1 ? "TEXT" : form == 0 ? "LINK" : "VIDEO";
                    Instant published = now.minus(Duration.ofHours(k * 84L + c % 84));
                    postPublished[(int) id] = published;
                    String slug = Words.slug(title, 60);
                    if (id == BUSY_POST) {
                        busyPath = "/" + slugs[c] + "/posts/" + id + "-" + slug;
                    } else if (id == QUIET_POST) {
                        quietPath = "/" + slugs[c] + "/posts/" + id + "-" + slug;
                    }
                    posts.row(
                            id,
                            (long) c,
                            title,
                            slug,
                            body,
                            html(body),
                            Words.teaser(body, 280),
                            kind,
                            kind.equals("VIDEO") ? "https://www.youtube.com/watch?v=aqz-KE-bpKQ" : null,
                            kind.equals("LINK") ? "https://example.org/" + slug : null,
                            access,
                            access.equals("TIER") ? tierId(c, 1) : null,
                            perCreation[c] && access.equals("PATRONS"),
                            "PUBLISHED",
                            null,
                            published,
                            null,
                            false,
                            published.minus(Duration.ofHours(2)),
                            published);
                }
            }
        }
    }

    /**
     * Exactly {@link #BUSY_POST_COMMENTS} on the busy post, none on the quiet one, the rest spread
     * unevenly (0 to 19 a post) over the others. A fifth are replies to a comment of the same post.
     */
    private void comments(Connection connection) throws Exception {
        int[] counts = new int[POSTS + 1];
        long spread = 0;
        for (int p = 3; p <= POSTS; p++) {
            counts[p] = random.nextInt(20);
            spread += counts[p];
        }
        long wanted = COMMENTS - BUSY_POST_COMMENTS;
        while (spread != wanted) {
            int p = 3 + random.nextInt(POSTS - 2);
            if (spread < wanted) {
                counts[p]++;
                spread++;
            } else if (counts[p] > 0) {
                counts[p]--;
                spread--;
            }
        }
        counts[(int) BUSY_POST] = BUSY_POST_COMMENTS;
        counts[(int) QUIET_POST] = 0;
        try (CopyRows comments = new CopyRows(connection, "comments", """
                id, post_id, author_user_id, parent_id, body, created_at, edited_at, deleted_at""")) {
            long id = 1;
            for (int p = 1; p <= POSTS; p++) {
                long firstOfPost = id;
                Instant published = postPublished[p];
                for (int n = 0; n < counts[p]; n++, id++) {
                    boolean reply = n > 0 && random.nextInt(5) == 0;
                    Long parent = null;
                    if (reply) {
                        long candidate = firstOfPost + random.nextInt(n);
                        // replies go one level deep, as the application makes them: answer a top-level one
                        parent = topLevel(candidate);
                    }
                    boolean deleted = p != BUSY_POST && random.nextInt(100) == 0;
                    Instant created = published.plus(Duration.ofSeconds(60L * (n + 1)));
                    comments.row(
                            id,
                            (long) p,
                            (long) (CREATORS + 1 + random.nextInt(PATRONS)),
                            parent,
                            deleted ? "[deleted]" : commentBody(),
                            created,
                            null,
                            deleted ? created.plus(Duration.ofHours(1)) : null);
                    parents.put(id, parent);
                }
                parents.clear();
            }
        }
    }

    /** Each comment of the post being written and the comment it replies to (null: top level). */
    private final Map<Long, Long> parents = new HashMap<>();

    private Long topLevel(long candidate) {
        Long parent = parents.get(candidate);
        return parent == null ? candidate : parent;
    }

    private String commentBody() {
        int sentences = 1 + random.nextInt(3);
        return Words.paragraph(random, sentences);
    }

    private static String html(String markdown) {
        StringBuilder html = new StringBuilder(markdown.length() + 32);
        for (String paragraph : markdown.split("\n\n")) {
            html.append("<p>").append(paragraph).append("</p>\n");
        }
        return html.toString();
    }

    /** Foreign keys were not checked row by row during the load: check them all at once now. */
    private static void verify(Connection connection) throws SQLException {
        Map<String, String> checks = new LinkedHashMap<>();
        checks.put(
                "campaign owners",
                "select count(*) from campaigns c left join users u on u.id = c.owner_user_id where u.id is null");
        checks.put(
                "tiers",
                "select count(*) from tiers t left join campaigns c on c.id = t.campaign_id where c.id is null");
        checks.put("memberships", """
                select count(*) from memberships m
                  left join campaigns c on c.id = m.campaign_id left join users u on u.id = m.patron_user_id
                  left join tiers t on t.id = m.tier_id
                 where c.id is null or u.id is null or (m.tier_id is not null and t.campaign_id is distinct from m.campaign_id)""");
        checks.put("posts", """
                select count(*) from posts p left join campaigns c on c.id = p.campaign_id
                  left join tiers t on t.id = p.min_tier_id
                 where c.id is null or (p.min_tier_id is not null and t.campaign_id is distinct from p.campaign_id)""");
        checks.put("comments", """
                select count(*) from comments c left join posts p on p.id = c.post_id
                  left join users u on u.id = c.author_user_id left join comments r on r.id = c.parent_id
                 where p.id is null or u.id is null
                    or (c.parent_id is not null and (r.post_id <> c.post_id or r.parent_id is not null))""");
        try (Statement statement = connection.createStatement()) {
            for (var check : checks.entrySet()) {
                try (ResultSet rs = statement.executeQuery(check.getValue())) {
                    rs.next();
                    if (rs.getLong(1) != 0) {
                        throw new IllegalStateException(rs.getLong(1) + " dangling references in " + check.getKey());
                    }
                }
            }
            try (ResultSet rs = statement.executeQuery("""
                    select (select count(*) from comments where post_id = 1), (select count(*) from comments where post_id = 2),
                           (select count(*) from comments), (select count(*) from posts where status = 'PUBLISHED')""")) {
                rs.next();
                System.out.printf(
                        "Checked: every reference resolves; busy post %,d comments, quiet post %,d, %,d comments, %,d published posts%n",
                        rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
            }
        }
    }

    private void writeProperties(Path file) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("version", VERSION);
        properties.setProperty("creator", "/" + slugs[1]);
        StringBuilder creators = new StringBuilder();
        for (int c = 1; c <= CREATORS; c++) {
            creators.append(c > 1 ? "," : "").append(slugs[c]);
        }
        properties.setProperty("creators", creators.toString());
        properties.setProperty("post.busy", busyPath);
        properties.setProperty("post.quiet", quietPath);
        properties.setProperty("post.busy.comments", Integer.toString(BUSY_POST_COMMENTS));
        properties.setProperty("searches", SEARCHES);
        try (Writer out = Files.newBufferedWriter(file)) {
            properties.store(out, "written by org.maecenas.bench.Seed when a load completed");
        }
    }
}
