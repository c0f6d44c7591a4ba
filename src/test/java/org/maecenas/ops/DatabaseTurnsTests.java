package org.maecenas.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.maecenas.testing.MaecenasTest;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A batch's threads take turns at the database: with one turn, no two of their statements are ever
 * in PostgreSQL together (each statement looks for the others' while it runs); threads outside the
 * batch are never held up; a statement that waited its patience out goes ahead.
 */
@MaecenasTest
class DatabaseTurnsTests {

    /** Sleeps, then counts the other probes PostgreSQL is running at that moment. */
    private static final String PROBE = """
            select (select count(*) from pg_stat_activity
                     where state = 'active' and query like '%turn-probe%' and pid <> pg_backend_pid())
              from pg_sleep(cast(:seconds as double precision)) /* turn-probe */
            """;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    DataSource dataSource;

    private long probe(double seconds) {
        // a transaction reads pg_stat_activity once unless told to look again
        jdbc.sql("select pg_stat_clear_snapshot()").query().singleRow();
        return jdbc.sql(PROBE).param("seconds", seconds).query(Long.class).single();
    }

    @Test
    void withOneTurnTheBatchsStatementsNeverMeetInTheDatabase() throws Exception {
        DatabaseTurns turns = DatabaseTurns.of(1);
        try (ExecutorService threads = Executors.newFixedThreadPool(3)) {
            List<Future<List<Long>>> seen = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                boolean inTransaction = t == 0; // a transaction's statements take turns one by one too
                seen.add(threads.submit(() -> turns.run(() -> {
                    List<Long> others = new ArrayList<>();
                    Runnable eight = () -> {
                        for (int i = 0; i < 8; i++) {
                            others.add(probe(0.02));
                        }
                    };
                    if (inTransaction) {
                        transactions.executeWithoutResult(tx -> eight.run());
                    } else {
                        eight.run();
                    }
                    return others;
                })));
            }
            for (Future<List<Long>> others : seen) {
                assertThat(others.get()).hasSize(8).containsOnly(0L);
            }
        }
    }

    @Test
    void aThreadOutsideTheBatchIsNotHeldUp() throws Exception {
        // patient enough that a thread held up would see the batch's statement over
        DatabaseTurns turns = DatabaseTurns.of(1, Duration.ofSeconds(30));
        try (ExecutorService threads = Executors.newSingleThreadExecutor()) {
            Future<Long> batch = threads.submit(() -> turns.run(() -> probe(3)));
            awaitProbes(1);
            assertThat(probe(0)).as("the batch's statement, still running").isEqualTo(1);
            assertThat(batch.get()).isZero();
        }
    }

    @Test
    void aStatementThatWaitedItsPatienceOutGoesAhead() throws Exception {
        DatabaseTurns turns = DatabaseTurns.of(1, Duration.ofMillis(200));
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            Future<Long> first = threads.submit(() -> turns.run(() -> probe(3)));
            awaitProbes(1);
            Future<Long> second = threads.submit(() -> turns.run(() -> probe(0)));
            assertThat(second.get())
                    .as("ran beside the first, which holds the turn")
                    .isEqualTo(1);
            assertThat(first.get()).isZero();
        }
    }

    @Test
    void aBatchsConnectionIsItsOwnWrapperAndItsStatementsLeadBackToIt() {
        DatabaseTurns turns = DatabaseTurns.of(1);
        turns.run(() -> {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement statement = connection.prepareStatement("select 1")) {
                assertThat(connection.isWrapperFor(Connection.class)).isTrue();
                assertThat(connection.unwrap(Connection.class)).isSameAs(connection);
                assertThat(connection.unwrap(PGConnection.class)).isNotNull();
                assertThat(connection).isEqualTo(connection).hasSameHashCodeAs(connection);
                assertThat(statement.getConnection()).isSameAs(connection);
                assertThat(statement.unwrap(PreparedStatement.class)).isSameAs(statement);
                assertThat(statement.execute()).isTrue();
                return null;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void workDoneOutsideTheTurnsOfItsBatchIsNotHeldUpNorCounted() throws Exception {
        DatabaseTurns turns = DatabaseTurns.of(1, Duration.ofSeconds(30));
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            Future<Long> first = threads.submit(() -> turns.run(() -> probe(4)));
            awaitProbes(1);
            Future<Long> gateway = threads.submit(() -> turns.run(() -> DatabaseTurns.outside(() -> probe(1.5))));
            assertThat(gateway.get()).as("ran beside the batch's statement").isEqualTo(1);
            assertThat(first.get()).isZero();
            assertThat(turns.statementTime())
                    .as("the batch's four seconds, not the gateway's one and a half")
                    .isBetween(Duration.ofSeconds(4), Duration.ofMillis(5400));
        }
    }

    @Test
    void afterWorkOutsideTheTurnsTheBatchsStatementsTakeThemAgain() {
        DatabaseTurns turns = DatabaseTurns.of(1);
        turns.run(() -> {
            DatabaseTurns.outside(() -> probe(0));
            return probe(0.3);
        });
        assertThat(turns.statementTime()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        DatabaseTurns.outside(() -> probe(0)); // outside any batch: nothing to leave, nothing left set
        assertThat(DatabaseTurns.current()).isNull();
    }

    @Test
    void theBatchKnowsHowLongItsStatementsTook() {
        DatabaseTurns turns = DatabaseTurns.of(1);
        assertThat(turns.statementTime()).isZero();
        turns.run(() -> probe(0.3));
        assertThat(turns.statementTime()).isBetween(Duration.ofMillis(300), Duration.ofSeconds(10));
        probe(0.3); // outside the batch: not its time
        assertThat(turns.statementTime()).isLessThan(Duration.ofMillis(600));
    }

    @Test
    void aBatchNeedsATurn() {
        assertThatThrownBy(() -> DatabaseTurns.of(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private void awaitProbes(long running) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            long active = jdbc.sql("""
                            select count(*) from pg_stat_activity
                             where state = 'active' and query like '%turn-probe%' and pid <> pg_backend_pid()
                            """).query(Long.class).single();
            if (active >= running) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the batch's statement never started");
    }
}
