package org.maecenas.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A single GET for checks outside the measurement. */
final class Fetch {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private Fetch() {}

    static String body(URI base, String path) throws IOException {
        try {
            HttpResponse<String> response = CLIENT.send(
                    HttpRequest.newBuilder(base.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException(base.resolve(path) + " answered " + response.statusCode());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
