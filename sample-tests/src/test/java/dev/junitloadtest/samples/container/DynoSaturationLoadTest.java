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
 * likely hit a capacity limit". Requests per second grow with the first users, then flatten: past the dyno's limit,
 * twice the users bring barely more requests, and each request waits about twice as long (Little's law). The
 * container's CPU is throttled at its limit. Where the limit lies depends on the machine (how fast the generator turns
 * a request around, how fast the dyno's quarter CPU serves one): the last two stages are far enough past it on any
 * machine this runs on (tens of users against a dyno that saturates at a few), so the test compares those two.
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
        double twoUsers = stage(result, 2).throughput();
        double manyUsers = stage(result, 3).throughput();
        double twiceAsMany = stage(result, 4).throughput();
        assertThat(manyUsers).as("requests/s of 32 users against 2 users' %.0f", twoUsers).isGreaterThan(twoUsers);
        // Twice the users would bring twice the requests to a dyno with CPU to spare.
        assertThat(twiceAsMany).as("requests/s of 64 users against 32 users' %.0f", manyUsers)
                .isLessThan(1.4 * manyUsers);
    }

    @Test
    void latencyGrowsWithTheQueue(LoadTestResult result) {
        RequestStats twoUsers = stage(result, 2);
        RequestStats manyUsers = stage(result, 3);
        RequestStats twiceAsMany = stage(result, 4);
        // Little's law: with requests/s flat, the time in the system grows with the users waiting in it.
        assertThat(twiceAsMany.median()).as("median of 64 users against 32 users' %s", manyUsers.median())
                .isGreaterThan(manyUsers.median().multipliedBy(3).dividedBy(2));
        assertThat(twiceAsMany.percentile(95)).as("p95 of 64 users against 2 users' %s", twoUsers.percentile(95))
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
