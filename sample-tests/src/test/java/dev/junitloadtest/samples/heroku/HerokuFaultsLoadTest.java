package dev.junitloadtest.samples.heroku;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import dev.junitloadtest.LoadTest;
import dev.junitloadtest.LoadTestVerdicts;
import dev.junitloadtest.TargetHost;
import dev.junitloadtest.Task;
import dev.junitloadtest.Threshold;
import dev.junitloadtest.Users;
import dev.junitloadtest.WaitTime;
import dev.junitloadtest.http.Http;
import dev.junitloadtest.result.FailureStats;
import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.result.RequestStats;
import dev.junitloadtest.result.TaskStats;

/**
 * The Heroku load-testing guide (LoadForge), "Analyzing your results": the failures it tells you to watch for, injected
 * with WireMock into an otherwise healthy app. A report endpoint slower than Heroku's router lets a request take (30 s,
 * here 300 ms against a 1 s report), a live feed whose connections are reset, and a status endpoint that answers 503 in
 * bursts while its dyno restarts.
 *
 * <p>What it shows: each fault lands in the failures table under its own request with its own message, the healthy
 * home page is untouched (a reset connection does not spoil the next request), and the run goes on to its end.
 */
@LoadTest(duration = "3s")
@Users(count = 10, spawnRate = 10)
@WaitTime(min = "10ms", max = "30ms")
@Threshold(request = "GET /", value = "failures == 0")
@Threshold(request = "GET /api/v1/live", value = "failure_rate == 100%")
class HerokuFaultsLoadTest implements LoadTestVerdicts {

    /** Heroku's router gives up on a request after 30 s (error H12); scaled down 100 times. */
    static final Duration ROUTER_TIMEOUT = Duration.ofMillis(300);
    static final int REPORT_MILLIS = 1_000;

    static final WireMockServer app = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
            .containerThreads(50).asynchronousResponseEnabled(true).asynchronousResponseThreads(20));

    @BeforeAll
    static void startApp() {
        app.start();
        app.stubFor(get("/").willReturn(aResponse().withBody("<h1>Ship faster</h1>")));
        app.stubFor(get("/api/v1/reports/yearly").willReturn(okJson("{\"year\": 2024}").withFixedDelay(REPORT_MILLIS)));
        app.stubFor(get("/api/v1/live").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        // The status endpoint cycles: six answers, then three 503s while the dyno restarts.
        String[] states = {Scenario.STARTED, "up 2", "up 3", "up 4", "up 5", "up 6", "restarting 1", "restarting 2",
                "restarting 3"};
        for (int i = 0; i < states.length; i++) {
            boolean up = i < 6;
            app.stubFor(get("/api/v1/status").inScenario("dyno restarts").whenScenarioStateIs(states[i])
                    .willReturn(up ? okJson("{\"api\": \"up\"}")
                            : aResponse().withStatus(503).withBody("Application Error"))
                    .willSetStateTo(states[(i + 1) % states.length]));
        }
    }

    @AfterAll
    static void stopApp() {
        app.stop();
    }

    @TargetHost
    static String host() {
        return "http://127.0.0.1:" + app.port();
    }

    @Task(weight = 3)
    void home(Http http) {
        http.get("/");
    }

    @Task
    void yearlyReport(Http http) {
        http.request("GET", "/api/v1/reports/yearly").timeout(ROUTER_TIMEOUT).send();
    }

    @Task
    void liveFeed(Http http) {
        http.get("/api/v1/live");
    }

    @Task(weight = 3)
    void status(Http http) {
        http.get("/api/v1/status");
    }

    @Test
    void eachFaultIsAFailureOfItsRequestWithItsMessage(LoadTestResult result) {
        long reports = result.request("GET /api/v1/reports/yearly").orElseThrow().count();
        long feeds = result.request("GET /api/v1/live").orElseThrow().count();
        long restarts = result.request("GET /api/v1/status").orElseThrow().failures();
        assertThat(result.failures())
                .extracting(FailureStats::key, FailureStats::error, FailureStats::occurrences)
                .containsExactlyInAnyOrder(
                        tuple("GET /api/v1/reports/yearly", "SocketTimeoutException: no response within 300ms", reports),
                        tuple("GET /api/v1/live", "SocketException: Connection reset", feeds),
                        tuple("GET /api/v1/status", "HTTP 503 Service Unavailable", restarts));
    }

    @Test
    void theSlowReportIsCutAtTheRoutersTimeout(LoadTestResult result) {
        RequestStats reports = result.request("GET /api/v1/reports/yearly").orElseThrow();
        assertThat(reports.min()).isGreaterThanOrEqualTo(ROUTER_TIMEOUT);
        assertThat(reports.max()).isLessThan(Duration.ofMillis(REPORT_MILLIS));
        assertThat(app.countRequestsMatching(getRequestedFor(urlPathEqualTo("/api/v1/reports/yearly")).build())
                .getCount()).isEqualTo(reports.count());
    }

    @Test
    void theStatusEndpointFailsInBurstsAndRecovers(LoadTestResult result) {
        RequestStats status = result.request("GET /api/v1/status").orElseThrow();
        assertThat(status.failures()).isPositive().isLessThan(status.count());
    }

    @Test
    void healthyRequestsStayHealthyAndTheRunGoesToItsEnd(LoadTestResult result) {
        assertThat(result.stopReason()).isEmpty();
        assertThat(result.exceptions()).isEmpty();
        assertThat(result.tasks()).extracting(TaskStats::exceptions).containsOnly(0L);
        assertThat(result.history().getLast().end()).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
    }
}
