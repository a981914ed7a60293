package dev.junitloadtest.samples.heroku;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.junitloadtest.LoadTest;
import dev.junitloadtest.LoadTestVerdicts;
import dev.junitloadtest.OnStart;
import dev.junitloadtest.TargetHost;
import dev.junitloadtest.Task;
import dev.junitloadtest.Threshold;
import dev.junitloadtest.Users;
import dev.junitloadtest.VirtualUser;
import dev.junitloadtest.WaitTime;
import dev.junitloadtest.http.Http;
import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.result.RequestStats;

/**
 * The Heroku load-testing guide (LoadForge), scenario 2: {@code HerokuApiUser}, clients of a JSON API that log in for a
 * bearer token, then list, read, create and report on orders with it.
 *
 * <p>What it shows: a token taken in {@code @OnStart} and sent by every later request as a default header; requests
 * named by their path template, so the five order ids make one row ({@code GET /api/v1/orders/{id}}, the guide's
 * {@code GET /api/v1/orders/:id}) and query strings none; and the report, the one endpoint that works the database,
 * standing out as the slowest. The stub API answers 401 to a request without a token it issued.
 */
@LoadTest(duration = "3s")
@Users(count = 20, spawnRate = 20) // -Plong: 200 users at 10/s for 5 minutes
@WaitTime(min = "1ms", max = "2ms") // the guide's between(1, 2), 1000 times shorter
@Threshold("failures == 0")
@Threshold(request = "GET /api/v1/reports/orders/daily", value = "min >= 40ms") // the database's share
class HerokuApiUserLoadTest implements LoadTestVerdicts {

    private static final List<Integer> ORDER_IDS = List.of(1001, 1002, 1003, 1004, 1005);
    private static final String ISSUED_TOKEN = "Bearer tok-[0-9a-f-]{36}";

    static final WireMockServer api = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
            .containerThreads(50));

    @BeforeAll
    static void startApi() {
        api.start();
        api.stubFor(post("/api/v1/auth/login")
                .withRequestBody(equalToJson("{\"email\": \"api.loadtest@example.com\", \"password\": \"SuperSecret123!\"}"))
                .willReturn(okJson("{\"token\": \"tok-{{request.id}}\", \"expires_in\": 3600}")
                        .withTransformers("response-template")));
        api.stubFor(get(urlPathEqualTo("/api/v1/orders")).withHeader("Authorization", matching(ISSUED_TOKEN))
                .withQueryParam("status", equalTo("open")).withQueryParam("limit", matching("\\d+"))
                .willReturn(okJson("{\"orders\": [{\"id\": 1001, \"status\": \"open\"}], \"next\": null}")));
        api.stubFor(get(urlPathMatching("/api/v1/orders/\\d+")).withHeader("Authorization", matching(ISSUED_TOKEN))
                .willReturn(okJson("{\"id\": {{request.pathSegments.[3]}}, \"status\": \"open\"}")
                        .withTransformers("response-template")));
        api.stubFor(post("/api/v1/orders").withHeader("Authorization", matching(ISSUED_TOKEN))
                .withRequestBody(matchingJsonPath("$.items[0].sku"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\": {{randomInt lower=2000 upper=99999}}, \"status\": \"open\"}")
                        .withTransformers("response-template")));
        // Reports aggregate thirty days of orders: the slow endpoint of the API.
        api.stubFor(get(urlPathEqualTo("/api/v1/reports/orders/daily")).withHeader("Authorization", matching(ISSUED_TOKEN))
                .willReturn(okJson("{\"days\": 30, \"orders\": [12, 17, 9]}").withUniformRandomDelay(40, 80)));
        api.stubFor(any(anyUrl()).atPriority(10)
                .willReturn(aResponse().withStatus(401).withBody("{\"error\": \"missing or unknown token\"}")));
    }

    @AfterAll
    static void stopApi() {
        api.stop();
    }

    @TargetHost
    static String host() {
        return "http://127.0.0.1:" + api.port();
    }

    @OnStart
    void logIn(Http http) {
        String token = http.request("POST", "/api/v1/auth/login")
                .json(Map.of("email", "api.loadtest@example.com", "password", "SuperSecret123!"))
                .check(response -> assertThat(response.json().get("token").text()).isPresent())
                .send()
                .orThrow() // no token, no point going on: the user's tasks would all be 401s
                .json().get("token").asText();
        http.defaultHeader("Authorization", "Bearer " + token);
    }

    @Task(weight = 5)
    void listOrders(Http http) {
        http.request("GET", "/api/v1/orders").query("status", "open").query("limit", 25).send();
    }

    @Task(weight = 3)
    void orderDetail(Http http, VirtualUser user) {
        http.get("/api/v1/orders/{id}", ORDER_IDS.get(user.random().nextInt(ORDER_IDS.size())));
    }

    @Task(weight = 2)
    void createOrder(Http http) {
        http.request("POST", "/api/v1/orders")
                .json(Map.of(
                        "customer_id", 501,
                        "currency", "USD",
                        "items", List.of(
                                Map.of("sku", "starter-plan", "quantity", 1, "unit_price", 2900),
                                Map.of("sku", "priority-support", "quantity", 1, "unit_price", 900)),
                        "notes", "Created by a junit-loadtest performance test"))
                .expect(201)
                .check(response -> assertThat(response.json().get("id").asLong()).isPositive())
                .send();
    }

    @Task(weight = 1)
    void orderMetrics(Http http) {
        http.request("GET", "/api/v1/reports/orders/daily").query("days", 30).send();
    }

    @Test
    void everyRequestCarriedAnIssuedToken(LoadTestResult result) {
        assertThat(result.failures()).isEmpty();
        assertThat(result.exceptions()).isEmpty();
        assertThat(result.request("POST /api/v1/auth/login").orElseThrow().count())
                .as("logins, one per user").isEqualTo(result.history().stream().mapToInt(p -> p.users()).max().orElseThrow());
    }

    @Test
    void idsAndQueryStringsDoNotMultiplyTheRows(LoadTestResult result) {
        assertThat(result.requests()).extracting(RequestStats::key).containsExactly(
                "POST /api/v1/auth/login", "GET /api/v1/orders", "POST /api/v1/orders", "GET /api/v1/orders/{id}",
                "GET /api/v1/reports/orders/daily");
    }

    @Test
    void theDailyReportIsTheSlowestEndpoint(LoadTestResult result) {
        RequestStats report = result.request("GET /api/v1/reports/orders/daily").orElseThrow();
        for (String fast : List.of("GET /api/v1/orders", "GET /api/v1/orders/{id}", "POST /api/v1/orders")) {
            assertThat(result.request(fast).orElseThrow().median()).as("median of %s", fast)
                    .isLessThan(report.median());
        }
    }
}
