package dev.junitloadtest.samples.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.CpuStatsConfig;
import com.github.dockerjava.api.model.Statistics;

import dev.junitloadtest.LoadTest;
import dev.junitloadtest.LoadTestVerdicts;
import dev.junitloadtest.RampStage;
import dev.junitloadtest.TargetHost;
import dev.junitloadtest.Task;
import dev.junitloadtest.Threshold;
import dev.junitloadtest.http.Http;
import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.result.RequestStats;

/**
 * The Heroku load-testing guide (LoadForge), "Load testing helps reveal when a single dyno saturates": the sample
 * target (the Locust-on-Heroku article's API) in a container limited like a dyno, a quarter of a CPU and 512 MB,
 * started by Testcontainers, under users who never pause: a few users, then many, then twice as many.
 *
 * <p>What it shows, as the guide describes it: "if requests per second stop increasing while latency rises, you have
 * likely hit a capacity limit". Past the dyno's limit its requests/s stop growing with the users, so each user gets
 * fewer through and each request waits longer (Little's law); the container's CPU is throttled at its limit. Where
 * the limit lies depends on the machine (how fast the generator turns a request around, how the quarter CPU is
 * throttled), so the test does not look for it: it compares 2 users, well below it, with 64, well past it.
 */
@LoadTest
@RampStage(duration = "4s", users = 8) // warm-up: the target's JIT compiles on a quarter of a CPU
@RampStage(duration = "2s", users = 2)
@RampStage(duration = "2s", users = 32)
@RampStage(duration = "2s", users = 64)
@RequiresDocker
@Testcontainers
@Threshold("failures == 0") // a saturated dyno queues, it does not fail
class DynoSaturationLoadTest implements LoadTestVerdicts {

    @Container
    static SampleTargetContainer dyno = new SampleTargetContainer().withCpus(0.25).withMemoryMegabytes(512);

    static CpuStatsConfig cpuBefore;

    @BeforeAll
    static void readCpuBeforeTheLoad() {
        cpuBefore = cpuStats();
    }

    @TargetHost
    static URI host() {
        return dyno.baseUri();
    }

    @Task
    void home(Http http) {
        http.get("/");
    }

    @Test
    void throughputFlattensOnceTheDynoIsSaturated(LoadTestResult result) {
        double perUserAtTwo = stage(result, 2).throughput() / 2;
        double perUserAtSixtyFour = stage(result, 4).throughput() / 64;
        // A dyno with CPU to spare serves each user as fast at 64 users as at 2. A saturated one shares its fixed
        // requests/s among them: a quarter CPU serves a few thousand a second at most, and two users alone get
        // several hundred each through, so at 64 users each gets a small fraction of that.
        assertThat(perUserAtSixtyFour).as("requests/s per user at 64 users against %.0f at 2 users", perUserAtTwo)
                .isLessThan(perUserAtTwo / 2);
    }

    @Test
    void latencyGrowsWithTheQueue(LoadTestResult result) {
        RequestStats twoUsers = stage(result, 2);
        RequestStats sixtyFourUsers = stage(result, 4);
        // Little's law: with requests/s flat, the time in the system grows with the users waiting in it.
        assertThat(sixtyFourUsers.median()).as("median of 64 users against 2 users' %s", twoUsers.median())
                .isGreaterThan(twoUsers.median().multipliedBy(3));
        assertThat(sixtyFourUsers.percentile(95)).as("p95 of 64 users against 2 users' %s", twoUsers.percentile(95))
                .isGreaterThan(twoUsers.percentile(95));
    }

    @Test
    void theDynosCpuWasThrottledAtItsLimit(LoadTestResult result) {
        CpuStatsConfig after = cpuStats();
        long periods = after.getThrottlingData().getPeriods() - cpuBefore.getThrottlingData().getPeriods();
        long throttled = after.getThrottlingData().getThrottledPeriods()
                - cpuBefore.getThrottlingData().getThrottledPeriods();
        assertThat(throttled).as("CPU periods (of %d in the run) in which the dyno used up its CPU", periods)
                .isGreaterThan(periods / 4);
    }

    private static RequestStats stage(LoadTestResult result, int number) {
        return result.stage(number).request("GET /").orElseThrow();
    }

    /** The container's CPU figures, from the Docker engine ({@code docker stats}). */
    private static CpuStatsConfig cpuStats() {
        class LastStatistics extends ResultCallback.Adapter<Statistics> {
            volatile Statistics statistics;

            @Override
            public void onNext(Statistics next) {
                statistics = next;
            }
        }
        LastStatistics callback = new LastStatistics();
        try {
            dyno.getDockerClient().statsCmd(dyno.getContainerId()).withNoStream(true).exec(callback)
                    .awaitCompletion(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return callback.statistics.getCpuStats();
    }
}
