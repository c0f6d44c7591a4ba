package org.maecenas.ops.database;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded PostgreSQL used when no {@code DATABASE_URL} (or {@code spring.datasource.url}) is
 * set.
 *
 * @param dataDirectory where the cluster lives; it survives restarts
 * @param database the database created inside the cluster
 * @param clean start from an empty cluster and delete it on shutdown (tests)
 * @param port 0 picks a free port
 * @param attachIfRunning use the server of a Maecenas already running on this data (command-line tools)
 */
@ConfigurationProperties("maecenas.embedded-database")
public record EmbeddedDatabaseProperties(
        @DefaultValue("./data/postgres") String dataDirectory,
        @DefaultValue("maecenas") String database,
        @DefaultValue("false") boolean clean,
        @DefaultValue("0") int port,
        @DefaultValue("false") boolean attachIfRunning) {}
