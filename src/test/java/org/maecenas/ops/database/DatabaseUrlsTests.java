package org.maecenas.ops.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.mock.env.MockPropertySource;

class DatabaseUrlsTests {

    @Test
    void aPostgresqlUrlBecomesJdbcUrlUserAndPassword() {
        Map<String, Object> properties = DatabaseUrls.datasourceProperties(
                "postgresql://maecenas:s3cret@db.example.com:5433/maecenas?sslmode=require");

        assertThat(properties)
                .containsExactly(
                        entry(
                                "spring.datasource.url",
                                "jdbc:postgresql://db.example.com:5433/maecenas?sslmode=require"),
                        entry("spring.datasource.username", "maecenas"),
                        entry("spring.datasource.password", "s3cret"));
    }

    @Test
    void thePostgresSchemeIsAcceptedInAnyCase() {
        assertThat(DatabaseUrls.datasourceProperties("postgres://u:p@db/maecenas"))
                .containsEntry("spring.datasource.url", "jdbc:postgresql://db/maecenas");
        assertThat(DatabaseUrls.datasourceProperties("POSTGRESQL://u:p@db/maecenas"))
                .containsEntry("spring.datasource.url", "jdbc:postgresql://db/maecenas");
    }

    @Test
    void everyQueryParameterIsKeptAsWritten() {
        assertThat(
                        DatabaseUrls.datasourceProperties(
                                "postgres://db:5432/maecenas?sslmode=verify-full&sslrootcert=%2Fetc%2Fca.pem&application_name=maecenas"))
                .containsEntry(
                        "spring.datasource.url",
                        "jdbc:postgresql://db:5432/maecenas?sslmode=verify-full&sslrootcert=%2Fetc%2Fca.pem&application_name=maecenas");
    }

    @Test
    void userAndPasswordArePercentDecoded() {
        Map<String, Object> properties =
                DatabaseUrls.datasourceProperties("postgres://ops%40example:p%40ss%3Aw%2Fo%25rd@db/maecenas");

        assertThat(properties)
                .containsEntry("spring.datasource.username", "ops@example")
                .containsEntry("spring.datasource.password", "p@ss:w/o%rd");
    }

    @Test
    void aPlusInThePasswordStaysAPlus() {
        assertThat(DatabaseUrls.datasourceProperties("postgres://u:a+b%2Bc@db/maecenas"))
                .containsEntry("spring.datasource.password", "a+b+c");
    }

    @Test
    void onlyTheFirstColonSeparatesUserFromPassword() {
        assertThat(DatabaseUrls.datasourceProperties("postgres://u:pa:ss@db/maecenas"))
                .containsEntry("spring.datasource.username", "u")
                .containsEntry("spring.datasource.password", "pa:ss");
    }

    @Test
    void withoutUserInfoNoUserOrPasswordIsSet() {
        assertThat(DatabaseUrls.datasourceProperties("postgres://db/maecenas"))
                .containsOnlyKeys("spring.datasource.url");
        assertThat(DatabaseUrls.datasourceProperties("postgres://reader@db/maecenas"))
                .containsOnlyKeys("spring.datasource.url", "spring.datasource.username")
                .containsEntry("spring.datasource.username", "reader");
    }

