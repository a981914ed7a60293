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

    FixedCapacityServer(int workers, Duration serviceTime) {
        this.workers = workers;
        this.serviceTime = serviceTime;
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
                Thread.sleep(serviceTime);
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
