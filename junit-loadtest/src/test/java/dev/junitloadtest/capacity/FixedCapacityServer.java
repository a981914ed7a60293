package dev.junitloadtest.capacity;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

import com.sun.net.httpserver.HttpServer;

import dev.junitloadtest.LoadTestHost;

/**
 * A loopback HTTP server whose capacity is known by construction: {@code workers} threads serve requests one at a
 * time, each taking {@code serviceTime} (a sleep, so the machine's load hardly changes it), and the rest wait in the
 * executor's queue in arrival order. It holds at most workers / serviceTime requests per second; N closed users
 * with no wait each see serviceTime while N &lt;= workers, and N * serviceTime / workers beyond (each request waits
 * for the N - workers ahead of it; Little's law). Started before the class's {@code @BeforeAll} methods and
 * published as its host; its JUnit store closes it. Register on a static field.
 */
final class FixedCapacityServer implements BeforeAllCallback {

    private static final Namespace NAMESPACE = Namespace.create(FixedCapacityServer.class);

    private final int workers;
    private final Duration serviceTime;
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicInteger mostBusy = new AtomicInteger();
    private final AtomicLong firstRequestNanos = new AtomicLong();
    private Duration slowFrom = Duration.ZERO;
    private Duration slowTo = Duration.ZERO;
    private Duration slowServiceTime = Duration.ZERO;

    FixedCapacityServer(int workers, Duration serviceTime) {
        this.workers = workers;
        this.serviceTime = serviceTime;
    }

    /**
     * Makes it slow for a bounded window, deterministic noise: a request that arrives between {@code from} and
     * {@code to} after its first request takes {@code slowServiceTime} instead. Call before it starts.
     */
    FixedCapacityServer slowBetween(Duration from, Duration to, Duration slowServiceTime) {
        this.slowFrom = from;
        this.slowTo = to;
        this.slowServiceTime = slowServiceTime;
        return this;
    }

    private Duration serviceTimeNow() {
        long now = System.nanoTime();
        firstRequestNanos.compareAndSet(0, now);
        long since = now - firstRequestNanos.get();
        return since >= slowFrom.toNanos() && since < slowTo.toNanos() ? slowServiceTime : serviceTime;
    }

    /** The most requests it ever served at once: never more than its workers. */
    int mostBusy() {
        return mostBusy.get();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        server.setExecutor(pool);
        byte[] body = "served".getBytes(StandardCharsets.UTF_8);
        server.createContext("/work", exchange -> {
            mostBusy.accumulateAndGet(busy.incrementAndGet(), Math::max);
            try (exchange) {
                Thread.sleep(serviceTimeNow());
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                busy.decrementAndGet();
            }
        });
        server.start();
        context.getStore(NAMESPACE).put(HttpServer.class, (AutoCloseable) () -> {
            server.stop(0);
            pool.shutdownNow();
        });
        LoadTestHost.publish(context, URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
    }
}
