package org.maecenas.ops.web;

import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.util.concurrent.TimeUnit;

/** Aggregated timing of one route (all status classes). */
public record RouteTiming(
        String method,
        String route,
        long count,
        long serverErrors,
        double meanMillis,
        double p50Millis,
        double p99Millis,
        double maxMillis) {

    static final class Builder {
        private final String method;
        private final String route;
        private long count;
        private long serverErrors;
        private double totalMillis;
        private double maxMillis;
        private double p50Millis;
        private double p99Millis;

        Builder(String method, String route) {
            this.method = method;
            this.route = route;
        }

        void add(HistogramSnapshot snapshot, String statusClass) {
            count += snapshot.count();
            if ("5xx".equals(statusClass)) {
                serverErrors += snapshot.count();
            }
            totalMillis += snapshot.total(TimeUnit.MILLISECONDS);
            maxMillis = Math.max(maxMillis, snapshot.max(TimeUnit.MILLISECONDS));
            for (ValueAtPercentile percentile : snapshot.percentileValues()) {
                // across status classes, the worst percentile is the honest one to show
                if (percentile.percentile() == 0.5) {
                    p50Millis = Math.max(p50Millis, percentile.value(TimeUnit.MILLISECONDS));
                } else if (percentile.percentile() == 0.99) {
                    p99Millis = Math.max(p99Millis, percentile.value(TimeUnit.MILLISECONDS));
                }
            }
        }

        RouteTiming build() {
            return new RouteTiming(
                    method,
                    route,
                    count,
                    serverErrors,
                    count == 0 ? 0 : totalMillis / count,
                    p50Millis,
                    p99Millis,
                    maxMillis);
        }
    }
}
