package dev.junitloadtest.samples.locustonheroku;

import static dev.junitloadtest.assertions.LoadTestAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.junitloadtest.LoadTest;
import dev.junitloadtest.LoadTestVerdicts;
import dev.junitloadtest.Threshold;
import dev.junitloadtest.UserType;
import dev.junitloadtest.Users;
import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.result.RequestStats;
import dev.junitloadtest.samples.SampleTargetExtension;

/**
 * The Locust-on-Heroku article (Rahul Rai, "Cheapskate's Journey to On-Demand Load Tests on Heroku with Locust"),
 * scene 1: {@code run.sh locustfile_scene_1.py scene_1}, the {@link ApiUser}s against the target API.
 *
 * <p>What it reveals: {@code /volatile} answers after 0 s for ten requests, then 1 s for ten, ... up to 5 s for eleven,
 * then starts over, so its response times are not spread out but stacked on whole seconds, and the percentiles
 * step from one second to the next.
 */
@LoadTest(duration = "8s")
@Users(count = 50) // the article: -u 200 -r 10 for two minutes; see -Plong
@UserType(ApiUser.class)
@Threshold(request = "GET /", value = "failures == 0")
@Threshold(request = "GET /", value = "p95 < 250ms")
class ApiUserLoadTest implements LoadTestVerdicts {

    private static final long SECOND = 1_000_000; // the histograms count microseconds

    @RegisterExtension
    static SampleTargetExtension target = new SampleTargetExtension();

    @Test
    void volatileAnswersOnEachOfItsSixDelaySteps(LoadTestResult result) {
        Histogram latencies = result.request("GET /volatile").orElseThrow().responseTimes().histogram();
        for (int step = 0; step <= 5; step++) {
            assertThat(latencies.getCountBetweenValues(step * SECOND, step * SECOND + SECOND / 2))
                    .as("GET /volatile responses that took %d s", step)
                    .isPositive();
        }
    }

    @Test
    void volatilePercentilesStepByWholeSeconds(LoadTestResult result) {
        // A full cycle is 61 requests, ten of them without delay: whatever its length, a run holds at least 16% of them.
        assertThat(result).request("GET /volatile").percentile(15).isLessThan(Duration.ofSeconds(1));
        RequestStats volatileEndpoint = result.request("GET /volatile").orElseThrow();
        for (double percentile : new double[] {15, 25, 50, 75, 90, 99}) {
            Duration value = volatileEndpoint.percentile(percentile);
            assertThat(value.minusSeconds(value.toSeconds()))
                    .as("p%s of GET /volatile, %s, past its whole seconds", percentile, value)
                    .isLessThan(Duration.ofMillis(250));
        }
    }
}
