package dev.junitloadtest.trust;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.junitloadtest.EngineRuns.runLoad;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.junitloadtest.FixtureRun;
import dev.junitloadtest.LoadTest;
import dev.junitloadtest.TargetHost;
import dev.junitloadtest.Task;
import dev.junitloadtest.Users;
import dev.junitloadtest.VirtualUser;
import dev.junitloadtest.http.Http;
import dev.junitloadtest.result.FailureStats;
import dev.junitloadtest.result.LoadTestResult;

/**
 * Which transport and HTTP version a run uses against an https:// server that offers HTTP/2 (WireMock, with its own
 * certificate, trusted by the explicit opt-in): HTTP/1.1 on the lean transport by default, HTTP/1.1 on HttpClient 5
 * with {@code loadtest.http.transport=httpclient}, HTTP/2 with {@code loadtest.http.protocol=h2}. The transport shows
 * in its one kept difference: a header line longer than HttpClient's 4 KB buffers fails there and is read on the lean
 * transport.
 */
class HttpProtocolTests {

    static final Set<String> PROTOCOLS = ConcurrentHashMap.newKeySet();
    static final Set<String> FAILURES = ConcurrentHashMap.newKeySet();
    static WireMockServer server;

    @BeforeAll
    static void startServer() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").httpDisabled(true).dynamicHttpsPort());
        server.start();
        server.stubFor(get("/").willReturn(aResponse().withStatus(200).withBody("secure")));
        server.stubFor(get("/long-header").willReturn(aResponse().withStatus(200)
                .withHeader("X-Large", "v".repeat(20_000)).withBody("long")));
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    @Test
    void byDefaultHttpsIsHttp11OnTheLeanTransport() {
        run(Map.of());

        assertThat(PROTOCOLS).containsExactly("HTTP/1.1");
        assertThat(FAILURES).isEmpty();
    }

    @Test
    void httpClientSpeaksHttp11UnlessAskedForHttp2() {
        run(Map.of("loadtest.http.transport", "httpclient"));

        assertThat(PROTOCOLS).containsExactly("HTTP/1.1");
        assertThat(FAILURES).containsExactly("MessageConstraintException: Maximum line length limit exceeded");
    }

    @Test
    void h2SpeaksHttp2ThroughHttpClientWhereTheServerOffersIt() {
        run(Map.of("loadtest.http.protocol", "h2"));

        assertThat(PROTOCOLS).containsExactly("HTTP/2");
        assertThat(FAILURES).isEmpty();
    }

    private static void run(Map<String, String> parameters) {
        PROTOCOLS.clear();
        FAILURES.clear();
        Map<String, String> all = new HashMap<>(parameters);
        all.put("loadtest.tls.insecure-trust-all-certificates", "true");
        FixtureRun run = runLoad(HttpsTestCase.class, all);
        run.testEvents().assertStatistics(stats -> stats.failed(0));
        LoadTestResult result = run.result();
        assertThat(result.request("GET /").orElseThrow().count()).isEqualTo(1);
        result.failures().stream().map(FailureStats::error).forEach(FAILURES::add);
    }

    @LoadTest(duration = "2s")
    @Users(count = 1)
    static class HttpsTestCase {
        @TargetHost
        static String host() {
            return "https://127.0.0.1:" + server.httpsPort();
        }

        @Task
        void home(Http http, VirtualUser user) {
            PROTOCOLS.add(http.get("/").protocol());
            http.get("/long-header");
            user.stop();
        }
    }
}
