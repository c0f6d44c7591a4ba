package org.maecenas.ops.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maecenas.MaecenasApplication;
import org.maecenas.accounts.Accounts;
import org.maecenas.accounts.User;
import org.maecenas.testing.TestUsers;
import org.maecenas.testing.Visitor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Whole application instances started the way an operator starts them: against an external
 * PostgreSQL named by {@code DATABASE_URL} (here an instance this test starts itself), several at
 * once and one after another, and on the embedded database with data that must survive a restart.
 */
class DatabaseModesTests {

    private static EmbeddedPostgres external;
    private static String databaseUrl;

    @BeforeAll
    static void startExternalPostgres(@TempDir Path directory) throws Exception {
        external = EmbeddedPostgres.builder()
                .setDataDirectory(directory.resolve("external"))
                .start();
        databaseUrl = "postgresql://postgres:unused%2Bpw@localhost:" + external.getPort() + "/postgres";
    }

    @AfterAll
    static void stopExternalPostgres() throws Exception {
        external.close();
    }

    @Test
    void withDatabaseUrlTheApplicationUsesThatServerAndMigratesIt() throws Exception {
        try (ConfigurableApplicationContext node = startNode(Map.of("DATABASE_URL", databaseUrl))) {
            assertThat(node.getBeansOfType(EmbeddedDatabaseConfiguration.EmbeddedDatabase.class))
                    .isEmpty();
            HikariDataSource dataSource = node.getBean(DataSource.class).unwrap(HikariDataSource.class);
            assertThat(dataSource.getJdbcUrl())
                    .isEqualTo("jdbc:postgresql://localhost:" + external.getPort() + "/postgres");
            assertThat(dataSource.getUsername()).isEqualTo("postgres");
            assertThat(dataSource.getPassword()).isEqualTo("unused+pw");
        }
        long migrations = JdbcClient.create(external.getPostgresDatabase())
                .sql("select count(*) from flyway_schema_history where success")
                .query(Long.class)
                .single();
        assertThat(migrations).isGreaterThanOrEqualTo(5);
    }

    @Test
    void aSessionIsValidOnASecondNodeAndSurvivesARestartOfEveryNode() {
        String email;
        Visitor visitor;
        try (ConfigurableApplicationContext first = startNode(Map.of("DATABASE_URL", databaseUrl));
                ConfigurableApplicationContext second = startNode(Map.of("DATABASE_URL", databaseUrl))) {
            User user = first.getBean(Accounts.class)
                    .createVerified(TestUsers.uniqueEmail("nodes"), "Nora Nodes", TestUsers.PASSWORD);
            email = user.email();
            visitor = new Visitor(baseUrl(first));
            assertThat(visitor.signIn(email, TestUsers.PASSWORD).statusCode()).isEqualTo(302);
            assertSignedIn(visitor.get("/settings/account"), email);

            visitor.moveTo(baseUrl(second));
            assertSignedIn(visitor.get("/settings/account"), email);
        }
        try (ConfigurableApplicationContext restarted = startNode(Map.of("DATABASE_URL", databaseUrl))) {
            visitor.moveTo(baseUrl(restarted));
            assertSignedIn(visitor.get("/settings/account"), email);
        }
    }

    @Test
    void theEmbeddedDatabaseKeepsItsDataAcrossRestarts(@TempDir Path directory) {
        Path data = directory.resolve("postgres");
        Map<String, Object> embedded = Map.of(
                "maecenas.embedded-database.data-directory",
                data.toString(),
                "maecenas.embedded-database.clean",
                "false");
        String email = TestUsers.uniqueEmail("persistent");
        try (ConfigurableApplicationContext node = startNode(embedded)) {
            assertThat(node.getBeansOfType(EmbeddedDatabaseConfiguration.EmbeddedDatabase.class))
                    .hasSize(1);
            node.getBean(Accounts.class).createVerified(email, "Pia Persistent", TestUsers.PASSWORD);
        }
        assertThat(Files.exists(data.resolve("postgresql.conf"))).isTrue();
        assertThat(Files.exists(data.resolve("postmaster.pid")))
                .as("stopped cleanly")
                .isFalse();
        try (ConfigurableApplicationContext node = startNode(embedded)) {
            assertThat(node.getBean(Accounts.class).findByEmail(email))
                    .hasValueSatisfying(user -> assertThat(user.displayName()).isEqualTo("Pia Persistent"));
        }
    }

    private static void assertSignedIn(HttpResponse<String> response, String email) {
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains(email).contains("Account settings");
    }

    private static ConfigurableApplicationContext startNode(Map<String, Object> properties) {
        Map<String, Object> all = new LinkedHashMap<>(properties);
        all.put("server.port", "0");
        all.put("spring.main.banner-mode", "off");
        all.put("logging.level.root", "WARN");
        // as command-line arguments: they outrank application.yml, as an operator's would
        String[] arguments = all.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(MaecenasApplication.class).run(arguments);
    }

    private static String baseUrl(ConfigurableApplicationContext node) {
        return "http://localhost:" + node.getEnvironment().getProperty("local.server.port");
    }
}
