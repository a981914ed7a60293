package dev.junitloadtest.trust;

import static dev.junitloadtest.EngineRuns.configurationError;
import static dev.junitloadtest.EngineRuns.runLoad;
import static org.assertj.core.api.Assertions.assertThat;


import org.junit.jupiter.api.Test;

import dev.junitloadtest.FixtureRun;
import dev.junitloadtest.LoadTest;
import dev.junitloadtest.LoadTestVerdicts;
import dev.junitloadtest.Task;
import dev.junitloadtest.Threshold;
import dev.junitloadtest.UserType;
import dev.junitloadtest.Users;
import dev.junitloadtest.VirtualUser;
import dev.junitloadtest.WaitTime;
import dev.junitloadtest.result.GeneratorHealth;
import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.result.ThresholdResult;

/** The generator knows when it is the bottleneck, says so in the result, and thresholds can require it was not. */
class GeneratorHealthTests {

    @Test
    void aStarvedGeneratorIsFlaggedWithTheFigures() {
        LoadTestResult result = runLoad(StarvedTestCase.class).result();

        GeneratorHealth health = result.generatorHealth();
        assertThat(health.isHealthy()).isFalse();
        // Virtual threads are not preempted: hogs spinning on every carrier keep the waiting users from waking.
        assertThat(health.problems()).anySatisfy(problem -> assertThat(problem)
                .startsWith("Virtual users started their work late: p99 ").endsWith(" behind schedule (limit 50 ms): "
                        + "the generator could not keep its users on time."));
        assertThat(health.schedulingLag().percentile(99).toMillis()).isGreaterThan(50);
        assertThat(result.warnings()).containsAll(health.problems());
        ThresholdResult lag = verdict(result, "generator_lag_p99 < 50ms");
        assertThat(lag.passed()).isFalse();
        assertThat(lag.message()).startsWith("generator_lag_p99 of the load generator was ");
        assertThat(health.summary()).startsWith("SKEWED: CPU ");
    }

    @Test
    void aCalmGeneratorIsNot() {
        FixtureRun run = runLoad(CalmTestCase.class);
        run.testEvents().assertStatistics(stats -> stats.failed(0));

        LoadTestResult result = run.result();
        GeneratorHealth health = result.generatorHealth();
        assertThat(health.problems()).isEmpty();
        assertThat(health.measuredSeconds()).isGreaterThanOrEqualTo(2);
        assertThat(health.cores()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(health.cpuAverage()).isBetween(0.0, 0.9);
        assertThat(health.pauses().count()).isGreaterThan(1000);
        assertThat(health.schedulingLag().count()).isPositive();
        assertThat(verdict(result, "generator_cpu < 90%").passed()).isTrue();
        assertThat(verdict(result, "generator_pause_p99 < 20ms").passed()).isTrue();
        assertThat(health.summary()).startsWith("healthy: CPU ");
    }

    @Test
    void generatorThresholdsJudgeTheWholeRunOnly() {
        assertThat(configurationError(ScopedGeneratorThresholdTestCase.class)).isEqualTo("@Threshold "
                + "'generator_cpu < 90%' is about the load generator over the whole run: it takes no `request`, no "
                + "window (`stage`, `lastStage`, `from`) and no `abortOnFail`.");
    }

    private static ThresholdResult verdict(LoadTestResult result, String expression) {
        return result.thresholds().stream().filter(verdict -> verdict.expression().equals(expression)).findFirst()
                .orElseThrow();
    }

    static class Hog {
        @Task
        void spin() {
            long until = System.nanoTime() + 200_000_000L;
            long sum = 0;
            while (System.nanoTime() < until) {
                sum += until % 7;
            }
            if (sum == 42) {
                throw new IllegalStateException("unreachable, keeps the loop alive");
            }
        }
    }

    @WaitTime(min = "5ms")
    static class Sleeper {
        @Task
        void nap() {
        }
    }

    @LoadTest(duration = "3s", stopTimeout = "2s")
    @Users(count = 12)
    @UserType(value = Hog.class, fixedCount = 8)
    @UserType(Sleeper.class)
    @Threshold("generator_lag_p99 < 50ms")
    static class StarvedTestCase implements LoadTestVerdicts {
    }

    @LoadTest(duration = "3s")
    @Users(count = 2)
    @WaitTime(min = "50ms")
    @Threshold("generator_cpu < 90%")
    @Threshold("generator_pause_p99 < 20ms")
    static class CalmTestCase implements LoadTestVerdicts {
        @Task
        void idle(VirtualUser user) {
            user.time("WORK", "nothing", () -> { });
        }
    }

    @LoadTest(duration = "1s")
    @Threshold(value = "generator_cpu < 90%", request = "GET /")
    static class ScopedGeneratorThresholdTestCase {
        @Task
        void idle() {
        }
    }
}
