package org.maecenas.bench;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.maecenas.bench.Load.Probe;
import org.maecenas.bench.Load.Result;

/** The tables the load generator prints: one per run, and the summary over all runs with the goals. */
final class Report {

    static final double CREATOR_PAGE_GOAL = 0.50;
    static final double TTFB_GOAL = 1.20;

    private Report() {}

    static void run(PrintStream out, int run, Map<String, Map<String, Result>> results, Map<String, Probe> probe) {
        out.printf("%nRun %d%n%n", run);
        out.println("| page | app req/s | baseline req/s | app ÷ baseline | app p50 / p99 ms | baseline p50 / p99 ms"
                + " | app TTFB p50 ms | baseline TTFB p50 ms | SQL statements a request (app / baseline)"
                + " | DB ms a request (app / baseline) | CPU ms a request: server JVM (app / baseline)"
                + " | CPU ms a request: PostgreSQL (app / baseline) | errors |");
        out.println("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        for (var page : results.entrySet()) {
            Result app = page.getValue().get("app");
            Result base = page.getValue().get("baseline");
            out.printf(
                    "| %s | %.0f | %.0f | %.0f%% | %s / %s | %s / %s | %s | %s | %.1f / %.1f | %.2f / %.2f | %.2f / %.2f"
                            + " | %.2f / %.2f | %d |%n",
                    page.getKey(),
                    app.perSecond(),
                    base.perSecond(),
                    100 * app.perSecond() / base.perSecond(),
                    ms(app.latency().getValueAtPercentile(50)),
                    ms(app.latency().getValueAtPercentile(99)),
                    ms(base.latency().getValueAtPercentile(50)),
                    ms(base.latency().getValueAtPercentile(99)),
                    ms(app.ttfb().getValueAtPercentile(50)),
                    ms(base.ttfb().getValueAtPercentile(50)),
                    app.queriesPerRequest(),
                    base.queriesPerRequest(),
                    app.dbMillisPerRequest(),
                    base.dbMillisPerRequest(),
                    app.cpuPerRequest("app"),
                    base.cpuPerRequest("baseline"),
                    app.cpuPerRequest("postgres"),
                    base.cpuPerRequest("postgres"),
                    app.errors() + base.errors());
        }
        for (var server : probe.entrySet()) {
            Probe p = server.getValue();
            out.printf(
                    "TTFB on one idle connection, %s: busy post p50 %s ms (p90 %s), quiet post p50 %s ms (p90 %s), ratio %.2f%n",
                    server.getKey(),
                    ms(p.busyMedian()),
                    ms(p.busyP90()),
                    ms(p.quietMedian()),
                    ms(p.quietP90()),
                    p.ratio());
        }
    }

