package dev.junitloadtest.engine;

import static dev.junitloadtest.EngineRuns.runLoad;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.junitloadtest.ArrivalRate;
import dev.junitloadtest.FixtureRun;
import dev.junitloadtest.LoadTest;
import dev.junitloadtest.RampStage;
import dev.junitloadtest.Task;
import dev.junitloadtest.UserType;
import dev.junitloadtest.Users;
import dev.junitloadtest.VirtualUser;
import dev.junitloadtest.WaitTime;
import dev.junitloadtest.result.HistoryPoint;
import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.result.RequestStats;
import dev.junitloadtest.result.TaskStats;

/** The closed model follows its stages, the open one its arrival rate; tasks and user types follow their weights. */
class LoadModelTests {

    static LoadTestResult runAndGet(Class<?> testClass) {
        return runAndGet(testClass, Map.of());
    }

    static LoadTestResult runAndGet(Class<?> testClass, Map<String, String> parameters) {
        FixtureRun run = runLoad(testClass, parameters);
        run.testEvents().assertStatistics(stats -> stats.failed(0));
        return run.result();
    }

    @Test
    void usersFollowTheStagesUpAndDown() {
        LoadTestResult result = runAndGet(StagesTestCase.class);

        List<HistoryPoint> history = result.history();
        // One-second samples. The first stage spawns one user at once, then 10/s: the tenth at 0.9 s, so the sample
        // at 1 s sees it unless the machine is too busy to start it within 0.1 s; at 2 s the ramp has long settled.
        // The second stage jumps to 4 at 2.5 s; the third ramps down to 0 from 4.5 s. Stages change half-way between
        // samples, so that no sample races a change (one at 2 s, as the stage ended, once saw 9 of 10 users).
        assertThat(usersAt(history, Duration.ofSeconds(1))).isBetween(8, 10);
        assertThat(usersAt(history, Duration.ofSeconds(2))).isEqualTo(10);
        assertThat(usersAt(history, Duration.ofSeconds(4))).isEqualTo(4);
        assertThat(result.profile().stages()).extracting(stage -> stage.users()).containsExactly(10, 4, 0);
        assertThat(result.profile().loadModel()).isEqualTo(
                "stages: 2.5s → 10 users @ 10/s, 2s → 4 users at once, 1s → 0 users @ 4/s");
    }

    @Test
    void identicalStagesAreTwoStages() {
        dev.junitloadtest.internal.config.LoadModel model = new dev.junitloadtest.internal.config.ProfileReader(
                IdenticalStagesTestCase.class, dev.junitloadtest.internal.config.ConfigurationParameters.NONE,
                name -> null).read().model();

        assertThat(model.duration()).isEqualTo(Duration.ofSeconds(2));
        assertThat(((dev.junitloadtest.internal.config.LoadModel.Closed) model).stages()).hasSize(2);
    }

    @Test
    void theOpenModelStartsExactlyRateTimesDurationIterations() {
        LoadTestResult result = runAndGet(OpenTestCase.class);

        long started = result.tasks().stream().mapToLong(TaskStats::iterations).sum();
        // Intended starts at k/40 s for k = 0..79: eighty iterations, each started or dropped, none lost.
        assertThat(started + result.droppedIterations()).isEqualTo(80);
        assertThat(result.droppedIterations()).isZero();
        assertThat(result.request("WORK op").orElseThrow().count()).isEqualTo(started);
    }

    @Test
    void theOpenModelCountsIterationsThatCouldNotStart() {
        LoadTestResult result = runAndGet(SaturatedOpenTestCase.class);

        long started = result.tasks().stream().mapToLong(TaskStats::iterations).sum();
        // Two users taking 100 ms each can start 20 iterations a second at most; 50 a second were asked for.
        assertThat(started + result.droppedIterations()).isEqualTo(100);
        assertThat(result.droppedIterations()).isGreaterThan(30);
        assertThat(result.warnings()).anySatisfy(warning -> assertThat(warning).contains("could not start"));
    }

    @Test
    void aStallShowsInTheCorrectedLatenciesButNotInTheServiceTimes() {
        LoadTestResult result = runAndGet(StallTestCase.class);

        RequestStats op = result.request("WORK op").orElseThrow();
        // Work takes ~2 ms, except a one-second stall of the "server" at 1 s. Four users cannot keep up with 100
        // iterations a second meanwhile: the iterations intended during the stall start late, and their latency
        // counts from when they should have started.
        assertThat(op.serviceTimes().percentile(90)).isLessThan(Duration.ofMillis(100));
        assertThat(op.responseTimes().percentile(90)).isGreaterThan(Duration.ofMillis(300));
        assertThat(op.responseTimes().max()).isGreaterThan(Duration.ofMillis(800));
    }

