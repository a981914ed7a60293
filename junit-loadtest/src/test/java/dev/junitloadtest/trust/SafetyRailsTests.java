package dev.junitloadtest.trust;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.junitloadtest.EngineRuns.configurationError;
import static dev.junitloadtest.EngineRuns.on;
import static dev.junitloadtest.EngineRuns.runLoad;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.junitloadtest.FixtureRun;
import dev.junitloadtest.LoadTest;
import dev.junitloadtest.TargetHost;
import dev.junitloadtest.Task;
import dev.junitloadtest.Users;
import dev.junitloadtest.VirtualUser;
import dev.junitloadtest.http.Http;
import dev.junitloadtest.internal.config.ConfigurationParameters;
import dev.junitloadtest.internal.config.ProfileReader;
import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.result.RequestStats;
import dev.junitloadtest.samples.SampleTargetExtension;

/** A run cannot be pointed at the wrong place, or at the wrong scale, by accident. */
class SafetyRailsTests {

    @ParameterizedTest(name = "transport {0}")
    @ValueSource(strings = {"httpclient", "lean"})
    void aRateCapHoldsUsersBackInsteadOfExceedingIt(String transport) {
        FixtureRun run = runLoad(CappedTestCase.class, on(transport, Map.of()));
        run.testEvents().assertStatistics(stats -> stats.failed(0));

        LoadTestResult result = run.result();
        // Ten users without waits could send thousands of requests in 2 s; the cap lets 50 a second through, the
        // first slot at once. Users still waiting for a slot when the 2 s end do not send: the cap holds over the
        // whole measured time.
        double seconds = result.elapsed().toNanos() / 1e9;
        assertThat(result.total().count()).isGreaterThanOrEqualTo(80).isLessThanOrEqualTo((long) (50 * seconds) + 1);
        assertThat(CappedTestCase.target.target().requestsServed()).isEqualTo(result.total().count());
        assertThat(result.warnings()).anySatisfy(warning -> assertThat(warning)
                .matches("Request rate capped at 50/s: the cap held users back [\\d,]+ time\\(s\\), [\\d.]+ s in all\\.")
                .doesNotContain("back 0 time"));
    }

    @ParameterizedTest(name = "transport {0}")
    @ValueSource(strings = {"httpclient", "lean"})
    void usersQueuedForTheCapDoNotSendAfterTheEnd(String transport) {
        FixtureRun run = runLoad(QueuedTestCase.class, on(transport, Map.of()));
        run.testEvents().assertStatistics(stats -> stats.failed(0));

        LoadTestResult result = run.result();
        long served = QueuedTestCase.target.target().requestsServed();
        // Fifty users at 5 requests/s queue ten seconds of slots at once. Before the fix they went on sending after
        // the 2 s, for as long as their slots stretched (a 6 s run lasted 15.9 s). Now the run ends within its
        // duration and stop timeout (a generous bound from the configuration, not a timing), the target got no
        // more than the cap allows in 2 s, and the users still queued are counted as not sent, not as failures.
        assertThat(result.elapsed()).isLessThan(Duration.ofSeconds(2 + 5));
        assertThat(served).isEqualTo(result.total().count()).isLessThanOrEqualTo(5 * 2 + 1)
                .isPositive();
        assertThat(result.total().failures()).isZero();
        assertThat(result.notSent()).containsOnlyKeys("the run stopped while it waited for the rate cap");
        assertThat(result.notSentCount()).isGreaterThanOrEqualTo(50 - served);
    }

    @ParameterizedTest(name = "transport {0}")
    @ValueSource(strings = {"httpclient", "lean"})
    void requestsToHostsOutsideTheAllowListFailBeforeAnythingIsSent(String transport) {
        FixtureRun run = runLoad(AllowListTestCase.class, on(transport, Map.of()));
        run.testEvents().assertStatistics(stats -> stats.failed(0));

        LoadTestResult result = run.result();
        RequestStats allowed = result.request("GET /").orElseThrow();
        RequestStats elsewhere = result.request("GET elsewhere").orElseThrow();
        RequestStats redirected = result.request("GET /away").orElseThrow();
        assertThat(allowed.failures()).isZero();
        assertThat(elsewhere.failures()).isEqualTo(elsewhere.count()).isPositive();
        assertThat(redirected.failures()).isEqualTo(redirected.count()).isPositive();
        assertThat(result.failures()).extracting(failure -> failure.key() + ": " + failure.error())
                .containsExactlyInAnyOrder(
                        "GET elsewhere: Blocked: host 127.0.0.2:" + AllowListTestCase.otherPort
                                + " is not in the allowed hosts [127.0.0.1] (@LoadTest(allowedHosts) or "
                                + "-Dloadtest.allowed-hosts)",
                        "GET /away: Blocked: redirect to host 127.0.0.2:" + AllowListTestCase.otherPort
                                + " is not in the allowed hosts [127.0.0.1] (@LoadTest(allowedHosts) or "
                                + "-Dloadtest.allowed-hosts)");
        // Not a byte reached the other host, neither directly nor by the redirect.
        assertThat(AllowListTestCase.otherRequests).isZero();
    }

