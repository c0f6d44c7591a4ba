package org.maecenas;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
public class MaecenasApplication {

    public static void main(String[] args) {
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
