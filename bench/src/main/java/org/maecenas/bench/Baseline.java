package org.maecenas.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The baseline: the three measured pages served by the JDK's HttpServer on virtual threads, with
 * HikariCP (pool as large as the application's), the application's SQL and hand-written HTML. No
 * framework, no security filters, no templates: what the pages cost at the least.
 *
 * <p>Usage: {@code Baseline <port> <jdbc-url> [pool-size]}
 */
public final class Baseline {

    private static final Pattern CREATOR = Pattern.compile("/([a-z0-9][a-z0-9-]{1,38}[a-z0-9])");
    private static final Pattern CREATION = Pattern.compile("/([^/]+)/posts/(\\d{1,18})(?:-([a-z0-9-]*))?");

    private final HikariDataSource pool;
    private final BaselinePages pages = new BaselinePages();

    private Baseline(HikariDataSource pool) {
        this.pool = pool;
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(args[1]);
        config.setUsername("postgres");
        config.setMaximumPoolSize(args.length > 2 ? Integer.parseInt(args[2]) : 20);
        config.setPoolName("baseline");
        HikariDataSource pool = new HikariDataSource(config);
        Baseline baseline = new Baseline(pool);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", baseline::handle);
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(0);
            pool.close();
        }));
        System.out.println("READY baseline on http://127.0.0.1:" + port);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET")) {
                send(exchange, 405, "<!doctype html><title>Method not allowed</title>");
                return;
            }
            String path = exchange.getRequestURI().getRawPath();
            BaselinePages.Page page;
            try (Connection connection = pool.getConnection()) {
                page = route(connection, path, exchange.getRequestURI().getRawQuery());
            } catch (SQLException | RuntimeException e) {
                e.printStackTrace();
                send(exchange, 500, "<!doctype html><title>Error</title><p>Something went wrong.");
                return;
            }
            if (page == null) {
                send(exchange, 404, "<!doctype html><title>Not found</title><p>Not found.");
            } else if (page.redirect() != null) {
                exchange.getResponseHeaders().set("Location", page.redirect());
                exchange.sendResponseHeaders(302, -1);
            } else {
                send(exchange, 200, page.html());
            }
        }
    }

    private BaselinePages.Page route(Connection connection, String path, String rawQuery) throws SQLException {
        if (path.equals("/search")) {
            return pages.search(connection, parameter(rawQuery, "q"));
        }
        Matcher creator = CREATOR.matcher(path);
        if (creator.matches()) {
            return pages.creator(connection, creator.group(1));
        }
        Matcher creation = CREATION.matcher(path);
        if (creation.matches()) {
            String idAndSlug = path.substring(path.lastIndexOf('/') + 1);
            return pages.creation(connection, creation.group(1), Long.parseLong(creation.group(2)), idAndSlug);
        }
        return null;
    }

    private static String parameter(String rawQuery, String name) {
        if (rawQuery == null) {
            return "";
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    private static void send(HttpExchange exchange, int status, String html) throws IOException {
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html;charset=UTF-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
