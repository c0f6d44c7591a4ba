package org.maecenas.ops.database;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Turns the operator-facing {@code DATABASE_URL} and {@code SMTP_URL} into Spring's datasource
 * and mail properties. An explicit {@code spring.datasource.url} or {@code spring.mail.host} wins.
 */
public class DatabaseUrls implements EnvironmentPostProcessor {

    static final String SOURCE_NAME = "maecenasServiceUrls";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> properties = new LinkedHashMap<>();
        String databaseUrl = environment.getProperty("DATABASE_URL");
        if (StringUtils.hasText(databaseUrl) && !environment.containsProperty("spring.datasource.url")) {
            properties.putAll(datasourceProperties(databaseUrl));
        }
        String smtpUrl = environment.getProperty("SMTP_URL");
        if (StringUtils.hasText(smtpUrl) && !environment.containsProperty("spring.mail.host")) {
            properties.putAll(mailProperties(smtpUrl));
        }
        if (!properties.isEmpty()) {
            environment.getPropertySources().addFirst(new MapPropertySource(SOURCE_NAME, properties));
        }
    }

    /** {@code postgresql://user:pass@host:port/db?sslmode=require} to JDBC properties. */
    static Map<String, Object> datasourceProperties(String databaseUrl) {
        URI uri = parse(databaseUrl, "DATABASE_URL", "postgresql", "postgres");
        Endpoint endpoint = Endpoint.of(uri);
        Map<String, Object> properties = new LinkedHashMap<>();
        String port = endpoint.port() > 0 ? ":" + endpoint.port() : "";
        String query = uri.getRawQuery() != null ? "?" + uri.getRawQuery() : "";
        properties.put(
                "spring.datasource.url", "jdbc:postgresql://" + endpoint.host() + port + uri.getRawPath() + query);
        String[] userInfo = endpoint.userInfo();
        if (userInfo[0] != null) {
            properties.put("spring.datasource.username", userInfo[0]);
        }
        if (userInfo[1] != null) {
            properties.put("spring.datasource.password", userInfo[1]);
        }
        return properties;
    }

    /** {@code smtp://user:pass@host:port?starttls=true} or {@code smtps://…} to mail properties. */
    static Map<String, Object> mailProperties(String smtpUrl) {
        URI uri = parse(smtpUrl, "SMTP_URL", "smtp", "smtps");
        Endpoint endpoint = Endpoint.of(uri);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.mail.host", endpoint.host());
        properties.put("spring.mail.protocol", uri.getScheme());
        if (endpoint.port() > 0) {
            properties.put("spring.mail.port", endpoint.port());
        }
        String[] userInfo = endpoint.userInfo();
        if (userInfo[0] != null) {
            properties.put("spring.mail.username", userInfo[0]);
            properties.put("spring.mail.properties.mail." + uri.getScheme() + ".auth", "true");
        }
        if (userInfo[1] != null) {
            properties.put("spring.mail.password", userInfo[1]);
        }
        if (uri.getQuery() != null && uri.getQuery().contains("starttls=true")) {
            properties.put("spring.mail.properties.mail.smtp.starttls.enable", "true");
            properties.put("spring.mail.properties.mail.smtp.starttls.required", "true");
        }
        return properties;
    }

    private static URI parse(String value, String name, String... schemes) {
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (URISyntaxException e) {
            // the exception's own message (and so the cause) repeats the whole URL, password included
            throw new IllegalStateException(name + " is not a valid URL: " + e.getReason() + " at index " + e.getIndex()
                    + " (percent-encode special characters in the user and password)");
        }
        boolean schemeOk = false;
        for (String scheme : schemes) {
            schemeOk |= scheme.equalsIgnoreCase(uri.getScheme());
        }
        String host = uri.getRawAuthority() == null ? "" : Endpoint.of(uri).host();
        if (!schemeOk || host.isEmpty()) {
            throw new IllegalStateException(name + " must look like " + schemes[0]
                    + "://user:password@host:port/…, got scheme '" + uri.getScheme() + "' and "
                    + (host.isEmpty() ? "no host" : "host '" + host + "'"));
        }
        return uri;
    }

    /**
     * Host, port and user info of a URL. Java's URI leaves the host empty for names with an
     * underscore (common in docker-compose: {@code db_1}), so the authority is split by hand then.
     */
    record Endpoint(String host, int port, String[] userInfo) {

        static Endpoint of(URI uri) {
            if (uri.getHost() != null) {
                return new Endpoint(uri.getHost(), uri.getPort(), DatabaseUrls.userInfo(uri.getRawUserInfo()));
            }
            String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
            int at = authority.lastIndexOf('@');
            String rawUserInfo = at < 0 ? null : authority.substring(0, at);
            String hostPort = authority.substring(at + 1);
            int colon = hostPort.lastIndexOf(':');
            int port = -1;
            String host = hostPort;
            if (colon > 0 && hostPort.substring(colon + 1).matches("\\d{1,5}")) {
                port = Integer.parseInt(hostPort.substring(colon + 1));
                host = hostPort.substring(0, colon);
            }
            return new Endpoint(host, port, DatabaseUrls.userInfo(rawUserInfo));
        }
    }

    private static String[] userInfo(String raw) {
        if (raw == null || raw.isEmpty()) {
            return new String[] {null, null};
        }
        int colon = raw.indexOf(':');
        String user = colon < 0 ? raw : raw.substring(0, colon);
        String password = colon < 0 ? null : raw.substring(colon + 1);
        return new String[] {decode(user), password == null ? null : decode(password)};
    }

    private static String decode(String value) {
        // percent-decoding only: a "+" in a password is a plus, not a space
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
