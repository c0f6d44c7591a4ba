package org.maecenas.bench;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * The load generator: for each page, the application and the baseline in turn, with the same
 * addresses in the same order, {@code connections} keep-alive connections (one virtual thread each,
 * closed loop) for a fixed time after a warm-up. Measures requests per second, latency (last byte)
 * and time to first byte, then the creation pages' time to first byte on one idle connection.
 * Prints a table per run and a summary (median and spread over the runs) with the goals.
 *
 * <p>Usage: {@code Load app=http://127.0.0.1:28080 baseline=http://127.0.0.1:28081
 * seed=target/seed.properties [connections=32] [warmup=30] [duration=10] [runs=3] [probe=300]
 * [out=target/results.md] [jdbc=jdbc:postgresql://…] [pids=app:1,baseline:2,postgres:3] [only=creator]}.
 * With {@code pids}, reports the CPU time a request costs in each process. With {@code jdbc}, counts the
 * statements a request costs (pg_stat_statements); with {@code only}, measures the pages whose name
 * starts so (for profiling) and prints no summary.
 */
public final class Load {

    /** One page to measure: a name and, per request number, the address to ask for. */
    record Target(String name, IntFunction<String> path) {}

    /** What one server did for one target in one run. */
    record Result(
            long requests,
            long errors,
            double seconds,
            Histogram latency,
            Histogram ttfb,
            Statements statements,
            Map<String, Double> cpuMillis) {
        double perSecond() {
            return requests / seconds;
        }

        double queriesPerRequest() {
            return statements.calls() / (double) requests;
        }

        double dbMillisPerRequest() {
            return statements.millis() / requests;
        }

        /** CPU milliseconds a request in the named process (app, baseline, postgres, load). */
        double cpuPerRequest(String process) {
            return cpuMillis.getOrDefault(process, 0.0) / requests;
        }
    }

    /** Time to first byte of the creation pages on one otherwise idle connection (microseconds). */
    record Probe(double busyMedian, double quietMedian, double busyP90, double quietP90) {
        double ratio() {
            return busyMedian / quietMedian;
        }
    }

    private static final String APP = "app";
    private static final String BASE = "baseline";

    private final Map<String, String> options;
    private final int connections;
    private final int warmup;
    private final int duration;
    private final int runs;
    private final int probeRequests;
    private final Map<String, URI> servers = new LinkedHashMap<>();
    private final List<Target> targets = new ArrayList<>();
    private final String busy;
    private final String quiet;
    private final String busyComments;
    private final Statements.Counter statements;
    private final Cpu cpu;

    private Load(Map<String, String> options) throws IOException {
        this.options = options;
        connections = Integer.parseInt(options.getOrDefault("connections", "32"));
        warmup = Integer.parseInt(options.getOrDefault("warmup", "30"));
        duration = Integer.parseInt(options.getOrDefault("duration", "10"));
        runs = Integer.parseInt(options.getOrDefault("runs", "3"));
        probeRequests = Integer.parseInt(options.getOrDefault("probe", "300"));
        servers.put(APP, URI.create(options.get("app")));
        servers.put(BASE, URI.create(options.get("baseline")));
        statements = new Statements.Counter(options.get("jdbc"));
        cpu = new Cpu(options.get("pids"));
        Properties seed = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(options.get("seed")))) {
            seed.load(in);
        }
        String[] creators = seed.getProperty("creators").split(",");
        String[] searches = Arrays.stream(seed.getProperty("searches").split(","))
                .map(q -> "/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8))
                .toArray(String[]::new);
        busy = seed.getProperty("post.busy");
        quiet = seed.getProperty("post.quiet");
        busyComments = seed.getProperty("post.busy.comments");
        // request n of worker w asks for creator (w * 7919 + n) mod 1000: every creator, same order on both servers
        targets.add(new Target("creator page", n -> "/" + creators[Math.floorMod(n, creators.length)]));
        targets.add(new Target("creation page, " + busyComments + " comments", n -> busy));
        targets.add(new Target("creation page, no comments", n -> quiet));
        targets.add(new Target("search", n -> searches[Math.floorMod(n, searches.length)]));
        if (options.containsKey("only")) {
            // profiling one page: the goals' tables need all four
            targets.removeIf(t -> !t.name().startsWith(options.get("only")));
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            options.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        new Load(options).run();
    }

    private void run() throws Exception {
        check();
        System.out.printf(
                "%nLoad: %d connections, warm-up %d s then %d s per page and server, %d run(s)%n",
                connections, warmup, duration, runs);
        for (Target target : targets) {
            for (String server : servers.keySet()) {
                measure(server, target, warmup);
            }
        }
        List<Map<String, Map<String, Result>>> all = new ArrayList<>();
        List<Map<String, Probe>> probes = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            Map<String, Map<String, Result>> results = new LinkedHashMap<>();
            List<String> order = new ArrayList<>(servers.keySet());
            if (run % 2 == 0) {
                order = order.reversed();
            }
            for (Target target : targets) {
                for (String server : order) {
                    results.computeIfAbsent(target.name(), k -> new LinkedHashMap<>())
                            .put(server, measure(server, target, duration));
                }
            }
            Map<String, Probe> probe = new LinkedHashMap<>();
            for (String server : order) {
                if (targets.size() == 4) {
                    probe.put(server, probe(server));
                }
            }
            all.add(results);
            probes.add(probe);
            Report.run(System.out, run, results, probe);
        }
        if (targets.size() < 4) {
            return;
        }
        String summary = Report.summary(connections, duration, all, probes, busyComments);
        System.out.print(summary);
        if (options.containsKey("out")) {
            Files.writeString(Path.of(options.get("out")), summary);
        }
    }

    /** Every address answers 200 on both servers, and both count the same comments. */
    private void check() throws IOException {
        if (targets.size() < 4) {
            return;
        }
        System.out.println("Pages (one request each):");
        for (Target target : targets) {
            for (var server : servers.entrySet()) {
                try (HttpConnection connection = connection(server.getValue())) {
                    String path = target.path().apply(0);
                    HttpConnection.Response response = connection.get(path);
                    if (response.status() != 200) {
                        throw new IllegalStateException(
                                server.getKey() + " answered " + response.status() + " to " + path);
                    }
                    System.out.printf(
                            "  %-8s %-34s %3d %,7d bytes  %s%n",
                            server.getKey(), target.name(), response.status(), response.bodyBytes(), path);
                }
            }
        }
        for (var server : servers.entrySet()) {
            String busyPage = Fetch.body(server.getValue(), busy);
            String quietPage = Fetch.body(server.getValue(), quiet);
            if (!busyPage.contains("Comments (" + busyComments + ")") || !quietPage.contains("Comments (0)")) {
                throw new IllegalStateException(server.getKey() + " does not show the seeded comment counts");
            }
        }
        System.out.println("  both servers show Comments (" + busyComments + ") and Comments (0)");
    }

    private Result measure(String server, Target target, int seconds) throws InterruptedException {
        URI base = servers.get(server);
        statements.reset();
        Map<String, Double> cpuBefore = cpu.now();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong errors = new AtomicLong();
        Histogram[] latency = new Histogram[connections];
        Histogram[] ttfb = new Histogram[connections];
        long[] done = new long[connections];
        long[] lastEnd = new long[connections];
        Thread[] workers = new Thread[connections];
        long start = System.nanoTime();
        for (int w = 0; w < connections; w++) {
            int worker = w;
            latency[w] = new Histogram(60_000_000L, 3);
            ttfb[w] = new Histogram(60_000_000L, 3);
            workers[w] = Thread.ofVirtual().start(() -> {
                try (HttpConnection connection = connection(base)) {
                    for (int n = worker * 7919; System.nanoTime() < deadline; n++) {
                        try {
                            HttpConnection.Response response =
                                    connection.get(target.path().apply(n));
                            if (response.status() != 200) {
                                errors.incrementAndGet();
                                continue;
                            }
                            latency[worker].recordValue(Math.max(1, response.totalNanos() / 1000));
                            ttfb[worker].recordValue(Math.max(1, response.firstByteNanos() / 1000));
                            done[worker]++;
                            lastEnd[worker] = System.nanoTime();
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
        long end = Arrays.stream(lastEnd).max().orElse(System.nanoTime());
        Map<String, Double> cpuUsed = Cpu.since(cpuBefore, cpu.now());
        Histogram allLatency = new Histogram(60_000_000L, 3);
        Histogram allTtfb = new Histogram(60_000_000L, 3);
        for (int w = 0; w < connections; w++) {
            allLatency.add(latency[w]);
            allTtfb.add(ttfb[w]);
        }
        return new Result(
                Arrays.stream(done).sum(),
                errors.get(),
                (end - start) / 1e9,
                allLatency,
                allTtfb,
                statements.read(),
                cpuUsed);
    }

    /** The two creation pages in alternation on one connection, nothing else running. */
    private Probe probe(String server) throws IOException {
        Histogram busyTtfb = new Histogram(60_000_000L, 3);
        Histogram quietTtfb = new Histogram(60_000_000L, 3);
        try (HttpConnection connection = connection(servers.get(server))) {
            for (int i = 0; i < probeRequests; i++) {
                busyTtfb.recordValue(Math.max(1, connection.get(busy).firstByteNanos() / 1000));
                quietTtfb.recordValue(Math.max(1, connection.get(quiet).firstByteNanos() / 1000));
            }
        }
        return new Probe(
                busyTtfb.getValueAtPercentile(50),
                quietTtfb.getValueAtPercentile(50),
                busyTtfb.getValueAtPercentile(90),
                quietTtfb.getValueAtPercentile(90));
    }

    private static HttpConnection connection(URI base) {
        return new HttpConnection(base.getHost(), base.getPort());
    }
}
