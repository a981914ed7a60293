package dev.junitloadtest.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.junitloadtest.EngineRuns.configurationError;
import static dev.junitloadtest.EngineRuns.on;
import static dev.junitloadtest.EngineRuns.runLoad;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;

import dev.junitloadtest.FixtureRun;
import dev.junitloadtest.LoadTest;
import dev.junitloadtest.OnStart;
import dev.junitloadtest.TargetHost;
import dev.junitloadtest.Task;
import dev.junitloadtest.Users;
import dev.junitloadtest.VirtualUser;
import dev.junitloadtest.result.FailureStats;
import dev.junitloadtest.result.LoadTestResult;

/** The user's HTTP client against a real WireMock server on loopback. */
@ParameterizedClass(name = "transport {0}")
@ValueSource(strings = {"httpclient", "lean"})
class HttpApiTests {

    /** The transport this class's runs use ({@code loadtest.http.transport}). */
    @Parameter
    String transport;

    static WireMockServer server;
    static final List<String> SEEN = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().globalTemplating(true));
        server.start();
        SEEN.clear();
    }

    @AfterEach
    void stopServer() {
        server.stop();
    }

    LoadTestResult runAndGet(Class<?> testClass) {
        FixtureRun run = runLoad(testClass, on(transport, Map.of()));
        run.testEvents().assertStatistics(stats -> stats.failed(0));
        return run.result();
    }

    @Test
    void sendsHeadersQueryParametersFormAndJsonBodies() {
        server.stubFor(post("/login").willReturn(aResponse().withStatus(200).withBody("{\"token\":\"t-42\"}")));
        server.stubFor(post("/api/orders").willReturn(aResponse().withStatus(201)));
        server.stubFor(get(urlPathEqualTo("/search")).willReturn(aResponse().withStatus(200)));

        LoadTestResult result = runAndGet(BodiesTestCase.class);

        server.verify(postRequestedFor(urlEqualTo("/login"))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded; charset=ISO-8859-1")
                        .or(containing("application/x-www-form-urlencoded")))
                .withRequestBody(equalTo("user=ann+lee&password=s%26cret")));
        server.verify(postRequestedFor(urlEqualTo("/api/orders"))
                .withHeader("Authorization", equalTo("Bearer t-42"))
                .withHeader("X-Trace", equalTo("abc"))
                .withHeader("Content-Type", containing("application/json"))
                .withRequestBody(equalToJson("{\"product\":7,\"quantity\":2,\"gift\":true}")));
        server.verify(getRequestedFor(urlPathEqualTo("/search"))
                .withQueryParam("q", equalTo("red shoes"))
                .withQueryParam("page", equalTo("2"))
                .withHeader("Authorization", equalTo("Bearer t-42"))
                .withHeader("User-Agent", matching("junit-loadtest/.*")));
        assertThat(result.requests()).extracting(stats -> stats.key())
                .containsExactly("POST /api/orders", "POST /login", "GET /search");
        assertThat(result.total().failures()).isZero();
        assertThat(SEEN).containsExactly("t-42");
    }

    @Test
    void eachUserKeepsItsOwnCookies() {
        server.stubFor(get(urlPathEqualTo("/login")).willReturn(aResponse().withStatus(200)
                .withHeader("Set-Cookie", "session={{request.query.user}}; Path=/")));
        server.stubFor(get("/me").withCookie("session", matching(".+"))
                .willReturn(aResponse().withStatus(200).withBody("{{request.cookies.session}}")));
        server.stubFor(get("/me").withCookie("session", matching(".+")).atPriority(10)
                .willReturn(aResponse().withStatus(401)));

        LoadTestResult result = runAndGet(CookiesTestCase.class);

        assertThat(result.request("GET /me").orElseThrow().count()).isGreaterThanOrEqualTo(20);
        assertThat(result.request("GET /me").orElseThrow().failures()).isZero();
        // Every answer echoed the session of the user that asked, never another's.
        assertThat(SEEN).isNotEmpty().allMatch(line -> line.startsWith("ok"));
    }

    @Test
    void namesRequestsByTheirPathTemplateOrAnExplicitName() {
        server.stubFor(get(urlPathMatching("/api/v1/orders/.*")).willReturn(aResponse().withStatus(200)));

        LoadTestResult result = runAndGet(NamesTestCase.class);

        assertThat(result.requests()).extracting(stats -> stats.key())
                .containsExactly("GET /api/v1/orders/{id}", "GET order by query");
        assertThat(result.request("GET /api/v1/orders/{id}").orElseThrow().count()).isEqualTo(3);
        server.verify(getRequestedFor(urlEqualTo("/api/v1/orders/a%20b")));
    }

    @Test
    void failuresCarryTheirCauseAndChecksDecide() {
        server.stubFor(get("/missing").willReturn(aResponse().withStatus(404)));
        server.stubFor(get("/error").willReturn(aResponse().withStatus(503)));
        server.stubFor(get("/page").willReturn(aResponse().withStatus(200).withBody("<html>no token</html>")));
        server.stubFor(get("/slow").willReturn(aResponse().withStatus(200).withFixedDelay(2000)));
        server.stubFor(get("/reset").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        server.stubFor(get("/old").willReturn(aResponse().withStatus(302).withHeader("Location", "/new")));
        server.stubFor(get("/new").willReturn(aResponse().withStatus(200).withBody("moved here")));

        LoadTestResult result = runAndGet(FailuresTestCase.class);

        assertThat(result.failures()).extracting(FailureStats::key, FailureStats::error).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("GET /error", "HTTP 503 Service Unavailable"),
                org.assertj.core.groups.Tuple.tuple("GET /missing", "HTTP 404 Not Found"),
                org.assertj.core.groups.Tuple.tuple("GET /page",
                        "Check failed: the login page has no CSRF token"),
                org.assertj.core.groups.Tuple.tuple("GET /error", "HTTP 503 Service Unavailable (expected 200)"),
                org.assertj.core.groups.Tuple.tuple("GET /slow",
                        "SocketTimeoutException: no complete response within 300ms"),
                org.assertj.core.groups.Tuple.tuple("GET /reset", "SocketException: Connection reset"));
        // 404 accepted where expected; a redirect followed and recorded under the name asked for.
        assertThat(result.request("GET /missing").orElseThrow().count()).isEqualTo(2);
        assertThat(result.request("GET /old").orElseThrow().failures()).isZero();
        assertThat(SEEN).containsExactly("redirected: moved here", "timeout after < 1s");
    }

    @Test
    void aRefusedConnectionIsAFailureNotAConfigurationError() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        RefusedTestCase.host = "http://127.0.0.1:" + closedPort;

        LoadTestResult result = runAndGet(RefusedTestCase.class);

        assertThat(result.total().count()).isPositive();
        assertThat(result.total().failures()).isEqualTo(result.total().count());
        assertThat(result.failures()).singleElement().satisfies(failure ->
                assertThat(failure.error()).startsWith("HttpHostConnectException: Connect to http://127.0.0.1:"
                        + closedPort).endsWith("failed: Connection refused"));
    }

    @Test
    void aRelativePathWithoutAHostSaysHowToSetOne() {
        assertThat(configurationError(NoHostTestCase.class)).isEqualTo("Request GET /home has a relative path, but "
                + "NoHostTestCase has no host to send it to. Set one with @LoadTest(host = \"http://...\"), the "
                + "configuration parameter `loadtest.host` (e.g. -Dloadtest.host=http://127.0.0.1:9000), the "
                + "environment variable TARGET_HOST, a @TargetHost method or field, or an extension using "
                + "LoadTestHost; or use an absolute URL.");
    }

    // Fixtures

    abstract static class OnWireMock {
        @TargetHost
        static String host() {
            return server.baseUrl();
        }
    }

    @LoadTest(duration = "2s")
    @Users(count = 1)
    static class BodiesTestCase extends OnWireMock {
        @Task
        void flow(Http http, VirtualUser user) {
            String token = http.post("/login", RequestBody.form("user", "ann lee", "password", "s&cret"))
                    .json().get("token").asText();
            SEEN.add(token);
            http.defaultHeader("Authorization", "Bearer " + token);
            http.request("POST", "/api/orders").header("X-Trace", "abc")
                    .json(Map.of("product", 7, "quantity", 2, "gift", true)).expect(201).send();
            http.request("GET", "/search").query("q", "red shoes").query("page", 2).send();
            user.stop();
        }
    }

    @LoadTest(duration = "1s")
    @Users(count = 8)
    static class CookiesTestCase extends OnWireMock {
        @OnStart
        void login(Http http, VirtualUser user) {
            http.request("GET", "/login").query("user", "user-" + user.id()).send();
        }

        @Task
        void me(Http http, VirtualUser user) throws InterruptedException {
            String body = http.get("/me").body();
            boolean own = body.equals("user-" + user.id())
                    && http.cookies().get("session").orElse("").equals("user-" + user.id());
            SEEN.add((own ? "ok " : "WRONG ") + body);
            Thread.sleep(20);
        }
    }

    @LoadTest(duration = "2s")
    @Users(count = 1)
    static class NamesTestCase extends OnWireMock {
        @Task
        void orders(Http http, VirtualUser user) {
            http.get("/api/v1/orders/{id}", 17);
            http.get("/api/v1/orders/{id}", 18);
            http.get("/api/v1/orders/{id}", "a b");
            http.request("GET", "/api/v1/orders/99?view=full").name("order by query").send();
            user.stop();
        }
    }

    @LoadTest(duration = "2s")
    @Users(count = 1)
    static class FailuresTestCase extends OnWireMock {
        @Task
        void all(Http http, VirtualUser user) {
            http.get("/missing");
            http.request("GET", "/missing").expect(404).send();
            http.get("/error");
            http.request("GET", "/error").expect(200).send();
            http.request("GET", "/page").check(response -> {
                if (!response.body().contains("csrf")) {
                    throw new AssertionError("the login page has no CSRF token");
                }
            }).send();
            HttpResponse slow = http.request("GET", "/slow").timeout(Duration.ofMillis(300)).send();
            http.get("/reset");
            HttpResponse moved = http.get("/old");
            SEEN.add("redirected: " + moved.body());
            SEEN.add(slow.status() == 0 && slow.elapsed().compareTo(Duration.ofSeconds(1)) < 0
                    ? "timeout after < 1s" : "no timeout: " + slow);
            user.stop();
        }
    }

    @LoadTest(duration = "1s")
    @Users(count = 2)
    static class RefusedTestCase {
        static String host;

        @TargetHost
        static String host() {
            return host;
        }

        @Task
        void home(Http http) throws InterruptedException {
            http.get("/");
            Thread.sleep(50);
        }
    }

    @LoadTest(duration = "2s")
    static class NoHostTestCase {
        @Task
        void home(Http http) {
            http.get("/home");
        }
    }
}
