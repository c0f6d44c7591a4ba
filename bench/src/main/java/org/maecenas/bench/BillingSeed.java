package org.maecenas.bench;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import org.flywaydb.core.Flyway;

/**
 * The billing benchmark's population, migrated by the application's own Flyway migrations and
 * loaded with COPY: {@code pledges} pledges (default 1,000,000) due on one billing day (today, UTC).
 *
 * <ul>
 *   <li>Creator 1 has {@code pledges / 10} active per-creation pledges (100,000 at the default) and a
 *       paid draft post: the benchmark publishes it and times the accruals.
 *   <li>About 2,000 creators (one per 500 pledges), half paid per creation and half monthly; 60% in
 *       USD, 25% EUR, 10% GBP, 5% JPY; creators of a fifth of them keep a 5% platform fee override.
 *   <li>Patrons with one to four pledges each (2.5 on average), so invoices have several lines, one
 *       saved sandbox card each: 92% pay, 4% decline later, 2% insufficient funds, 1% ask for
 *       authentication, 1% settle 1% less.
 *   <li>Per creation: two paid posts last month per creator, an accrual for each (one for a fifth of
 *       the pledges, capped at one a month). Monthly: the anniversary is today (5% annual).
 * </ul>
 *
 * <p>Usage: {@code BillingSeed <jdbc-server-url> <migrations-directory> <seed.properties> <pledges>}, with
 * the server's address ending in {@code /}: seeds the database {@code billing_seed} unless the
 * properties say it holds this version and size already, then makes {@code billing} afresh as a copy
 * of it (a file copy: every run starts from the same data in seconds).
 */
public final class BillingSeed {

    static final String VERSION = "2";
    static final String PASSWORD = "bench-password";
    /** bcrypt (cost 4) of {@link #PASSWORD}: the benchmark signs in as creator 1. */
    static final String PASSWORD_HASH = "{bcrypt}$2a$04$JVv6cUi0nDhh86cljpkPZeMaMqNngeKn2RNyJJpqb1l2HF6lub/pu";

    static final String[] CARDS = {
        "4242424242424242", "4000000000000341", "4000000000009995", "4000002500003155", "4000000000000077"
    };

