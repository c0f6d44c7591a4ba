package org.maecenas.ops.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the application was killed without a clean shutdown, its embedded postmaster keeps running
 * and holds the data directory. Stop that orphan (a smart shutdown: it has no clients left) so the
 * next start can use the data.
 */
final class StalePostmaster {

    private static final Logger log = LoggerFactory.getLogger(StalePostmaster.class);

    private StalePostmaster() {}

    /**
     * The port of the PostgreSQL of a live Maecenas using this data directory, if there is one. A
     * live owner holds the lock file; an orphan postmaster (its JVM was killed) holds none.
     */
    static java.util.OptionalInt portOfLiveOwner(Path dataDirectory) throws IOException {
        Path lockFile = dataDirectory.resolve("epg-lock");
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(lockFile) || !Files.exists(pidFile)) {
            return java.util.OptionalInt.empty();
        }
        try (java.nio.channels.FileChannel channel =
                java.nio.channels.FileChannel.open(lockFile, java.nio.file.StandardOpenOption.WRITE)) {
            java.nio.channels.FileLock lock = channel.tryLock();
            if (lock != null) {
                lock.release();
                return java.util.OptionalInt.empty();
            }
        } catch (java.nio.channels.OverlappingFileLockException heldByThisJvm) {
            // another context in this JVM owns it
        }
        List<String> lines = Files.readAllLines(pidFile);
        return lines.size() > 3 && lines.get(3).trim().matches("\\d+")
                ? java.util.OptionalInt.of(Integer.parseInt(lines.get(3).trim()))
                : java.util.OptionalInt.empty();
    }

    static void stopIfRunning(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty() || !lines.getFirst().trim().matches("\\d+")) {
            return;
        }
        long pid = Long.parseLong(lines.getFirst().trim());
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        boolean isPostgres = process.flatMap(p -> p.info().command())
                .map(command -> command.endsWith("postgres"))
                .orElse(false);
        if (!isPostgres) {
            return;
        }
        log.warn("An embedded PostgreSQL (pid {}) from an earlier run still holds {}; stopping it", pid, dataDirectory);
        ProcessHandle handle = process.get();
        handle.destroy();
        try {
            handle.onExit().get(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("the earlier embedded PostgreSQL (pid " + pid + ") did not stop", e);
        }
    }
}
