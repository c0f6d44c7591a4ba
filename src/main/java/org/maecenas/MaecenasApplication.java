package org.maecenas;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.maecenas.billing.BillingRunCommand;
import org.maecenas.billing.LedgerVerifyCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
public class MaecenasApplication {

    public static void main(String[] args) {
        if (args.length >= 2 && args[0].equals("ledger") && args[1].equals("verify")) {
            System.exit(LedgerVerifyCommand.run(
                    MaecenasApplication.class, java.util.Arrays.copyOfRange(args, 2, args.length)));
        }
        if (args.length >= 2 && args[0].equals("billing") && args[1].equals("run")) {
            System.exit(BillingRunCommand.run(
                    MaecenasApplication.class, java.util.Arrays.copyOfRange(args, 2, args.length)));
        }
        SpringApplication.run(MaecenasApplication.class, arguments(args));
    }

    /** {@code --demo} seeds demo data; it is short for {@code --maecenas.demo.enabled=true}. */
    static String[] arguments(String[] args) {
        List<String> result = new ArrayList<>();
        for (String arg : args) {
            result.add(arg.equals("--demo") ? "--maecenas.demo.enabled=true" : arg);
        }
        return result.toArray(String[]::new);
    }

    /** The one source of time. Tests replace it to walk through months. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
