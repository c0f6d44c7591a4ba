package org.maecenas.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person with a browser-like cookie jar talking real HTTP to a running Maecenas: it keeps
 * cookies, and fills in the CSRF token of the last page it saw when it posts a form.
 */
public final class Visitor {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final CookieManager cookies = new CookieManager();
    private final HttpClient client;
    private String baseUrl;
    private String lastCsrf;

    public Visitor(String baseUrl) {
        this.baseUrl = baseUrl;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Talks to another node from now on, keeping the cookies (as a load balancer would). */
    public Visitor moveTo(String otherBaseUrl) {
        URI from = URI.create(baseUrl);
        URI to = URI.create(otherBaseUrl);
        for (HttpCookie cookie : cookies.getCookieStore().get(from)) {
            HttpCookie copy = (HttpCookie) cookie.clone();
            copy.setPath("/");
            cookies.getCookieStore().add(to, copy);
        }
        this.baseUrl = otherBaseUrl;
        return this;
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), null);
    }

    public HttpResponse<String> get(String path, Map<String, String> headers) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(baseUrl + path)).GET();
        headers.forEach(builder::header);
        return send(builder, null);
    }

    /** Posts a form with the CSRF token of the last page seen (fetching {@code csrfPage} first if none). */
    public HttpResponse<String> post(String path, Map<String, String> fields) {
        if (lastCsrf == null) {
            get(path);
        }
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.putIfAbsent("_csrf", lastCsrf);
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(
                HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body)),
                null);
    }

    /** Uploads one file as a multipart form, with the CSRF token of the last page seen. */
    public HttpResponse<String> upload(
            String path, Map<String, String> fields, String fileField, String fileName, byte[] content) {
        String boundary = "maecenas-" + System.nanoTime();
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.putIfAbsent("_csrf", lastCsrf);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        form.forEach((name, value) -> body.writeBytes(
                ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                        .getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\""
                        + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(
                HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())),
                null);
    }

    /** Signs in through the real login form; returns the response to the POST. */
    public HttpResponse<String> signIn(String email, String password) {
        get("/login");
        return post("/login", Map.of("email", email, "password", password));
    }

    public Optional<String> cookie(String name) {
        return cookies.getCookieStore().get(URI.create(baseUrl)).stream()
                .filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue)
                .findFirst();
    }

    public void forgetCookie(String name) {
        URI uri = URI.create(baseUrl);
        cookies.getCookieStore().get(uri).stream()
                .filter(c -> c.getName().equals(name))
                .toList()
                .forEach(c -> cookies.getCookieStore().remove(uri, c));
    }

    private HttpResponse<String> send(HttpRequest.Builder request, Void unused) {
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Matcher matcher = CSRF.matcher(response.body());
            if (matcher.find()) {
                lastCsrf = matcher.group(1).replace("&#45;", "-").replace("&#95;", "_");
            }
            return response;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
