package dev.junitloadtest.sampletarget;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A plain HTTP/1.1 client for the tests, over {@code java.net.http}; thread-safe. */
final class Http implements AutoCloseable {

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    HttpResponse<String> get(URI uri) {
        return send("GET", uri);
    }

    HttpResponse<String> send(String method, URI uri) {
        try {
            return client.send(request(method, uri), BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    CompletableFuture<HttpResponse<String>> getAsync(URI uri) {
        return client.sendAsync(request("GET", uri), BodyHandlers.ofString());
    }

    private static HttpRequest request(String method, URI uri) {
        return HttpRequest.newBuilder(uri)
                .method(method, BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(20))
                .build();
    }

    @Override
    public void close() {
        client.close();
    }
}
