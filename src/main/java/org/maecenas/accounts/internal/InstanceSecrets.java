package org.maecenas.accounts.internal;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Secrets generated once per instance and shared by every node through the database. */
@Component
class InstanceSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;

    InstanceSecrets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    String get(String name) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        // whichever node inserts first wins; everyone reads the winner
        jdbc.sql("insert into instance_secrets (name, value) values (:name, :value) on conflict (name) do nothing")
                .param("name", name)
                .param("value", HexFormat.of().formatHex(bytes))
                .update();
        return jdbc.sql("select value from instance_secrets where name = :name")
                .param("name", name)
                .query(String.class)
                .single();
    }
}
