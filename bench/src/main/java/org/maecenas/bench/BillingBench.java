package org.maecenas.bench;

import java.io.IOException;
import java.io.Reader;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * The billing benchmark, in one run against a database seeded by {@link BillingSeed} and an
 * application already serving it: (d) the creator page's latency without billing; (a) creator 1
 * publishes the paid post through the web (signed in, CSRF and all) and the accruals are timed
 * until all are committed; (b) a second application process runs the billing day ({@code java -jar
 * maecenas.jar billing run}) while (d) the creator pages are loaded again; rows per table and per
 * second; (c) the baseline: raw COPY of as many invoice rows into {@code invoices}, rolled back;
 * (e) the CPU the day cost (PostgreSQL, both application processes) beside how busy the machine was.
 *
 * <p>Usage: {@code BillingBench app=http://127.0.0.1:28090 jdbc=jdbc:postgresql://…
 * database-url=postgresql://… seed=… java=… jar=… [connections=12] [warmup=15] [idle=30]
 * [out=…] [node-opts="-Xmx1g"] [node-args="--a=b"] [node-nice=10] [pg-pid=postmaster] [app-pid=…]}.
 */
public final class BillingBench {

    private static final List<String> TABLES = List.of(
            "invoices", "invoice_lines", "payment_attempts", "sandbox_charges", "journal_entries", "journal_legs");
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern DAY_DONE = Pattern.compile("Billing day \\S+: (\\w+), .* in ([0-9.]+) s");
    private static final Pattern NODE_CPU = Pattern.compile("this process: ([0-9.]+) s CPU");
    private static final Pattern EVENTS_DONE = Pattern.compile("Event listeners .* done ([0-9.]+) s after");

    private final Map<String, String> options;
    private final URI app;
    private final String jdbc;
    private final Properties seed = new Properties();
    private final int connections;
    /** Requests per second of the measured load (all connections together); 0: as fast as answered. */
    private final double rate;

    private final StringBuilder report = new StringBuilder();