    static String summary(
            int connections,
            int duration,
            List<Map<String, Map<String, Result>>> runs,
            List<Map<String, Probe>> probes,
            String busyComments) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(
                "%n## Summary: %d run(s), %d connections, %d s per page and server%n%n",
                runs.size(), connections, duration));
        s.append("Median over the runs, and the lowest–highest in brackets. Latency is to the last byte.\n\n");
        s.append("| page | app req/s | baseline req/s | app ÷ baseline | app p50 ms | app p99 ms | baseline p50 ms"
                + " | baseline p99 ms |\n");
        s.append("|---|--:|--:|--:|--:|--:|--:|--:|\n");
        for (String page : runs.getFirst().keySet()) {
            s.append(String.format(
                    "| %s | %s | %s | %s | %s | %s | %s | %s |%n",
                    page,
                    spread(runs, page, "app", Result::perSecond, "%.0f"),
                    spread(runs, page, "baseline", Result::perSecond, "%.0f"),
                    ratioSpread(runs, page),
                    spread(runs, page, "app", r -> r.latency().getValueAtPercentile(50) / 1000.0, "%.1f"),
                    spread(runs, page, "app", r -> r.latency().getValueAtPercentile(99) / 1000.0, "%.1f"),
                    spread(runs, page, "baseline", r -> r.latency().getValueAtPercentile(50) / 1000.0, "%.1f"),
                    spread(runs, page, "baseline", r -> r.latency().getValueAtPercentile(99) / 1000.0, "%.1f")));
        }
        s.append("\nWhat a request costs (median over the runs; app / baseline):\n\n");
        s.append("| page | SQL statements | DB execution ms | CPU ms, server JVM | CPU ms, PostgreSQL"
                + " | CPU ms, load generator |\n");
        s.append("|---|--:|--:|--:|--:|--:|\n");
        for (String page : runs.getFirst().keySet()) {
            s.append(String.format(
                    "| %s | %s | %s | %s | %s | %s |%n",
                    page,
                    pair(runs, page, Result::queriesPerRequest, Result::queriesPerRequest, "%.1f"),
                    pair(runs, page, Result::dbMillisPerRequest, Result::dbMillisPerRequest, "%.2f"),
                    pair(runs, page, r -> r.cpuPerRequest("app"), r -> r.cpuPerRequest("baseline"), "%.2f"),
                    pair(runs, page, r -> r.cpuPerRequest("postgres"), r -> r.cpuPerRequest("postgres"), "%.2f"),
                    pair(runs, page, r -> r.cpuPerRequest("load"), r -> r.cpuPerRequest("load"), "%.2f")));
        }
        String busyPage = "creation page, " + busyComments + " comments";
        String quietPage = "creation page, no comments";
        s.append(String.format(
                "%nTime to first byte of the creation page, %s comments ÷ no comments:%n%n", busyComments));
        s.append(
                "| server | idle connection: p50 ms (busy / quiet) | ratio | under load: TTFB p50 ms (busy / quiet) | ratio |\n");
        s.append("|---|--:|--:|--:|--:|\n");
        for (String server : List.of("app", "baseline")) {
            double[] idleRatios =
                    probes.stream().mapToDouble(p -> p.get(server).ratio()).toArray();
            double[] loadRatios = runs.stream()
                    .mapToDouble(r -> r.get(busyPage).get(server).ttfb().getValueAtPercentile(50)
                            / (double) r.get(quietPage).get(server).ttfb().getValueAtPercentile(50))
                    .toArray();
            s.append(String.format(
                    "| %s | %.2f / %.2f | %s | %.2f / %.2f | %s |%n",
                    server,
                    median(probes.stream()
                            .mapToDouble(p -> p.get(server).busyMedian() / 1000)
                            .toArray()),
                    median(probes.stream()
                            .mapToDouble(p -> p.get(server).quietMedian() / 1000)
                            .toArray()),
                    withRange(idleRatios, "%.2f"),
                    median(runs.stream()
                            .mapToDouble(r -> r.get(busyPage).get(server).ttfb().getValueAtPercentile(50) / 1000.0)
                            .toArray()),
                    median(runs.stream()
                            .mapToDouble(
                                    r -> r.get(quietPage).get(server).ttfb().getValueAtPercentile(50) / 1000.0)
                            .toArray()),
                    withRange(loadRatios, "%.2f")));
        }
        double creatorRatio = median(ratios(runs, "creator page"));
        double ttfbRatio =
                median(probes.stream().mapToDouble(p -> p.get("app").ratio()).toArray());
        s.append(String.format("%nGoals:%n"));
        s.append(String.format(
                "- creator page throughput ≥ 50%% of the baseline's: %.0f%% → %s%n",
                100 * creatorRatio, creatorRatio >= CREATOR_PAGE_GOAL ? "met" : "MISSED"));
        s.append(String.format(
                "- creation page TTFB with %s comments ≤ 1.2× the one with none (app, idle connection, p50): %.2f× → %s%n",
                busyComments, ttfbRatio, ttfbRatio <= TTFB_GOAL ? "met" : "MISSED"));
        return s.toString();
    }

    private static String spread(
            List<Map<String, Map<String, Result>>> runs,
            String page,
            String server,
            ToDoubleFunction<Result> value,
            String format) {
        double[] values = runs.stream()
                .mapToDouble(r -> value.applyAsDouble(r.get(page).get(server)))
                .toArray();
        return withRange(values, format);
    }

    private static String pair(
            List<Map<String, Map<String, Result>>> runs,
            String page,
            ToDoubleFunction<Result> app,
            ToDoubleFunction<Result> baseline,
            String format) {
        double a = median(runs.stream()
                .mapToDouble(r -> app.applyAsDouble(r.get(page).get("app")))
                .toArray());
        double b = median(runs.stream()
                .mapToDouble(r -> baseline.applyAsDouble(r.get(page).get("baseline")))
                .toArray());
        return String.format(format + " / " + format, a, b);
    }

    private static String ratioSpread(List<Map<String, Map<String, Result>>> runs, String page) {
        double[] ratios = Arrays.stream(ratios(runs, page)).map(r -> 100 * r).toArray();
        return withRange(ratios, "%.0f").replace(" (", "% (").replace(")", "%)") + (ratios.length == 1 ? "%" : "");
    }

    private static double[] ratios(List<Map<String, Map<String, Result>>> runs, String page) {
        return runs.stream()
                .mapToDouble(r -> r.get(page).get("app").perSecond()
                        / r.get(page).get("baseline").perSecond())
                .toArray();
    }

    private static String withRange(double[] values, String format) {
        if (values.length == 1) {
            return String.format(format, values[0]);
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return String.format(format, median(values)) + " (" + String.format(format, sorted[0]) + "–"
                + String.format(format, sorted[sorted.length - 1]) + ")";
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String ms(double micros) {
        return String.format("%.2f", micros / 1000);
    }
}
