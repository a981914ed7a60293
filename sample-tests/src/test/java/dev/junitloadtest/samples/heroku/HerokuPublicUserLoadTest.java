package dev.junitloadtest.samples.heroku;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.junitloadtest.LoadTest;
import dev.junitloadtest.LoadTestVerdicts;
import dev.junitloadtest.TargetHost;
import dev.junitloadtest.Threshold;
import dev.junitloadtest.Task;
import dev.junitloadtest.Users;
import dev.junitloadtest.WaitTime;
import dev.junitloadtest.http.Http;
import dev.junitloadtest.result.LoadTestResult;

/**
 * The Heroku load-testing guide (LoadForge), "Writing your first load test": {@code HerokuPublicUser}, anonymous users
 * browsing a SaaS app's public pages with a realistic mix, the home page four times as often as the docs.
 *
 * <p>What it shows: weighted tasks. The observed mix must match the weights 4:2:2:1:1 within what chance allows, and
 * the app must have received exactly the requests the run counted.
 */
@LoadTest(duration = "4s")
@Users(count = 20) // the guide leaves the count to the run; -Plong runs 200 at 10/s for 5 minutes
@WaitTime(min = "1ms", max = "3ms") // the guide's between(1, 3), 1000 times shorter
@Threshold("failures == 0")
class HerokuPublicUserLoadTest implements LoadTestVerdicts {

    static final WireMockServer app = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

    @BeforeAll
    static void startApp() {
        app.start();
        app.stubFor(get("/").willReturn(aResponse().withBody("<h1>Ship faster</h1>")));
        app.stubFor(get("/pricing").willReturn(aResponse().withBody("<h1>Pricing</h1>")));
        app.stubFor(get("/health").willReturn(okJson("{\"status\":\"ok\"}")));
        app.stubFor(get("/api/v1/status").willReturn(okJson("{\"api\":\"up\",\"version\":\"2024.6\"}")));
        app.stubFor(get("/docs").willReturn(aResponse().withBody("<h1>Docs</h1>")));
    }

    @AfterAll
    static void stopApp() {
        app.stop();
    }

    @TargetHost
    static String host() {
        return "http://127.0.0.1:" + app.port();
    }

    @Task(weight = 4)
    void homepage(Http http) {
        http.get("/");
    }

    @Task(weight = 2)
    void pricing(Http http) {
        http.get("/pricing");
    }

    @Task(weight = 2)
    void healthcheck(Http http) {
        http.get("/health");
    }

    @Task(weight = 1)
    void apiStatus(Http http) {
        http.get("/api/v1/status");
    }

    @Task(weight = 1)
    void docs(Http http) {
        http.get("/docs");
    }

    private static final Map<String, Integer> WEIGHTS = Map.of("/", 4, "/pricing", 2, "/health", 2,
            "/api/v1/status", 1, "/docs", 1);

    @Test
    void trafficMixMatchesTheTaskWeights(LoadTestResult result) {
        long total = result.total().count();
        assertThat(total).isGreaterThan(500);
        WEIGHTS.forEach((path, weight) -> {
            // Each task pick is a draw with probability weight / 10, so a path's count is binomial around its expected
            // count. Five standard deviations on each of the five paths: a correct engine fails this about once in
            // 300,000 runs, while a weight off by one (4 read as 3) is more than 5 sigma away from 1,000 requests on.
            double p = weight / 10.0;
            double expected = total * p;
            double tolerance = 5 * Math.sqrt(total * p * (1 - p));
            assertThat((double) result.request("GET", path).orElseThrow().count())
                    .as("GET %s of %d requests, weight %d of 10", path, total, weight)
                    .isBetween(expected - tolerance, expected + tolerance);
        });
    }

    @Test
    void appReceivedExactlyTheRequestsCounted(LoadTestResult result) {
        WEIGHTS.keySet().forEach(path -> assertThat(app.countRequestsMatching(
                getRequestedFor(urlPathEqualTo(path)).build()).getCount())
                .as("GET %s received by the app", path)
                .isEqualTo(result.request("GET", path).orElseThrow().count()));
    }
}
