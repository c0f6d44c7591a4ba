package org.maecenas.ops.web;

import java.util.List;

public record AdminRoutesPage(List<RouteTiming> routes) {

    /** The scale of the bar chart: the slowest p99, at least 1 ms. */
    public double scaleMillis() {
        return Math.max(
                1, routes.stream().mapToDouble(RouteTiming::p99Millis).max().orElse(1));
    }

    public int barWidth(double millis) {
        return (int) Math.round(400 * millis / scaleMillis());
    }
}
