package org.maecenas.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU seconds from Linux's /proc (clock ticks of 1/100 s): a process's own, the children it has
 * reaped (a finished billing node, PostgreSQL's exited backends), a PostgreSQL server's in all, and
 * the whole machine's busy and total time — so a figure taken on a shared machine can be read
 * beside how busy the machine was.
 */
final class ProcCpu {

    private static final double TICKS = 100.0;

    private ProcCpu() {}

    /** utime, stime, cutime, cstime of a process, in seconds; zeros when it is gone. */
    static double[] times(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields 14 to 17 of stat(5); rest[0] is field 3
            return new double[] {
                Long.parseLong(rest[11]) / TICKS,
                Long.parseLong(rest[12]) / TICKS,
                Long.parseLong(rest[13]) / TICKS,
                Long.parseLong(rest[14]) / TICKS
            };
        } catch (IOException | RuntimeException gone) {
            return new double[4];
        }
    }

    /** A process's own CPU seconds. */
    static double own(long pid) {
        double[] t = times(pid);
        return t[0] + t[1];
    }

    /** CPU seconds of the children a process has waited for. */
    static double reaped(long pid) {
        double[] t = times(pid);
        return t[2] + t[3];
    }

    /**
     * A PostgreSQL server's CPU seconds: the postmaster, its live children and those it has reaped.
     * A child reaped while its siblings are being read would be counted twice or not at all, so the
     * reading is taken again until the postmaster's reaped total is the same before and after it.
     */
    static double postgres(long postmaster) {
        for (int attempt = 0; ; attempt++) {
            double reapedBefore = reaped(postmaster);
            double children = 0;
            try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
                List<Long> live = processes
                        .map(p -> p.getFileName().toString())
                        .filter(name -> name.chars().allMatch(Character::isDigit))
                        .map(Long::parseLong)
                        .filter(pid -> parent(pid) == postmaster)
                        .toList();
                for (long child : live) {
                    children += own(child);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            double reapedAfter = reaped(postmaster);
            if (reapedAfter == reapedBefore || attempt == 20) {
                return own(postmaster) + reapedAfter + children;
            }
        }
    }

    /** The machine's {busy, total} CPU seconds since boot, all cores together. */
    static double[] machine() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < cpu.length; i++) {
                total += Long.parseLong(cpu[i]);
            }
            long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
            return new double[] {(total - idle) / TICKS, total / TICKS};
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The 1-minute load average. */
    static double load() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    private static long parent(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
        } catch (IOException | RuntimeException gone) {
            return -1;
        }
    }
}
