package dev.junitloadtest.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.HdrHistogram.Recorder;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A target with known response times, for the accuracy benchmark: {@code /delay?ms=N} answers after holding the
 * request N ms (and records how long it really held it, the "true" delay); {@code /stall} answers at once, except
 * that once, {@code stallAfter} after its first request, it holds every request until a one-second stall is over.
 */
final class DelayServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Recorder held = new Recorder(3);
    private final long stallAfterNanos;
    private final long stallNanos;
    private volatile long firstStallRequest;

    DelayServer(long stallAfterMillis, long stallMillis) throws IOException {
        this.stallAfterNanos = stallAfterMillis * 1_000_000;
        this.stallNanos = stallMillis * 1_000_000;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1000);
        server.setExecutor(executor);
        server.createContext("/delay", this::delay);
        server.createContext("/stall", this::stall);
        server.start();
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** How long requests to /delay were really held, in microseconds, since the last call. */
    org.HdrHistogram.Histogram held() {
        return held.getIntervalHistogram();
    }

    private void delay(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getQuery();
        long millis = Long.parseLong(query.substring(query.indexOf('=') + 1));
        long start = System.nanoTime();
        long until = start + millis * 1_000_000;
        sleepUntil(until);
        held.recordValue((System.nanoTime() - start) / 1000);
        answer(exchange);
    }

    private void stall(HttpExchange exchange) throws IOException {
        long now = System.nanoTime();
        if (firstStallRequest == 0) {
            synchronized (this) {
                if (firstStallRequest == 0) {
                    firstStallRequest = now;
                }
            }
        }
        long stallStart = firstStallRequest + stallAfterNanos;
        if (now >= stallStart && now < stallStart + stallNanos) {
            sleepUntil(stallStart + stallNanos);
        }
        answer(exchange);
    }

    private static void sleepUntil(long deadline) {
        long remaining;
        while ((remaining = deadline - System.nanoTime()) > 0) {
            try {
                Thread.sleep(remaining / 1_000_000, (int) (remaining % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void answer(HttpExchange exchange) throws IOException {
        byte[] body = "Server OK".getBytes(StandardCharsets.US_ASCII);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