    @ParameterizedTest(name = "transport {0}")
    @ValueSource(strings = {"httpclient", "lean"})
    void theAllowListComesFromConfigurationToo(String transport) {
        FixtureRun run = runLoad(AllowListTestCase.class,
                on(transport, Map.of("loadtest.allowed-hosts", "127.0.0.*, localhost")));
        run.testEvents().assertStatistics(stats -> stats.failed(0));

        assertThat(run.result().request("GET elsewhere").orElseThrow().failures()).isZero();
        assertThat(AllowListTestCase.otherRequests).isPositive();
    }

    @Test
    void ceilingsCatchTyposAndNameTheOverride() {
        assertThat(configurationError(CeilingTestCase.class, Map.of("loadtest.users", "200000"))).isEqualTo(
                "CeilingTestCase asks for 200,000 users, above the ceiling of 20,000 that guards against typos. If "
                        + "you mean it, raise the ceiling: -Dloadtest.ceiling.users=200000");
        assertThat(configurationError(CeilingTestCase.class, Map.of("loadtest.duration", "100h"))).isEqualTo(
                "CeilingTestCase asks to run for 100h, above the ceiling of 2h that guards against typos. If you "
                        + "mean it, raise the ceiling: -Dloadtest.ceiling.duration=100h");
        // Raising them lets the same settings through (read only: nothing is run).
        Map<String, String> raised = Map.of("loadtest.users", "200000", "loadtest.ceiling.users", "200000",
                "loadtest.duration", "100h", "loadtest.ceiling.duration", "100h");
        assertThatCode(() -> new ProfileReader(CeilingTestCase.class,
                key -> java.util.Optional.ofNullable(raised.get(key)), name -> null).read()).doesNotThrowAnyException();
        assertThat(new ProfileReader(CeilingTestCase.class, ConfigurationParameters.NONE, name -> null).read()
                .model().duration()).hasSeconds(1);
    }

    // Fixtures

    @LoadTest(duration = "2s", maxRps = 50, stopTimeout = "5s")
    @Users(count = 10)
    static class CappedTestCase {
        @RegisterExtension
        static final SampleTargetExtension target = new SampleTargetExtension();

        @Task
        void home(Http http) {
            http.get("/");
        }
    }

    @LoadTest(duration = "2s", maxRps = 5, stopTimeout = "5s")
    @Users(count = 50)
    static class QueuedTestCase {
        @RegisterExtension
        static final SampleTargetExtension target = new SampleTargetExtension();

        @Task
        void home(Http http) {
            http.get("/");
        }
    }

    @LoadTest(duration = "5s", allowedHosts = "127.0.0.1")
    @Users(count = 1)
    static class AllowListTestCase {
        static WireMockServer allowed;
        static WireMockServer other;
        static int otherPort;
        static long otherRequests;

        @BeforeAll
        static void start() {
            allowed = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
            other = new WireMockServer(options().bindAddress("127.0.0.2").dynamicPort());
            allowed.start();
            other.start();
            otherPort = other.port();
            allowed.stubFor(get("/").willReturn(aResponse().withStatus(200)));
            allowed.stubFor(get("/away").willReturn(aResponse().withStatus(302)
                    .withHeader("Location", "http://127.0.0.2:" + otherPort + "/")));
            other.stubFor(get("/").willReturn(aResponse().withStatus(200)));
        }

        @AfterAll
        static void stop() {
            otherRequests = other.getAllServeEvents().size();
            allowed.stop();
            other.stop();
        }

        @TargetHost
        static String host() {
            return "http://127.0.0.1:" + allowed.port();
        }

        @Task
        void go(Http http, VirtualUser user) {
            http.get("/");
            http.request("GET", "http://127.0.0.2:" + otherPort + "/").name("elsewhere").send();
            http.get("/away");
            user.stop();
        }
    }

    @LoadTest(duration = "1s")
    static class CeilingTestCase {
        @Task
        void nothing() {
        }

        @org.junit.jupiter.api.Test
        void ran() {
        }
    }
}
