package org.maecenas.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Statements the database ran (from pg_stat_statements): how many, and their execution time. */
record Statements(long calls, double millis) {

    /** Resets and reads pg_stat_statements; counts nothing when no JDBC address was given. */
    static final class Counter {

        private final String url;

        Counter(String url) {
            this.url = url;
        }

        void reset() {
            execute("select pg_stat_statements_reset()");
        }

        Statements read() {
            if (url == null) {
                return new Statements(0, 0);
            }
            try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                    Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("""
                            select coalesce(sum(calls), 0), coalesce(sum(total_exec_time), 0)
                              from pg_stat_statements
                             where query not like '%pg_stat_statements%'""")) {
                rs.next();
                return new Statements(rs.getLong(1), rs.getDouble(2));
            } catch (SQLException e) {
                throw new IllegalStateException("could not read pg_stat_statements", e);
            }
        }

        private void execute(String sql) {
            if (url == null) {
                return;
            }
            try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                    Statement statement = connection.createStatement()) {
                statement.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException("could not reset pg_stat_statements", e);
            }
        }
    }
}
