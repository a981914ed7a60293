package dev.junitloadtest.http;

import static dev.junitloadtest.EngineRuns.on;
import static dev.junitloadtest.EngineRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.junitloadtest.LoadTest;
import dev.junitloadtest.TargetHost;
import dev.junitloadtest.Task;
import dev.junitloadtest.Users;
import dev.junitloadtest.VirtualUser;

/**
 * Each virtual user keeps its own kept-alive connection, as a browser or a Locust user does: the server sees every
 * request of a user arrive on one connection, and as many connections as users, however many requests they send.
 */
@ParameterizedClass(name = "transport {0}")
@ValueSource(strings = {"httpclient", "lean"})
class ConnectionReuseTests {

    /** The transport this class's runs use ({@code loadtest.http.transport}). */
    @Parameter
    String transport;

    static final int USERS = 20;
    /** Per user id, the client ports (one per TCP connection) its requests arrived from. */
    static final Map<String, Set<Integer>> PORTS_BY_USER = new ConcurrentHashMap<>();
    static final AtomicLong REQUESTS = new AtomicLong();
    static HttpServer server;
    static ExecutorService executor;

    @BeforeAll
    static void startServer() throws IOException {
        executor = Executors.newFixedThreadPool(4);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        server.setExecutor(executor);
        server.createContext("/", ConnectionReuseTests::answer);
        server.start();
    }

    @BeforeEach
    void forgetEarlierRuns() {
        PORTS_BY_USER.clear();
        REQUESTS.set(0);
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static void answer(HttpExchange exchange) throws IOException {
        String user = exchange.getRequestHeaders().getFirst("X-User");
        PORTS_BY_USER.computeIfAbsent(user, u -> ConcurrentHashMap.newKeySet()).add(exchange.getRemoteAddress().getPort());
        REQUESTS.incrementAndGet();
        byte[] body = "OK".getBytes(StandardCharsets.US_ASCII);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Test
    void everyUserSendsAllItsRequestsOverOneConnectionOfItsOwn() {
        run(ConcurrentUsersTestCase.class, on(transport, Map.of())).testEvents()
                .assertStatistics(stats -> stats.failed(0));

        assertThat(PORTS_BY_USER).hasSize(USERS);
        assertThat(REQUESTS.get()).isGreaterThan(USERS * 3L);
        PORTS_BY_USER.forEach((user, ports) -> assertThat(ports).as("connections of user %s", user).hasSize(1));
        assertThat(PORTS_BY_USER.values().stream().flatMap(Set::stream).distinct().count()).isEqualTo(USERS);
    }

    @LoadTest(duration = "1500ms")
    @Users(count = USERS)
    static class ConcurrentUsersTestCase {

        @TargetHost
        static URI host() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        @Task
        void home(Http http, VirtualUser user) {
            http.request("GET", "/").header("X-User", String.valueOf(user.id())).send();
        }
    }
}
