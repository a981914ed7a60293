package dev.junitloadtest.samples.heroku;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.junitloadtest.DataRow;
import dev.junitloadtest.Feeder;
import dev.junitloadtest.LoadTest;
import dev.junitloadtest.LoadTestVerdicts;
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
 * The Heroku load-testing guide (LoadForge), scenario 3: {@code HerokuSearchUser}, shoppers who search a catalog with
 * random terms and categories, filter a collection, open products, and now and then export the sales report.
 *
 * <p>What it shows: random inputs, the search terms and their categories drawn from {@code heroku/search-terms.jsonl}
 * by a {@code RANDOM} {@link Feeder @Feeder} (each user draws from its own {@link VirtualUser#random()}, seeded, so
 * a run can be repeated), product ids from {@link VirtualUser#random()} directly, and work that
 * finishes after the request that started it. The export answers 202 at once with a job id, as the guide says a web
 * dyno should, and a worker makes the file ready later; the task polls the job with Awaitility and times the whole
 * wait with {@link VirtualUser#time} as its own row, {@code EXPORT export ready}, so the time a user waits for the
 * file is measured, not just the quick 202.
 */
@LoadTest(duration = "4s")
@Users(count = 10, spawnRate = 10) // -Plong: 200 users at 10/s for 5 minutes
@WaitTime(min = "2ms", max = "4ms") // the guide's between(2, 4), 1000 times shorter
@Threshold("failures == 0")
@Threshold(request = "EXPORT export ready", value = "p95 < 2s") // the worker keeps up with the exports
@Feeder(name = "searches", file = "heroku/search-terms.jsonl", columns = {"term", "category"},
        policy = Feeder.Policy.RANDOM)
class HerokuSearchUserLoadTest implements LoadTestVerdicts {

    /** The rows of {@code heroku/search-terms.jsonl}, as {@code term category}. */
    static final List<String> SEARCHES = List.of("wireless keyboard electronics", "usb-c dock electronics",
            "monitor stand office", "mechanical keyboard accessories", "noise cancelling headset electronics",
            "ergonomic chair office", "laptop sleeve accessories");
    static final List<Integer> PRODUCT_IDS = List.of(231, 455, 678, 890, 991);

    /** How long the stub's worker takes to produce an export: the guide's worker dyno, scaled down. */
    static final Duration EXPORT_TIME = Duration.ofMillis(300);

    static final WireMockServer shop = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
            .containerThreads(50));

    @BeforeAll
    static void startShop() {
        shop.start();
        shop.stubFor(get(urlPathEqualTo("/api/v1/products/search")).withQueryParam("q", matching(".+"))
                .withQueryParam("category", matching(".+"))
                .willReturn(okJson("{\"results\": [{\"id\": 231, \"name\": \"{{request.query.q}}\"}], \"page\": 1}")
                        .withTransformers("response-template")));
        shop.stubFor(get(urlPathMatching("/collections/[a-z-]+"))
                .willReturn(okJson("{\"products\": [455, 678]}")));
        shop.stubFor(get(urlPathMatching("/products/\\d+"))
                .willReturn(okJson("{\"id\": {{request.pathSegments.[1]}} }").withTransformers("response-template")));
        // The web dyno queues the export and answers at once; the job id says when it was queued.
        shop.stubFor(post("/api/v1/exports/sales").withRequestBody(matchingJsonPath("$.format", matching("csv")))
                .willReturn(aResponse().withStatus(202).withHeader("Content-Type", "application/json")
                        .withBody("{\"job_id\": \"{{now format='epoch'}}-{{randomValue length=8 type='ALPHANUMERIC'}}\"}")
                        .withTransformers("response-template")));
        // The worker: a job is pending until EXPORT_TIME after it was queued, then ready.
        shop.stubFor(get(urlPathMatching("/api/v1/exports/[^/]+")).atPriority(1)
                .andMatching(HerokuSearchUserLoadTest::exportIsReady)
                .willReturn(okJson("{\"status\": \"ready\", \"url\": \"/downloads/sales.csv\"}")));
        shop.stubFor(get(urlPathMatching("/api/v1/exports/[^/]+")).atPriority(5)
                .willReturn(okJson("{\"status\": \"pending\"}")));
    }

    private static MatchResult exportIsReady(Request request) {
        String jobId = request.getUrl().substring(request.getUrl().lastIndexOf('/') + 1);
        long queuedAt = Long.parseLong(jobId.substring(0, jobId.indexOf('-')));
        return MatchResult.of(System.currentTimeMillis() >= queuedAt + EXPORT_TIME.toMillis());
    }

    @AfterAll
    static void stopShop() {
        shop.stop();
    }

    @TargetHost
    static String host() {
        return "http://127.0.0.1:" + shop.port();
    }

    @Task(weight = 5)
    void searchProducts(Http http, VirtualUser user) {
        DataRow search = user.data("searches");
        http.request("GET", "/api/v1/products/search")
                .query("q", search.get("term"))
                .query("category", search.get("category"))
                .query("sort", "popularity")
                .query("page", 1)
                .send();
    }

    @Task(weight = 3)
    void filterCollection(Http http) {
        http.request("GET", "/collections/{slug}", "spring-deals")
                .query(Map.of("price_min", 25, "price_max", 250, "in_stock", true))
                .send();
    }

    @Task(weight = 1)
    void productDetail(Http http, VirtualUser user) {
        http.get("/products/{id}", pick(PRODUCT_IDS, user));
    }

    @Task(weight = 1)
    void triggerExport(Http http, VirtualUser user) {
        String jobId = http.request("POST", "/api/v1/exports/sales")
                .json(Map.of("format", "csv", "date_range", "last_30_days", "include_refunds", true,
                        "email_to", "ops-team@example.com"))
                .expect(202)
                .send()
                .orThrow()
                .json().get("job_id").asText();
        user.time("EXPORT", "export ready", () -> await()
                .pollInSameThread() // the user's Http belongs to its own thread
                .pollInterval(Duration.ofMillis(50))
                .atMost(Duration.ofSeconds(5))
                .until(() -> http.get("/api/v1/exports/{id}", jobId).json().get("status").asText(), "ready"::equals));
    }

    private static <T> T pick(List<T> choices, VirtualUser user) {
        return choices.get(user.random().nextInt(choices.size()));
    }

    @Test
    void searchesUsedEveryRowOfTheFileAndNothingElse(LoadTestResult result) {
        List<LoggedRequest> searches = shop.findAll(getRequestedFor(urlPathEqualTo("/api/v1/products/search")));
        assertThat(searches).hasSize((int) result.request("GET /api/v1/products/search").orElseThrow().count());
        // A term always comes with its own row's category: the feeder hands out whole rows.
        assertThat(searches.stream().map(r -> r.queryParameter("q").firstValue() + " "
                + r.queryParameter("category").firstValue()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(SEARCHES);
    }

    @Test
    void exportsAnswerAtOnceAndAreReadyAfterTheWorkersTime(LoadTestResult result) {
        RequestStats queued = result.request("POST /api/v1/exports/sales").orElseThrow();
        RequestStats ready = result.request("EXPORT export ready").orElseThrow();
        assertThat(ready.count()).as("exports waited for").isEqualTo(queued.count()).isPositive();
        assertThat(ready.failures()).isZero();
        assertThat(ready.min()).isGreaterThanOrEqualTo(EXPORT_TIME.minus(queued.max()));
        assertThat(queued.median()).as("median time to queue an export").isLessThan(ready.min());
    }

    @Test
    void everyStepHasItsOwnRowAndNoneFailed(LoadTestResult result) {
        assertThat(result.requests()).extracting(RequestStats::key).containsExactlyInAnyOrder(
                "GET /api/v1/exports/{id}", "POST /api/v1/exports/sales", "GET /api/v1/products/search",
                "GET /collections/{slug}", "EXPORT export ready", "GET /products/{id}");
        assertThat(result.failures()).isEmpty();
        assertThat(result.exceptions()).isEmpty();
    }
}
