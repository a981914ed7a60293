package dev.junitloadtest.samples.locustonheroku;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.junitloadtest.LoadTest;
import dev.junitloadtest.LoadTestVerdicts;
import dev.junitloadtest.Threshold;
import dev.junitloadtest.UserType;
import dev.junitloadtest.Users;
import dev.junitloadtest.result.FailureStats;
import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.result.RequestStats;
import dev.junitloadtest.samples.SampleTargetExtension;
import dev.junitloadtest.sampletarget.SampleTarget.Route;

/**
 * The Locust-on-Heroku article, scene 2: {@code run.sh locustfile_scene_2.py scene_2}, the {@link AdminUser}s against
 * the target API.
 *
 * <p>What it reveals: {@code /buggy} fails every fifth request, and the failures table says where and how, as the
 * article's {@code failures.csv} did ("28 errors from the GET /buggy endpoint"). Here the count is exact: the target's
 * counter hands each request its own number, and only {@code /buggy} moves it, so of {@code n} requests exactly those
 * numbered 0, 5, 10... fail: {@code ceil(n / 5)} of them.
 *
 * <p>This is also the article's headless command ({@code locust -f locustfile_scene_2.py --headless -u 200 -r 10
 * --host=$TARGET_HOST --run-time 2m --stop-timeout 60 --csv=...}) as a Maven command line: see the sample-tests
 * README. Against a host given that way, the checks that read the embedded target's counters are skipped.
 */
@LoadTest(duration = "5s")
@Users(count = 20, spawnRate = 10) // the article: -u 200 -r 10 for two minutes; see -Plong
@UserType(AdminUser.class)
@Threshold(request = "GET /", value = "failures == 0")
@Threshold(request = "GET /buggy", value = "failure_rate < 25%") // one in five, rounded up: 20% to 23.6% from 17 on
class AdminUserLoadTest implements LoadTestVerdicts {

    @RegisterExtension
    static SampleTargetExtension target = new SampleTargetExtension();

    @Test
    void buggyFailsOneRequestInFive(LoadTestResult result) {
        RequestStats buggy = result.request("GET /buggy").orElseThrow();
        long n = buggy.count();
        assertThat(n).isGreaterThanOrEqualTo(20);
        if (target.isTargetOf(result)) {
            // A fresh counter: requests 0, 5, 10... fail.
            assertThat(buggy.failures()).as("failures of %d GET /buggy", n).isEqualTo((n + 4) / 5);
        } else {
            // Any n consecutive counter values hold floor(n/5) or ceil(n/5) multiples of five.
            assertThat(buggy.failures()).as("failures of %d GET /buggy", n).isBetween(n / 5, (n + 4) / 5);
        }
    }

    @Test
    void failuresTableNamesTheBuggyEndpointAndItsError(LoadTestResult result) {
        long buggyFailures = result.request("GET /buggy").orElseThrow().failures();
        assertThat(result.failures())
                .extracting(FailureStats::method, FailureStats::name, FailureStats::error, FailureStats::occurrences)
                .containsExactly(tuple("GET", "/buggy", "HTTP 500 Internal Server Error", buggyFailures));
    }

    @Test
    void everyRequestTheTargetServedIsCountedOnce(LoadTestResult result) {
        assumeTrue(target.isTargetOf(result), "the load went to " + result.profile().host()
                + " (" + result.profile().hostSource() + "), not to the embedded target whose counters this reads");
        assertThat(result.request("GET /buggy").orElseThrow().count())
                .isEqualTo(target.target().requestsServed(Route.BUGGY))
                .isEqualTo(target.target().counter());
        assertThat(result.request("GET /").orElseThrow().count()).isEqualTo(target.target().requestsServed(Route.HOME));
        assertThat(result.total().count()).isEqualTo(target.target().requestsServed());
    }
}