    @Test
    void anotherSchemeIsRefusedSayingWhatIsExpected() {
        assertThatThrownBy(() -> DatabaseUrls.datasourceProperties("mysql://u:p@db/maecenas"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("DATABASE_URL must look like postgresql://user:password@host:port/…, got scheme 'mysql'"
                        + " and host 'db'");
        assertThatThrownBy(() -> DatabaseUrls.mailProperties("http://mail.example.com"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("SMTP_URL must look like smtp://user:password@host:port/…");
    }

    @Test
    void aHostNameWithAnUnderscoreIsAccepted() {
        Map<String, Object> properties = DatabaseUrls.datasourceProperties(
                "postgresql://app:s%40cret@db_primary_1:6432/maecenas?sslmode=disable");
        assertThat(properties)
                .containsEntry("spring.datasource.url", "jdbc:postgresql://db_primary_1:6432/maecenas?sslmode=disable")
                .containsEntry("spring.datasource.username", "app")
                .containsEntry("spring.datasource.password", "s@cret");
        assertThat(DatabaseUrls.mailProperties("smtp://mail_relay:2525"))
                .containsEntry("spring.mail.host", "mail_relay")
                .containsEntry("spring.mail.port", 2525);
    }

    @Test
    void aUrlWithoutHostIsRefused() {
        assertThatThrownBy(() -> DatabaseUrls.datasourceProperties("postgresql:///maecenas"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("got scheme 'postgresql' and no host");
    }

    @Test
    void anUnparseableUrlIsRefusedWithoutRepeatingThePassword() {
        assertThatThrownBy(() -> DatabaseUrls.datasourceProperties("postgres://u:my secret@db/maecenas"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("DATABASE_URL is not a valid URL")
                .satisfies(e -> {
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        assertThat(t.getMessage()).doesNotContain("secret");
                    }
                });
    }

    @Test
    void anSmtpUrlBecomesHostPortCredentialsAndStartTls() {
        Map<String, Object> properties = DatabaseUrls.mailProperties(
                "smtp://mailer%40example.com:p%40ss+word@smtp.example.com:587?starttls=true");

        assertThat(properties)
                .containsOnly(
                        entry("spring.mail.host", "smtp.example.com"),
                        entry("spring.mail.protocol", "smtp"),
                        entry("spring.mail.port", 587),
                        entry("spring.mail.username", "mailer@example.com"),
                        entry("spring.mail.properties.mail.smtp.auth", "true"),
                        entry("spring.mail.password", "p@ss+word"),
                        entry("spring.mail.properties.mail.smtp.starttls.enable", "true"),
                        entry("spring.mail.properties.mail.smtp.starttls.required", "true"));
    }

    @Test
    void anSmtpsUrlWithoutPortOrCredentialsSetsOnlyHostAndProtocol() {
        assertThat(DatabaseUrls.mailProperties("smtps://smtp.example.com"))
                .containsOnly(entry("spring.mail.host", "smtp.example.com"), entry("spring.mail.protocol", "smtps"));
        assertThat(DatabaseUrls.mailProperties("smtps://u:p@smtp.example.com:465"))
                .containsEntry("spring.mail.port", 465)
                .containsEntry("spring.mail.properties.mail.smtps.auth", "true");
    }

    @Test
    void theEnvironmentGetsBothUrlsTranslated() {
        StandardEnvironment environment =
                environment("DATABASE_URL", "postgres://u:p@db:5432/maecenas", "SMTP_URL", "smtp://localhost:3025");

        new DatabaseUrls().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://db:5432/maecenas");
        assertThat(environment.getProperty("spring.mail.host")).isEqualTo("localhost");
        assertThat(environment.getProperty("spring.mail.port", Integer.class)).isEqualTo(3025);
    }

    @Test
    void explicitSpringPropertiesWinOverTheUrls() {
        StandardEnvironment environment = environment(
                "DATABASE_URL", "postgres://u:p@db/maecenas",
                "spring.datasource.url", "jdbc:postgresql://explicit/maecenas",
                "SMTP_URL", "smtp://url-host:25",
                "spring.mail.host", "explicit-host");

        new DatabaseUrls().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://explicit/maecenas");
        assertThat(environment.getProperty("spring.datasource.username")).isNull();
        assertThat(environment.getProperty("spring.mail.host")).isEqualTo("explicit-host");
        assertThat(environment.getProperty("spring.mail.port")).isNull();
        assertThat(environment.getPropertySources().contains(DatabaseUrls.SOURCE_NAME))
                .isFalse();
    }

    private static StandardEnvironment environment(String... namesAndValues) {
        MockPropertySource source = new MockPropertySource();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            source.setProperty(namesAndValues[i], namesAndValues[i + 1]);
        }
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(source);
        return environment;
    }
}