    private final SplittableRandom random = new SplittableRandom(1_000_000);
    private final int pledges;
    private final int big;
    private final int creators;
    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);
    private final LocalDate lastMonth = today.withDayOfMonth(1).minusMonths(1);
    private final Instant longAgo =
            lastMonth.minusMonths(6).atStartOfDay(ZoneOffset.UTC).toInstant();
    private String[] currency;
    private boolean[] perCreation;
    private int patrons;
    private long draftPost;

    BillingSeed(int pledges) {
        this.pledges = pledges;
        this.big = pledges / 10;
        this.creators = Math.max(20, pledges / 500);
    }

    public static void main(String[] args) throws Exception {
        String server = args[0];
        Path migrations = Path.of(args[1]).toAbsolutePath().normalize();
        Path properties = Path.of(args[2]);
        int pledges = Integer.parseInt(args[3]);
        if (!seeded(properties, pledges, schema(migrations))) {
            try (Connection admin = DriverManager.getConnection(server + "postgres", "postgres", "");
                    Statement statement = admin.createStatement()) {
                statement.execute("drop database if exists billing_seed");
                statement.execute("create database billing_seed");
            }
            seed(server + "billing_seed", migrations, properties, pledges);
        }
        long copy = System.nanoTime();
        try (Connection admin = DriverManager.getConnection(server + "postgres", "postgres", "");
                Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists billing");
            statement.execute("create database billing template billing_seed");
        }
        System.out.printf("Database billing copied from billing_seed in %.1f s%n", (System.nanoTime() - copy) / 1e9);
    }

    /**
     * The newest migration and a checksum of them all: a seed made under another schema (a migration
     * added, or one not yet released edited) is made again.
     */
    private static String schema(Path migrations) throws Exception {
        List<Path> sql;
        try (var files = Files.list(migrations)) {
            sql = files.filter(f -> f.getFileName().toString().endsWith(".sql"))
                    .sorted()
                    .toList();
        }
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        for (Path file : sql) {
            crc.update(Files.readAllBytes(file));
        }
        return (sql.isEmpty() ? "" : sql.getLast().getFileName().toString()) + "/" + Long.toHexString(crc.getValue());
    }

    private static boolean seeded(Path file, int pledges, String schema) throws Exception {
        if (!Files.exists(file)) {
            return false;
        }
        Properties properties = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            properties.load(in);
        }
        return VERSION.equals(properties.getProperty("version"))
                && Integer.toString(pledges).equals(properties.getProperty("pledges"))
                && schema.equals(properties.getProperty("schema"))
                && LocalDate.now(ZoneOffset.UTC).toString().equals(properties.getProperty("billing.date"));
    }

    private static void seed(String url, Path migrations, Path properties, int pledges) throws Exception {
        long started = System.nanoTime();
        Flyway.configure()
                .dataSource(url, "postgres", "")
                .locations("filesystem:" + migrations)
                .load()
                .migrate();
        Files.deleteIfExists(properties);
        BillingSeed seed = new BillingSeed(pledges);
        try (Connection connection = DriverManager.getConnection(url, "postgres", "")) {
            seed.load(connection);
        }
        seed.write(properties, schema(migrations));
        System.out.printf("Seeded in %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    private void load(Connection connection) throws Exception {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    truncate users, user_roles, campaigns, tiers, goals, payment_methods, memberships, posts,
                             accruals, creator_fee_overrides cascade""");
            statement.execute("set session_replication_role = replica");
        }
        System.out.println("COPY:");
        campaigns(connection);
        posts(connection);
        int[] made = memberships(connection);
        patrons = made[0];
        users(connection);
        try (Statement statement = connection.createStatement()) {
            statement.execute("set session_replication_role = origin");
            for (String table :
                    new String[] {"users", "campaigns", "payment_methods", "memberships", "posts"}) {
                statement.execute("select setval(pg_get_serial_sequence('" + table + "', 'id'), "
                        + "(select max(id) from " + table + "))");
            }
        }
        connection.commit();
        connection.setAutoCommit(true);
        long vacuum = System.nanoTime();
        try (Statement statement = connection.createStatement()) {
            statement.execute("vacuum analyze");
        }
        System.out.printf("  %-20s %6.2f s%n", "vacuum analyze", (System.nanoTime() - vacuum) / 1e9);
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("""
                        select (select count(*) from memberships), (select count(*) from memberships where campaign_id = 1),
                               (select count(*) from accruals), (select count(distinct patron_user_id) from memberships)""")) {
            rs.next();
            System.out.printf(
                    "Population: %,d pledges (%,d of creator 1), %,d pending accruals, %,d patrons, %,d creators%n",
                    rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), creators);
        }
    }

    private void campaigns(Connection connection) throws Exception {
        currency = new String[creators + 1];
        perCreation = new boolean[creators + 1];
        Instant created = longAgo.minusSeconds(86_400L * 400);
        try (CopyRows rows = new CopyRows(connection, "campaigns", """
                id, owner_user_id, slug, name, one_liner, summary_markdown, summary_html, currency, billing_model,
                creation_noun, patron_count_public, earnings_public, adult, status, featured, annual_discount_pct,
                paid_posts_per_month, created_at, updated_at, published_at""")) {
            for (int c = 1; c <= creators; c++) {
                int mix = c % 20;
                currency[c] = c == 1 || mix < 12 ? "USD" : mix < 17 ? "EUR" : mix < 19 ? "GBP" : "JPY";
                perCreation[c] = c == 1 || c % 2 == 0;
                String summary = "The page of creator " + c + ".";
                rows.row(
                        (long) c,
                        (long) c,
                        slug(c),
                        "Creator " + c,
                        "Makes things, one a week",
                        summary,
                        "<p>" + summary + "</p>\n",
                        currency[c],
                        perCreation[c] ? "PER_CREATION" : "MONTHLY",
                        "episode",
                        true,
                        false,
                        false,
                        "PUBLISHED",
                        false,
                        c % 4 == 0 ? 10 : 0,
                        20,
                        created,
                        created,
                        created);
            }
        }
        try (CopyRows fees = new CopyRows(connection, "creator_fee_overrides", "campaign_id, platform_fee_bps")) {
            for (int c = 5; c <= creators; c += 5) {
                fees.row((long) c, 500);
            }
        }
    }

    static String slug(int creator) {
        return "billing-creator-" + creator;
    }

    /** Five public posts per creator, two paid ones last month per per-creation creator, creator 1's draft. */
    private void posts(Connection connection) throws Exception {
        try (CopyRows rows = new CopyRows(connection, "posts", """
                id, campaign_id, title, slug, body_markdown, body_html, teaser, kind, access, charge_patrons, status,
                published_at, comments_locked, created_at, updated_at""")) {
            long id = 1;
            for (int c = 1; c <= creators; c++) {
                for (int k = 0; k < 5; k++, id++) {
                    Instant at = longAgo.plusSeconds(86_400L * 7 * k + c);
                    rows.row(
                            id,
                            (long) c,
                            "Post " + k + " of " + c,
                            "post-" + k,
                            "Notes.",
                            "<p>Notes.</p>\n",
                            "Notes.",
                            "TEXT",
                            "PUBLIC",
                            false,
                            "PUBLISHED",
                            at,
                            false,
                            at,
                            at);
                }
                if (perCreation[c]) {
                    for (int k = 0; k < 2; k++, id++) {
                        Instant at = paidPostAt(k);
                        rows.row(
                                id,
                                (long) c,
                                "Paid " + k + " of " + c,
                                "paid-" + k,
                                "For patrons.",
                                "<p>For patrons.</p>\n",
                                "For patrons.",
                                "TEXT",
                                "PATRONS",
                                true,
                                "PUBLISHED",
                                at,
                                false,
                                at,
                                at);
                    }
                }
            }
            draftPost = id;
            Instant at = Instant.now().minusSeconds(3600);
            rows.row(
                    id,
                    1L,
                    "The episode for 100,000 patrons",
                    "big-episode",
                    "For patrons.",
                    "<p>For patrons.</p>\n",
                    "For patrons.",
                    "TEXT",
                    "PATRONS",
                    true,
                    "DRAFT",
                    null,
                    false,
                    at,
                    at);
        }
    }

    private Instant paidPostAt(int k) {
        return lastMonth.plusDays(9 + 10L * k).atTime(10, 0).toInstant(ZoneOffset.UTC);
    }

    /** The first post id of creator c's two paid posts of last month. */
    private long paidPostId(int c) {
        long id = 0;
        // five public posts each, two paid ones for per-creation creators, in creator order
        for (int before = 1; before < c; before++) {
            id += 5 + (perCreation[before] ? 2 : 0);
        }
        return id + 5 + 1;
    }

    /** Memberships, cards and accruals, patron by patron; returns {patrons}. */
    private int[] memberships(Connection connection) throws Exception {
        long[] firstPaid = new long[creators + 1];
        for (int c = 1; c <= creators; c++) {
            firstPaid[c] = perCreation[c] ? paidPostId(c) : 0;
        }
        int dayOfMonth = today.getDayOfMonth();
        int made = 0;
        int patron = 0;
        Accruals due = new Accruals(pledges * 2);
        byte[] cardOf = new byte[pledges + 1];
        try (CopyRows rows = new CopyRows(connection, "memberships", """
                id, campaign_id, patron_user_id, amount_minor, currency, status, paid_through, created_at, updated_at,
                cadence, monthly_cap, anchor_day, next_charge_on, payment_method_id""")) {
            while (made < pledges) {
                patron++;
                long user = creators + patron;
                int mix = random.nextInt(100);
                cardOf[patron] = (byte) (mix < 92 ? 0 : mix < 96 ? 1 : mix < 98 ? 2 : mix < 99 ? 3 : 4);
                Set<Integer> chosen = new LinkedHashSet<>();
                if (patron <= big) {
                    chosen.add(1);
                }
                int count = Math.min(1 + random.nextInt(4), pledges - made);
                while (chosen.size() < count) {
                    chosen.add(2 + random.nextInt(creators - 1));
                }
                for (int c : chosen) {
                    long id = ++made;
                    boolean jpy = currency[c].equals("JPY");
                    Instant created = longAgo.plusSeconds(random.nextInt(86_400 * 30));
                    if (perCreation[c]) {
                        long amount = 100 + 50L * random.nextInt(19);
                        Integer cap = random.nextInt(5) == 0 ? 1 : null;
                        rows.row(
                                id,
                                (long) c,
                                user,
                                amount,
                                currency[c],
                                "ACTIVE",
                                null,
                                created,
                                created,
                                "PER_CREATION",
                                cap,
                                null,
                                null,
                                (long) patron);
                        for (int k = 0; k < (cap == null ? 2 : 1); k++) {
                            due.add(id, c, user, firstPaid[c] + k, amount, k);
                        }
                    } else {
                        boolean annual = random.nextInt(20) == 0;
                        long amount =
                                jpy ? 300L * (1 + random.nextInt(10)) : new long[] {300, 500, 1000}[random.nextInt(3)];
                        rows.row(
                                id,
                                (long) c,
                                user,
                                amount,
                                currency[c],
                                "ACTIVE",
                                today.atStartOfDay(ZoneOffset.UTC).toInstant(),
                                created,
                                created,
                                annual ? "ANNUAL" : "MONTHLY",
                                null,
                                dayOfMonth,
                                today,
                                (long) patron);
                    }
                }
            }
        }
        try (CopyRows cards = new CopyRows(connection, "payment_methods", """
                id, user_id, gateway, token, brand, last4, exp_month, exp_year, is_default, created_at""")) {
            for (int p = 1; p <= patron; p++) {
                String card = CARDS[cardOf[p]];
                cards.row(
                        (long) p,
                        (long) creators + p,
                        "sandbox",
                        "sbx_" + card,
                        "Visa",
                        card.substring(12),
                        12,
                        2040,
                        true,
                        longAgo);
            }
        }
        try (CopyRows accruals = new CopyRows(connection, "accruals", """
                membership_id, campaign_id, patron_user_id, post_id, amount_minor, currency,
                accrued_at, accrual_month, status""")) {
            for (int i = 0; i < due.size; i++) {
                int c = (int) due.campaign[i];
                accruals.row(
                        due.membership[i],
                        (long) c,
                        due.user[i],
                        due.post[i],
                        due.amount[i],
                        currency[c],
                        paidPostAt((int) due.k[i]),
                        lastMonth,
                        "PENDING");
            }
        }
        return new int[] {patron};
    }

    /** Last month's accruals, kept until the memberships are loaded (one COPY at a time per connection). */
    private static final class Accruals {
        final long[] membership;
        final long[] campaign;
        final long[] user;
        final long[] post;
        final long[] amount;
        final long[] k;
        int size;

        Accruals(int capacity) {
            membership = new long[capacity];
            campaign = new long[capacity];
            user = new long[capacity];
            post = new long[capacity];
            amount = new long[capacity];
            k = new long[capacity];
        }

        void add(long membershipId, int campaignId, long userId, long postId, long amountMinor, int index) {
            membership[size] = membershipId;
            campaign[size] = campaignId;
            user[size] = userId;
            post[size] = postId;
            amount[size] = amountMinor;
            k[size] = index;
            size++;
        }
    }

    private void users(Connection connection) throws Exception {
        try (CopyRows users = new CopyRows(connection, "users", """
                id, email, email_verified_at, display_name, password_hash, created_at, updated_at""")) {
            Instant created = longAgo.minusSeconds(86_400L * 500);
            for (long id = 1; id <= creators + patrons; id++) {
                boolean creator = id <= creators;
                users.row(
                        id,
                        (creator ? "creator" : "patron") + id + "@billing.maecenas.test",
                        created,
                        (creator ? "Creator " : "Patron ") + id,
                        PASSWORD_HASH,
                        created,
                        created);
            }
        }
        try (CopyRows roles = new CopyRows(connection, "user_roles", "user_id, role")) {
            for (long id = 1; id <= creators + patrons; id++) {
                roles.row(id, id <= creators ? "CREATOR" : "PATRON");
            }
        }
    }

    private void write(Path file, String schema) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("schema", schema);
        properties.setProperty("version", VERSION);
        properties.setProperty("pledges", Integer.toString(pledges));
        properties.setProperty("big.pledges", Integer.toString(big));
        properties.setProperty("creators", Integer.toString(creators));
        properties.setProperty("creator.email", "creator1@billing.maecenas.test");
        properties.setProperty("creator.password", PASSWORD);
        properties.setProperty("draft.post", Long.toString(draftPost));
        properties.setProperty("billing.date", today.toString());
        try (Writer out = Files.newBufferedWriter(file)) {
            properties.store(out, "written by org.maecenas.bench.BillingSeed");
        }
    }
}
