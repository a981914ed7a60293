package dev.junitloadtest.samples.locustonheroku;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.junitloadtest.LoadTest;
import dev.junitloadtest.LoadTestVerdicts;
import dev.junitloadtest.Threshold;
import dev.junitloadtest.UserType;
import dev.junitloadtest.Users;
import dev.junitloadtest.result.FailureStats;
import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.result.RunProfile;
import dev.junitloadtest.samples.SampleTargetExtension;
import dev.junitloadtest.sampletarget.SampleTarget.Route;

/**
 * The Locust-on-Heroku article with both dynos at once: it runs {@code worker_scene_1} ({@link ApiUser}) and
 * {@code worker_scene_2} ({@link AdminUser}) side by side against one target; here they are two user types of one run.
 *
 * <p>What it reveals: {@code /volatile} and {@code /buggy} share one counter. {@code /buggy} requests push it past the
 * point where {@code /volatile} resets it to zero, so {@code /buggy} no longer fails requests 0, 5, 10... once each,
 * as it does alone ({@link AdminUserLoadTest}), but fails at the same counter values over and over, and how many of its
 * requests fail depends on the other user type's traffic. The checks hold the run's figures against the target's own
 * log: every 500 it returned is a {@code GET /buggy} failure, every delay it slept shows in the response times.
 */
@LoadTest(duration = "6s")
@Users(count = 40) // shared out by weight: 20 of each type
@UserType(ApiUser.class)
@UserType(AdminUser.class)
@Threshold(request = "GET /", value = "failures == 0")
class BothDynosLoadTest implements LoadTestVerdicts {

    private static final Pattern ERROR_LINE = Pattern.compile("Returning error at (-?\\d+) request ");
    private static final Pattern DELAY_LINE = Pattern.compile("Produced response after (\\d) second/s ");
    private static final long SECOND = 1_000_000; // the histograms count microseconds

    @RegisterExtension
    static SampleTargetExtension target = SampleTargetExtension.withRequestLog();

    @Test
    void bothUserTypesRanHalfTheUsersEach(LoadTestResult result) {
        assertThat(result.profile().userTypes()).extracting(RunProfile.UserTypeInfo::name)
                .containsExactly("ApiUser", "AdminUser");
        assertThat(result.tasks()).allSatisfy(task -> assertThat(task.iterations()).isPositive())
                .extracting(task -> task.userType() + "." + task.task())
                .containsExactlyInAnyOrder("ApiUser.home", "ApiUser.volatileEndpoint", "AdminUser.home",
                        "AdminUser.buggy");
    }

    @Test
    void everyRouteIsCountedAsTheTargetServedIt(LoadTestResult result) {
        assertThat(result.request("GET /").orElseThrow().count()).isEqualTo(target.target().requestsServed(Route.HOME));
        assertThat(result.request("GET /volatile").orElseThrow().count())
                .isEqualTo(target.target().requestsServed(Route.VOLATILE));
        assertThat(result.request("GET /buggy").orElseThrow().count())
                .isEqualTo(target.target().requestsServed(Route.BUGGY));
    }

    @Test
    void everyErrorTheTargetReturnedIsAFailureOfGetBuggy(LoadTestResult result) {
        long errors = errorCounterValues().size();
        assertThat(errors).isPositive();
        assertThat(result.failures())
                .extracting(FailureStats::key, FailureStats::error, FailureStats::occurrences)
                .containsExactly(tuple("GET /buggy", "HTTP 500 Internal Server Error", errors));
    }

    @Test
    void everyDelayTheTargetSleptShowsInTheResponseTimes(LoadTestResult result) {
        Histogram latencies = result.request("GET /volatile").orElseThrow().responseTimes().histogram();
        long[] sleptAtLeast = new long[6];
        for (String line : target.requestLog()) {
            Matcher delay = DELAY_LINE.matcher(line);
            if (delay.matches()) {
                for (int seconds = 0; seconds <= Integer.parseInt(delay.group(1)); seconds++) {
                    sleptAtLeast[seconds]++;
                }
            }
        }
        assertThat(latencies.getTotalCount()).isEqualTo(sleptAtLeast[0]);
        // No response comes sooner than the target slept; on a busy machine a few come late, past the next second.
        long stragglers = 3 + sleptAtLeast[0] / 50;
        for (int seconds = 1; seconds <= 5; seconds++) {
            long tookAtLeast = latencies.getCountBetweenValues(seconds * SECOND, Long.MAX_VALUE);
            assertThat(tookAtLeast).as("GET /volatile responses that took %d s or more", seconds)
                    .isBetween(sleptAtLeast[seconds], sleptAtLeast[seconds] + stragglers);
        }
    }

    @Test
    void volatileResetsTheCounterThatBuggyFailsBy(LoadTestResult result) {
        // Alone, /buggy fails at counter values 0, 5, 10... once each. Here /volatile sets the counter back to 0
        // whenever it reaches 60, so /buggy fails at the same values again and again.
        List<Integer> failedAt = errorCounterValues();
        assertThat(failedAt.stream().distinct().count())
                .as("distinct counter values among the target's %d 500s: %s", failedAt.size(), failedAt)
                .isLessThan(failedAt.size());
    }

    private static List<Integer> errorCounterValues() {
        return target.requestLog().stream().map(ERROR_LINE::matcher).filter(Matcher::matches)
                .map(m -> Integer.parseInt(m.group(1))).toList();
    }
}
