package org.maecenas.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * CPU time used by the processes under test (each with its children: PostgreSQL's backends are
 * children of the postmaster, itself a child of the JVM that started it). Linux reports it per
 * process in /proc; ProcessHandle reads it.
 */
final class Cpu {

    private final Map<String, Long> pids = new LinkedHashMap<>();

    /** {@code app:123,baseline:456,postgres:789}; empty when not given. */
    Cpu(String spec) {
        if (spec != null && !spec.isBlank()) {
            for (String entry : spec.split(",")) {
                String[] parts = entry.split(":");
                pids.put(parts[0], Long.parseLong(parts[1]));
            }
        }
        pids.put("load", ProcessHandle.current().pid());
    }

    /** CPU milliseconds used so far, per name. */
    Map<String, Double> now() {
        Map<String, Double> used = new LinkedHashMap<>();
        for (var entry : pids.entrySet()) {
            Optional<ProcessHandle> process = ProcessHandle.of(entry.getValue());
            double millis = process.map(
                            p -> cpu(p) + p.descendants().mapToDouble(Cpu::cpu).sum())
                    .orElse(0.0);
            used.put(entry.getKey(), millis);
        }
        return used;
    }

    static Map<String, Double> since(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> used = new LinkedHashMap<>();
        after.forEach((name, millis) -> used.put(name, millis - before.getOrDefault(name, 0.0)));
        return used;
    }

    private static double cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L) / 1e6;
    }
}
