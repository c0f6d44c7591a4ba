package org.maecenas.billing;

import java.util.Arrays;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar maecenas.jar ledger verify}: checks every money invariant against the database
 * (DATABASE_URL, or the embedded one — also while Maecenas runs on it) and exits non-zero with a
 * report when one fails. No background work; the web server listens on a free port only while it checks.
 */
public final class LedgerVerifyCommand {

    private LedgerVerifyCommand() {}

    /** Runs the check in a context of {@code application} (the main class, passed in to keep modules acyclic). */
    public static int run(Class<?> application, String[] args) {
        // a web context, since accounts need the session store; on a free port, as Maecenas may be running
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .web(WebApplicationType.SERVLET)
                .properties(
                        "db-scheduler.enabled=false",
                        "spring.modulith.events.republish-outstanding-events-on-restart=false",
                        "maecenas.embedded-database.attach-if-running=true",
                        "maecenas.demo.enabled=false",
                        "spring.main.banner-mode=off",
                        "logging.level.root=WARN")
                .run(withFreePort(args))) {
            InvariantCheck.Report report = context.getBean(InvariantCheck.class).checkAndRecord();
            System.out.println(report.text());
            return report.ok() ? 0 : 1;
        }
    }

    /** A command-line argument, so that it outranks the configured port (defaults would not). */
    private static String[] withFreePort(String[] args) {
        String[] all = Arrays.copyOf(args, args.length + 1);
        all[args.length] = "--server.port=0";
        return all;
    }
}
