package org.maecenas.ops.database;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Starts PostgreSQL 17 in-process when the operator gave no database: zero setup on a laptop, the
 * same SQL and migrations as production. The cluster's data stays under {@code ./data/postgres}.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfiguration.NoDatabaseConfigured.class)
@EnableConfigurationProperties(EmbeddedDatabaseProperties.class)
class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(EmbeddedDatabaseProperties properties) throws IOException {
        Path dataDirectory =
                Path.of(properties.dataDirectory()).toAbsolutePath().normalize();
        Files.createDirectories(dataDirectory);
        java.util.OptionalInt running = StalePostmaster.portOfLiveOwner(dataDirectory);
        if (running.isPresent()) {
            if (!properties.attachIfRunning()) {
                throw new IllegalStateException("Another Maecenas is running on " + dataDirectory
                        + " (its PostgreSQL listens on port " + running.getAsInt()
                        + "). Stop it first, or set DATABASE_URL to use another database.");
            }
            log.info(
                    "Using the embedded PostgreSQL of the Maecenas already running on {} (port {})",
                    dataDirectory,
                    running.getAsInt());
            return new EmbeddedDatabase(running.getAsInt(), null);
        }
        StalePostmaster.stopIfRunning(dataDirectory);
        boolean fresh = properties.clean() || !Files.exists(dataDirectory.resolve("postgresql.conf"));
        long started = System.nanoTime();
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(properties.clean())
                .setPort(properties.port())
                // money lives here: a commit is durable before it is acknowledged
                .setServerConfig("synchronous_commit", properties.clean() ? "off" : "on")
                .setServerConfig("max_connections", "200")
                .setPGStartupWait(Duration.ofSeconds(60))
                // Spring stops it (destroyMethod) after everything that uses it. Its own JVM hook
                // would race Spring's: the database went away while requests still drained and the
                // event registry's shutdown check then waited 30 s for a connection.
                .setRegisterShutdownHook(false)
                .start();
        createDatabaseIfMissing(postgres, properties.database());
        log.info(
                "Using embedded PostgreSQL 17 on port {} with data in {} ({} in {} ms); set DATABASE_URL to use another server",
                postgres.getPort(),
                dataDirectory,
                fresh ? "new cluster" : "existing data",
                (System.nanoTime() - started) / 1_000_000);
        return new EmbeddedDatabase(postgres.getPort(), postgres);
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedDatabase database, EmbeddedDatabaseProperties properties) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl("jdbc:postgresql://localhost:" + database.port() + "/" + properties.database());
        dataSource.setUsername("postgres");
        dataSource.setPoolName("maecenas-embedded");
        return dataSource;
    }

    private static void createDatabaseIfMissing(EmbeddedPostgres postgres, String database) throws IOException {
        if (!database.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalStateException("maecenas.embedded-database.database must be a plain lower-case name");
        }
        DataSource admin = postgres.getPostgresDatabase();
        try (Connection connection = admin.getConnection();
                Statement statement = connection.createStatement()) {
            try (ResultSet exists =
                    statement.executeQuery("select 1 from pg_database where datname = '" + database + "'")) {
                if (exists.next()) {
                    return;
                }
            }
            statement.execute("create database " + database);
        } catch (SQLException e) {
            throw new IOException("could not create database " + database + " in the embedded PostgreSQL", e);
        }
    }

    /** The embedded server this node started (and stops), or one another node on this machine runs. */
    record EmbeddedDatabase(
            int port, @org.jspecify.annotations.Nullable EmbeddedPostgres owned) {

        void close() throws IOException {
            if (owned != null) {
                owned.close();
            }
        }
    }

    /** Matches when neither DATABASE_URL nor spring.datasource.url names a database. */
    static class NoDatabaseConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !context.getEnvironment().containsProperty("spring.datasource.url");
        }
    }
}