    @Test
    void tasksArePickedInProportionToTheirWeights() {
        LoadTestResult result = runAndGet(WeightsTestCase.class);

        long heavy = iterations(result, "heavy");
        long light = iterations(result, "light");
        long total = heavy + light;
        assertThat(total).isGreaterThan(5000);
        // 4:1. With n >= 5,000 draws the share's standard deviation is under 0.6 percentage points; allow six.
        assertThat((double) heavy / total).isCloseTo(0.8, within(0.035));
    }

    @Test
    void usersAreSharedOutByFixedCountThenWeight() {
        LoadTestResult result = runAndGet(MixTestCase.class);

        // 1 Admin (fixed), then the other 9 by weight 2:1: 6 Shoppers and 3 Browsers, one run each (they stop).
        assertThat(iterations(result, "admin")).isEqualTo(1);
        assertThat(iterations(result, "shop")).isEqualTo(6);
        assertThat(iterations(result, "browse")).isEqualTo(3);
        assertThat(result.profile().userTypes()).extracting(type -> type.name())
                .containsExactly("Admin", "Shopper", "Browser");
    }

    @Test
    void configurationParametersOverrideTheAnnotations() {
        LoadTestResult result = runAndGet(MixTestCase.class, Map.of("loadtest.users", "4", "loadtest.duration", "1s"));

        assertThat(result.profile().loadModel()).isEqualTo("4 users started at once for 1s");
        assertThat(iterations(result, "admin") + iterations(result, "shop") + iterations(result, "browse"))
                .isEqualTo(4);
    }

    private static long iterations(LoadTestResult result, String task) {
        return result.tasks().stream().filter(t -> t.task().equals(task)).mapToLong(TaskStats::iterations).sum();
    }

    private static int usersAt(List<HistoryPoint> history, Duration at) {
        return history.stream().filter(point -> Math.abs(point.end().minus(at).toMillis()) < 300).findFirst()
                .orElseThrow(() -> new AssertionError("no sample near " + at + " in " + history)).users();
    }

    // Fixtures

    @LoadTest
    @RampStage(duration = "2.5s", users = 10, spawnRate = 10)
    @RampStage(duration = "2s", users = 4)
    @RampStage(duration = "1s", users = 0, spawnRate = 4)
    @WaitTime(min = "20ms")
    static class StagesTestCase {
        @Task
        void work() {
        }
    }

    @LoadTest
    @RampStage(duration = "1s", users = 1)
    @RampStage(duration = "1s", users = 1)
    static class IdenticalStagesTestCase {
        @Task
        void work() {
        }
    }

    @LoadTest(duration = "2s")
    @ArrivalRate(value = 40, maxUsers = 50)
    static class OpenTestCase {
        @Task
        void work(VirtualUser user) {
            user.time("WORK", "op", () -> Thread.sleep(1));
        }
    }

    @LoadTest(duration = "2s")
    @ArrivalRate(value = 50, maxUsers = 2)
    static class SaturatedOpenTestCase {
        @Task
        void work() throws InterruptedException {
            Thread.sleep(100);
        }
    }

    @LoadTest(duration = "3s")
    @ArrivalRate(value = 100, maxUsers = 4)
    static class StallTestCase {

        static final AtomicLong start = new AtomicLong();

        @Task
        void work(VirtualUser user) {
            start.compareAndSet(0, System.nanoTime());
            user.time("WORK", "op", () -> {
                long elapsed = System.nanoTime() - start.get();
                if (elapsed > 1_000_000_000L && elapsed < 2_000_000_000L) {
                    Thread.sleep((2_000_000_000L - elapsed) / 1_000_000);
                } else {
                    Thread.sleep(2);
                }
            });
        }
    }

    @LoadTest(duration = "1500ms")
    @Users(count = 4)
    static class WeightsTestCase {
        @Task(weight = 4)
        void heavy() {
        }

        @Task(weight = 1)
        void light() {
        }
    }

    static class Admin {
        @Task
        void admin(VirtualUser user) {
            user.stop();
        }
    }

    static class Shopper {
        @Task
        void shop(VirtualUser user) {
            user.stop();
        }
    }

    static class Browser {
        @Task
        void browse(VirtualUser user) {
            user.stop();
        }
    }

    @LoadTest(duration = "1s")
    @Users(count = 10)
    @UserType(value = Admin.class, fixedCount = 1)
    @UserType(value = Shopper.class, weight = 2)
    @UserType(value = Browser.class, weight = 1)
    static class MixTestCase {
        @Test
        void ran() {
        }
    }
}
