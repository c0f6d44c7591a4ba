package org.maecenas.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A dedicated PostgreSQL 17 (zonky's embedded binaries) for the benchmark, with its data under
 * {@code bench/target/}. Runs until the process is told to stop (SIGTERM from run.sh's trap), then
 * stops the server. Prints {@code READY} when the database {@code maecenas} accepts connections.
 *
 * <p>Usage: {@code BenchPostgres <data-directory> <port>}
 */
public final class BenchPostgres {

    private BenchPostgres() {}

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]).toAbsolutePath().normalize();
        int port = Integer.parseInt(args[1]);
        Files.createDirectories(data);
        stopStalePostmaster(data);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(120))
                // a throw-away benchmark cluster: loading skips the WAL (COPY after TRUNCATE in
                // one transaction) and commits don't wait for the disk. Reads are unaffected.
                .setServerConfig("wal_level", "minimal")
                .setServerConfig("max_wal_senders", "0")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("max_wal_size", "4GB")
                .setServerConfig("checkpoint_timeout", "30min")
                .setServerConfig("shared_buffers", "512MB")
                .setServerConfig("effective_cache_size", "4GB")
                .setServerConfig("work_mem", "16MB")
                .setServerConfig("max_connections", "200")
                .setServerConfig("autovacuum", "on")
                // counts statements per page for the load generator's report (same cost on both sides)
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .setServerConfig("pg_stat_statements.track", "top")
                .setServerConfig("pg_stat_statements.track_planning", "on")
                .setRegisterShutdownHook(false)
                .start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
                System.out.println("PostgreSQL stopped");
            } catch (Exception e) {
                System.err.println("could not stop PostgreSQL: " + e);
            } finally {
                stopped.countDown();
            }
        }));
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            try (ResultSet exists = statement.executeQuery("select 1 from pg_database where datname = 'maecenas'")) {
                if (!exists.next()) {
                    statement.execute("create database maecenas");
                }
            }
        }
        try (Connection connection =
                        postgres.getDatabase("postgres", "maecenas").getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("create extension if not exists pg_stat_statements");
        }
        System.out.println("READY postgresql://postgres@127.0.0.1:" + port + "/maecenas data=" + data);
        System.out.flush();
        stopped.await();
    }

    /** A postmaster left behind by a killed run still holds the data directory: stop it first. */
    private static void stopStalePostmaster(Path data) throws Exception {
        Path pidFile = data.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty() || !lines.getFirst().trim().matches("\\d+")) {
            return;
        }
        Optional<ProcessHandle> process =
                ProcessHandle.of(Long.parseLong(lines.getFirst().trim())).filter(ProcessHandle::isAlive);
        if (process.flatMap(p -> p.info().command())
                .map(c -> c.endsWith("postgres"))
                .orElse(false)) {
            System.out.println("stopping a PostgreSQL left over from an earlier run (pid "
                    + process.get().pid() + ")");
            process.get().destroy();
            process.get().onExit().get(60, TimeUnit.SECONDS);
        }
    }
}
