package org.maecenas.billing;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import org.maecenas.billing.internal.RunRepository.Run;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code java -jar maecenas.jar billing run [yyyy-MM-dd]}: runs (or resumes) a billing day in this
 * process, beside the nodes that may already share it — after an outage, to bill a missed day, or to
 * measure one. Waits for the day's receipts and notices (the event listeners) to be queued before it
 * exits, and exits non-zero if the day is not done. No other background work runs here: the mail
 * is sent by the servers' scheduled drain.
 */
public final class BillingRunCommand {

    private BillingRunCommand() {}

    public static int run(Class<?> application, String[] args) {
        String day = args.length > 0 && !args[0].startsWith("--") ? args[0] : null;
        String[] rest = day == null ? args : Arrays.copyOfRange(args, 1, args.length);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .web(WebApplicationType.SERVLET)
                .properties(
                        "db-scheduler.enabled=false",
                        // the day's receipts and notices are queued here and sent by the servers
                        "maecenas.mail.send-soon=false",
                        "spring.modulith.events.republish-outstanding-events-on-restart=false",
                        "maecenas.embedded-database.attach-if-running=true",
                        "maecenas.demo.enabled=false",
                        "spring.main.banner-mode=off",
                        "logging.level.root=WARN")
                .run(withFreePort(rest))) {
            BillingProperties properties = context.getBean(BillingProperties.class);
            Clock clock = context.getBean(Clock.class);
            LocalDate date = day == null
                    ? new BillingCalendar(properties.timeZone()).today(clock.instant())
                    : LocalDate.parse(day);
            System.out.println("Billing day " + date + " starting");
            long started = System.nanoTime();
            long cpu = cpuNanos();
            BillingDays days = context.getBean(BillingDays.class);
            Duration statements = days.statementTime();
            Run run = days.run(date);
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf(
                    "Billing day %s: %s, %d planned, %d invoiced, %d charged in %.1f s (this process: %.1f s CPU;"
                            + " its statements after planning: %.1f s in the database)%n",
                    run.billingDate(),
                    run.stage(),
                    run.planned(),
                    run.invoiced(),
                    run.charged(),
                    seconds,
                    (cpuNanos() - cpu) / 1e9,
                    days.statementTime().minus(statements).toMillis() / 1e3);
            long pending = drainEvents(context.getBean(JdbcClient.class), Duration.ofMinutes(30));
            System.out.printf(
                    "Event listeners (receipts, notices) done %.1f s after the start%s%n",
                    (System.nanoTime() - started) / 1e9,
                    pending == 0 ? "" : "; " + pending + " still pending, left to the registry");
            return "DONE".equals(run.stage()) ? 0 : 1;
        }
    }

    /** Waits until the event publications this process raised are complete; returns how many are not. */
    private static long drainEvents(JdbcClient jdbc, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (true) {
            long pending = jdbc.sql("select count(*) from event_publication where completion_date is null")
                    .query(Long.class)
                    .single();
            if (pending == 0 || System.nanoTime() > deadline) {
                return pending;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return pending;
            }
        }
    }

    /** CPU time this process has used, all threads (where the JVM can tell; else 0). */
    private static long cpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime()
                : 0;
    }

    private static String[] withFreePort(String[] args) {
        String[] all = Arrays.copyOf(args, args.length + 1);
        all[args.length] = "--server.port=0";
        return all;
    }
}
