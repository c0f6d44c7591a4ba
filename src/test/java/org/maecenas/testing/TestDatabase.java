package org.maecenas.testing;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import javax.sql.DataSource;

/** The test database as another application instance or process is told of it. */
public final class TestDatabase {

    private TestDatabase() {}

    /**
     * The {@code DATABASE_URL} of the database behind the application's data source (a wrapper of
     * the pool: it hands batches connections that take turns).
     */
    public static String url(DataSource dataSource) {
        try {
            HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
            return pool.getJdbcUrl().replace("jdbc:postgresql://", "postgresql://" + pool.getUsername() + "@");
        } catch (SQLException e) {
            throw new IllegalStateException("the application's data source is not a Hikari pool", e);
        }
    }
}
