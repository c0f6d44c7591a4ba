package org.maecenas.billing;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar maecenas.jar ledger verify}: checks every money invariant against the database
 * (DATABASE_URL, or the embedded one — also while Maecenas runs on it) and exits non-zero with a
 * report when one fails. No web server, no background work.
 */
public final class LedgerVerifyCommand {

    private LedgerVerifyCommand() {}

    /** Runs the check in a context of {@code application} (the main class, passed in to keep modules acyclic). */
    public static int run(Class<?> application, String[] args) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE)
                .properties(
                        "db-scheduler.enabled=false",
                        "spring.modulith.events.republish-outstanding-events-on-restart=false",
                        "maecenas.embedded-database.attach-if-running=true",
                        "maecenas.demo.enabled=false",
                        "spring.main.banner-mode=off",
                        "logging.level.root=WARN")
                .run(args)) {
            InvariantCheck.Report report = context.getBean(InvariantCheck.class).checkAndRecord();
            System.out.println(report.text());
            return report.ok() ? 0 : 1;
        }
    }
}