    private BillingBench(Map<String, String> options) throws IOException {
        this.options = options;
        app = URI.create(options.get("app"));
        jdbc = options.get("jdbc");
        connections = Integer.parseInt(options.getOrDefault("connections", "12"));
        rate = Double.parseDouble(options.getOrDefault("rate", "60"));
        try (Reader in = Files.newBufferedReader(Path.of(options.get("seed")))) {
            seed.load(in);
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            options.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        new BillingBench(options).run();
    }

    private void run() throws Exception {
        int creators = Integer.parseInt(seed.getProperty("creators"));
        line(
                "Billing benchmark: %,d pledges, creator 1 with %,d, %d cores, %s",
                Long.parseLong(seed.getProperty("pledges")),
                Long.parseLong(seed.getProperty("big.pledges")),
                Runtime.getRuntime().availableProcessors(),
                Runtime.version());
        System.out.println("== warm-up of the creator pages");
        load(creators, Integer.parseInt(options.getOrDefault("warmup", "15")) * 1000L, null, 0);
        System.out.println("== creator pages without billing");
        Latency idle = load(creators, Integer.parseInt(options.getOrDefault("idle", "30")) * 1000L, null, rate);

        System.out.println("== (a) publishing creator 1's paid post");
        double[] accrual = publishAndTimeAccruals();

        System.out.println("== (b) the billing day, on a second process, under the same page load");
        Map<String, Long> before = counts();
        statements("select pg_stat_statements_reset()");
        Day day = billingDay(creators);
        List<String> costliest = statements("""
                with day as (
                    select * from pg_stat_statements
                     where dbid = (select oid from pg_database where datname = current_database()))
                select * from (
                    select calls, total_exec_time / 1000, total_plan_time / 1000, rows,
                           left(regexp_replace(query, '\\s+', ' ', 'g'), 90)
                      from day order by total_exec_time desc limit 25) costliest
                union all
                select sum(calls), sum(total_exec_time) / 1000, sum(total_plan_time) / 1000, sum(rows),
                       '(all statements of the day, the pages'' included)'
                  from day""");
        Map<String, Long> after = counts();

        System.out.println("== (c) baseline: COPY of as many invoice rows, rolled back");
        long invoices = after.get("invoices") - before.get("invoices");
        double copySeconds = copyInvoices(invoices);

        line("");
        line("| measure | figure |");
        line("|---|--:|");
        line("| (a) accruals for one paid post of creator 1: rows | %,d |", (long) accrual[0]);
        line("| (a) publish request sent → every accrual committed | %.2f s |", accrual[1]);
        line("| (b) billing day (`BillingDays.run`), %s | %.1f s |", day.stage, day.seconds);
        line("| (b) … then receipts and notices (event listeners) done | %.1f s |", day.eventsSeconds);
        line(
                "| (c) baseline: COPY of %,d invoice rows into `invoices` | %.2f s (%,.0f rows/s) |",
                invoices, copySeconds, invoices / copySeconds);
        line(
                "| (d) creator page without billing: p50 / p99 (%d conn., %,.0f req/s) | %.1f / %.1f ms |",
                connections, idle.perSecond, idle.p50, idle.p99);
        line(
                "| (d) creator page while the billing day runs: p50 / p99 (%,.0f req/s) | %.1f / %.1f ms |",
                day.latency.perSecond, day.latency.p50, day.latency.p99);
        line("| (d) p99 while billing ÷ p99 without | %.2f× |", day.latency.p99 / idle.p99);
        Usage cpu = day.usage;
        line(
                "| (e) CPU during the day: PostgreSQL / billing node / page node | %.0f / %.0f / %.0f s |",
                cpu.postgres, cpu.node, cpu.app);
        line(
                "| (e) … all three, as a share of the machine's %.0f core-seconds; the machine busy in all | %.0f%%; %.0f%% (load average %.1f) |",
                cpu.machineTotal,
                100 * cpu.ours() / cpu.machineTotal,
                100 * cpu.machineBusy / cpu.machineTotal,
                cpu.load);
        line("");
        line("| table | rows written by the day | rows/s over the day |");
        line("|---|--:|--:|");
        for (String table : TABLES) {
            long rows = after.get(table) - before.get(table);
            line("| %s | %,d | %,.0f |", table, rows, rows / day.seconds);
        }
        long all = TABLES.stream().mapToLong(t -> after.get(t) - before.get(t)).sum();
        line("| all six | %,d | %,.0f |", all, all / day.seconds);
        line(
                "| (accruals invoiced) | %,d | %,.0f |",
                after.get("accruals invoiced") - before.get("accruals invoiced"),
                (after.get("accruals invoiced") - before.get("accruals invoiced")) / day.seconds);
        line(
                "| (invoices paid / open after a decline) | %,d / %,d | |",
                after.get("invoices paid"), after.get("invoices declined"));
        line(
                "| (event publications; mail rows queued, the mails they hold; mails sent) | %,d; %,d, %,d; %,d | |",
                after.get("event_publication") - before.get("event_publication"),
                after.get("mail rows") - before.get("mail rows"),
                after.get("mails queued") - before.get("mails queued"),
                after.get("dev_mailbox") - before.get("dev_mailbox"));
        line("");
        line("Statements of the day by time spent in PostgreSQL (wall time inside the server, so it includes waiting");
        line("for a core on a busy machine):");
        line("");
        line("| calls | seconds | planning, s | rows | statement |");
        line("|--:|--:|--:|--:|---|");
        costliest.forEach(this::line);
        if (options.containsKey("out")) {
            Files.writeString(Path.of(options.get("out")), report);
        }
    }

    private void line(String format, Object... args) {
        String text = args.length == 0 ? format : String.format(format, args);
        System.out.println(text);
        report.append(text).append('\n');
    }

    /** Percentiles of the creator pages over a window. */
    record Latency(double p50, double p99, double perSecond, long errors) {}

    /**
     * Loads /{slug} of every creator in turn on {@code connections} keep-alive connections, paced at
     * {@code perSecond} in all (each request has its planned start; its latency counts from there, so
     * a stall counts for every request it delays), or as fast as answered when 0.
     */
    private Latency load(int creators, long millis, AtomicBoolean stop, double perSecond) throws InterruptedException {
        long interval = perSecond <= 0 ? 0 : (long) (connections * 1e9 / perSecond);
        long deadline = System.nanoTime() + millis * 1_000_000L;
        AtomicBoolean done = stop == null ? new AtomicBoolean() : stop;
        Histogram[] histograms = new Histogram[connections];
        AtomicLong errors = new AtomicLong();
        Thread[] workers = new Thread[connections];
        long start = System.nanoTime();
        for (int w = 0; w < connections; w++) {
            int worker = w;
            histograms[w] = new Histogram(120_000_000L, 3);
            workers[w] = Thread.ofVirtual().start(() -> {
                try (HttpConnection connection = new HttpConnection(app.getHost(), app.getPort())) {
                    long planned = start + interval * worker / connections;
                    for (int n = worker * 7919; !done.get() && (stop != null || System.nanoTime() < deadline); n++) {
                        try {
                            long wait = planned - System.nanoTime();
                            if (interval > 0 && wait > 0) {
                                java.util.concurrent.locks.LockSupport.parkNanos(wait);
                            }
                            long sent = System.nanoTime();
                            var response = connection.get("/" + BillingSeed.slug(1 + Math.floorMod(n, creators)));
                            long answered = System.nanoTime();
                            long from = interval > 0 ? Math.min(planned, sent) : sent;
                            planned += interval;
                            if (response.status() != 200) {
                                errors.incrementAndGet();
                                continue;
                            }
                            histograms[worker].recordValue(Math.max(1, (answered - from) / 1000));
                        } catch (IOException | RuntimeException e) {
                            errors.incrementAndGet();
                            connection.close();
                        }
                    }
                }
            });
        }
        for (Thread worker : workers) {
            worker.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Histogram all = new Histogram(120_000_000L, 3);
        for (Histogram h : histograms) {
            all.add(h);
        }
        Latency latency = new Latency(
                all.getValueAtPercentile(50) / 1000.0,
                all.getValueAtPercentile(99) / 1000.0,
                all.getTotalCount() / seconds,
                errors.get());
        System.out.printf(
                "  %,d requests in %.0f s: %.0f/s, p50 %.1f ms, p99 %.1f ms, %d errors%n",
                all.getTotalCount(), seconds, latency.perSecond, latency.p50, latency.p99, latency.errors);
        return latency;
    }

    /** Signs in as creator 1, publishes the draft, waits for every accrual; {rows, seconds, registry seconds}. */
    private double[] publishAndTimeAccruals() throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String login = get(client, "/login");
        HttpResponse<String> signedIn = post(
                client,
                "/login",
                Map.of(
                        "email", seed.getProperty("creator.email"),
                        "password", seed.getProperty("creator.password"),
                        "_csrf", csrf(login)));
        if (signedIn.statusCode() != 302
                || signedIn.headers().firstValue("location").orElse("").contains("error")) {
            throw new IllegalStateException("could not sign in: " + signedIn.statusCode() + " " + signedIn.headers());
        }
        long post = Long.parseLong(seed.getProperty("draft.post"));
        String editor = get(client, "/dashboard/posts/" + post);
        long expected;
        try (Connection db = DriverManager.getConnection(jdbc, "postgres", "")) {
            expected = single(
                    db,
                    "select count(*) from memberships where campaign_id = 1 and status = 'ACTIVE'"
                            + " and cadence = 'PER_CREATION'");
            long start = System.nanoTime();
            HttpResponse<String> published =
                    post(client, "/dashboard/posts/" + post + "/publish", Map.of("_csrf", csrf(editor)));
            if (published.statusCode() != 302) {
                throw new IllegalStateException("publishing answered " + published.statusCode());
            }
            double requestSeconds = (System.nanoTime() - start) / 1e9;
            long accrued = 0;
            while (accrued < expected && System.nanoTime() - start < 600e9) {
                accrued = single(db, "select count(*) from accruals where post_id = " + post);
                if (accrued < expected) {
                    Thread.sleep(5);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double registry;
            try (Statement s = db.createStatement();
                    ResultSet rs = s.executeQuery("""
                            select extract(epoch from completion_date - publication_date) from event_publication
                             where event_type like '%PostPublished' and listener_id like '%Accruals%'
                             order by publication_date desc limit 1""")) {
                registry = rs.next() ? rs.getDouble(1) : Double.NaN;
            }
            System.out.printf(
                    "  publish answered in %.2f s; %,d of %,d accruals after %.2f s (listener: %.2f s)%n",
                    requestSeconds, accrued, expected, seconds, registry);
            return new double[] {accrued, seconds, registry};
        }
    }

    record Day(String stage, double seconds, double eventsSeconds, Latency latency, Usage usage) {}

    /** CPU seconds over the billing day: PostgreSQL, the billing node, the page-serving node, the machine. */
    record Usage(double postgres, double node, double app, double machineBusy, double machineTotal, double load) {

        double ours() {
            return postgres + node + app;
        }
    }

    /** CPU counters at one moment (seconds since their processes or the machine started). */
    private record Counters(double postgres, double app, double[] machine) {}

    private Counters counters() {
        return new Counters(
                ProcCpu.postgres(Long.parseLong(options.getOrDefault("pg-pid", "-1"))),
                ProcCpu.own(Long.parseLong(options.getOrDefault("app-pid", "-1"))),
                ProcCpu.machine());
    }

    /** Starts the billing node, loads the pages while its day runs, waits for it to finish. */
    private Day billingDay(int creators) throws Exception {
        Path log = Path.of(options.getOrDefault("node-log", "target/billing-node.log"));
        List<String> command = new java.util.ArrayList<>();
        String nice = options.getOrDefault("node-nice", "");
        if (!nice.isBlank()) { // a lower CPU priority for the billing process (not for PostgreSQL)
            command.addAll(List.of("nice", "-n", nice));
        }
        command.add(options.get("java"));
        for (String opt : options.getOrDefault("node-opts", "-Xms512m -Xmx2g").split(" ")) {
            if (!opt.isBlank()) {
                command.add(opt);
            }
        }
        command.addAll(List.of("-jar", options.get("jar"), "billing", "run", seed.getProperty("billing.date")));
        for (String arg : options.getOrDefault("node-args", "").split(" ")) {
            if (!arg.isBlank()) {
                command.add(arg);
            }
        }
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("DATABASE_URL", options.get("database-url"));
        builder.environment().put("MAECENAS_DEMO_ENABLED", "false");
        Process node = builder.start();
        try {
            // the load covers the day itself, not the node's start-up
            while (!Files.readString(log).contains("Billing day " + seed.getProperty("billing.date") + " starting")) {
                if (!node.isAlive()) {
                    throw new IllegalStateException("the billing node died: " + Files.readString(log));
                }
                Thread.sleep(50);
            }
            AtomicBoolean stop = new AtomicBoolean();
            Counters before = counters();
            Counters[] after = new Counters[1];
            double[] load = new double[2];
            Thread watcher = Thread.ofVirtual().start(() -> {
                try {
                    for (long n = 0; node.isAlive() && !DAY_DONE.matcher(Files.readString(log)).find(); n++) {
                        if (n % 20 == 0) {
                            load[0] += ProcCpu.load();
                            load[1]++;
                        }
                        Thread.sleep(50);
                    }
                } catch (Exception e) {
                    // stop the load anyway
                } finally {
                    after[0] = counters();
                    stop.set(true);
                }
            });
            Latency latency = load(creators, 0, stop, rate);
            watcher.join();
            int exit = node.waitFor();
            String output = Files.readString(log);
            Matcher done = DAY_DONE.matcher(output);
            Matcher events = EVENTS_DONE.matcher(output);
            Matcher nodeCpu = NODE_CPU.matcher(output);
            Usage usage = new Usage(
                    after[0].postgres() - before.postgres(),
                    nodeCpu.find() ? Double.parseDouble(nodeCpu.group(1)) : Double.NaN,
                    after[0].app() - before.app(),
                    after[0].machine()[0] - before.machine()[0],
                    after[0].machine()[1] - before.machine()[1],
                    load[1] == 0 ? ProcCpu.load() : load[0] / load[1]);
            if (!done.find()) {
                throw new IllegalStateException("the billing node exited " + exit + " without a day:\n" + output);
            }
            System.out.println(output.lines()
                    .filter(l -> l.startsWith("Billing") || l.startsWith("Event") || l.contains("stage"))
                    .collect(Collectors.joining("\n")));
            return new Day(
                    done.group(1),
                    Double.parseDouble(done.group(2)),
                    events.find() ? Double.parseDouble(events.group(1)) : Double.NaN,
                    latency,
                    usage);
        } finally {
            node.destroy();
        }
    }

    private Map<String, Long> counts() throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection db = DriverManager.getConnection(jdbc, "postgres", "")) {
            for (String table : TABLES) {
                counts.put(table, single(db, "select count(*) from " + table));
            }
            counts.put("accruals invoiced", single(db, "select count(*) from accruals where status = 'INVOICED'"));
            counts.put("invoices paid", single(db, "select count(*) from invoices where status = 'PAID'"));
            counts.put(
                    "invoices declined",
                    single(db, "select count(*) from invoices where status = 'OPEN' and failures > 0"));
            counts.put("event_publication", single(db, "select count(*) from event_publication"));
            counts.put("dev_mailbox", single(db, "select count(*) from dev_mailbox"));
            counts.put("mail rows", single(db, "select count(*) from mail_outbox"));
            // a batch row holds a chunk's receipts, notices and requests to confirm
            counts.put("mails queued", single(db, """
                    select coalesce(sum(case when batch_kind is null then 1
                                             else json_array_length(batch_payload::json -> 'paid')
                                                  + json_array_length(batch_payload::json -> 'declined')
                                                  + json_array_length(batch_payload::json -> 'toConfirm') end), 0)
                      from mail_outbox
                    """));
        }
        return counts;
    }

    /** COPY of {@code rows} invoice rows like the day's (same columns, keys, references), rolled back. */
    private double copyInvoices(long rows) throws Exception {
        try (Connection db = DriverManager.getConnection(jdbc, "postgres", "")) {
            long creators = Long.parseLong(seed.getProperty("creators"));
            long patrons = single(db, "select count(*) from payment_methods");
            db.setAutoCommit(false);
            Instant now = Instant.now();
            LocalDate date = LocalDate.parse(seed.getProperty("billing.date"));
            long start = System.nanoTime();
            try (CopyRows copy = new CopyRows(db, "invoices", """
                    idempotency_key, patron_user_id, currency, billing_date, reason, total_minor, status,
                    payment_method_id, run_id, next_attempt_at, created_at""", false)) {
                for (long i = 0; i < rows; i++) {
                    long patron = 1 + i % patrons;
                    copy.row(
                            "copy-" + date + "-" + patron + "-" + i,
                            creators + patron,
                            "USD",
                            date.toString(),
                            "BILLING_DAY",
                            1000L + i % 977,
                            "OPEN",
                            patron,
                            1L,
                            now,
                            now);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            db.rollback();
            return seconds;
        }
    }

    /** Runs a pg_stat_statements query on the billing database; its rows as table rows. */
    private List<String> statements(String sql) throws SQLException {
        try (Connection db = DriverManager.getConnection(jdbc, "postgres", "");
                Statement s = db.createStatement()) {
            s.execute("create extension if not exists pg_stat_statements");
            List<String> rows = new java.util.ArrayList<>();
            if (s.execute(sql)) {
                try (ResultSet rs = s.getResultSet()) {
                    while (rs.next() && rs.getMetaData().getColumnCount() == 5) {
                        rows.add(String.format(
                                "| %,d | %.1f | %.1f | %,d | `%s` |",
                                rs.getLong(1),
                                rs.getDouble(2),
                                rs.getDouble(3),
                                rs.getLong(4),
                                rs.getString(5).replace("|", "\\|")));
                    }
                }
            }
            return rows;
        }
    }

    private static long single(Connection db, String sql) throws SQLException {
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String get(HttpClient client, String path) throws Exception {
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(app.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode());
        }
        return response.body();
    }

    private HttpResponse<String> post(HttpClient client, String path, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return client.send(
                HttpRequest.newBuilder(app.resolve(path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String csrf(String page) {
        Matcher matcher = CSRF.matcher(page);
        if (!matcher.find()) {
            throw new IllegalStateException("no CSRF token on the page");
        }
        return matcher.group(1).replace("&#x2D;", "-").replace("&#45;", "-");
    }
}
