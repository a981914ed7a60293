package dev.junitloadtest.engine;

import static dev.junitloadtest.EngineRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import dev.junitloadtest.LoadTest;
import dev.junitloadtest.RampStage;
import dev.junitloadtest.Task;
import dev.junitloadtest.Users;
import dev.junitloadtest.VirtualUser;
import dev.junitloadtest.WaitTime;
import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.result.RequestStats;

/** Work is recorded under stable names, capped, measured, and can be looked at window by window. */
class RecordingTests {

    static final AtomicReference<LoadTestResult> RESULT = new AtomicReference<>();

    @Test
    void timedWorkIsRecordedLikeARequestAndItsFailuresOnce() {
        run(TimedTestCase.class).testEvents().assertStatistics(stats -> stats.failed(0));

        LoadTestResult result = RESULT.get();
        RequestStats query = result.request("JDBC find orders").orElseThrow();
        RequestStats broken = result.request("JDBC broken query").orElseThrow();
        assertThat(query.count()).isEqualTo(5);
        assertThat(query.failures()).isZero();
        assertThat(query.min()).isGreaterThanOrEqualTo(Duration.ofMillis(20));
        assertThat(query.max()).isLessThan(Duration.ofMillis(500));
        assertThat(broken.count()).isEqualTo(5);
        assertThat(broken.failures()).isEqualTo(5);
        assertThat(result.failures()).singleElement().satisfies(failure ->
                assertThat(failure.error()).isEqualTo("SQLException: relation \"ordres\" does not exist"));
        // The failure was recorded once, as a failure; it ended the task without counting as a task exception.
        assertThat(result.exceptions()).isEmpty();
    }

    @Test
    void tooManyDistinctNamesAreCappedAndWarnedAbout() {
        run(ManyNamesTestCase.class, Map.of("loadtest.max-request-names", "50"))
                .testEvents().assertStatistics(stats -> stats.failed(0));

        LoadTestResult result = RESULT.get();
        assertThat(result.requests()).hasSize(51);
        assertThat(result.request("WORK (other names: more distinct request names than the report keeps)"))
                .get().satisfies(other -> assertThat(other.count()).isEqualTo(150));
        assertThat(result.total().count()).isEqualTo(200);
        assertThat(result.warnings()).anySatisfy(warning ->
                assertThat(warning).startsWith("More than 50 distinct request names were used"));
    }

    @Test
    void windowsCoverTheirPartOfTheRunAndAddUpToTheWhole() {
        run(StagedTestCase.class).testEvents().assertStatistics(stats -> stats.failed(0));

        LoadTestResult result = RESULT.get();
        LoadTestResult first = result.stage(1);
        LoadTestResult last = result.lastStage();
        assertThat(first.isWindow()).isTrue();
        assertThat(first.total().count() + last.total().count()).isEqualTo(result.total().count());
        // Stage 2 runs four times the users of stage 1 for as long: about four times the work.
        assertThat(last.total().count()).isGreaterThan(2 * first.total().count());
        assertThat(result.from(Duration.ofSeconds(1)).total().count()).isEqualTo(last.total().count());
        assertThat(last.total().throughput()).isGreaterThan(first.total().throughput());
    }

    abstract static class Keeper {
        @AfterAll
        static void keep(LoadTestResult result) {
            RESULT.set(result);
        }
    }

    @LoadTest(duration = "5s")
    @Users(count = 5)
    static class TimedTestCase extends Keeper {
        @Task
        void query(VirtualUser user) {
            int found = user.time("JDBC", "find orders", () -> {
                Thread.sleep(20);
                return 3;
            });
            assertThat(found).isEqualTo(3);
            try {
                user.time("JDBC", "broken query", () -> {
                    throw new java.sql.SQLException("relation \"ordres\" does not exist");
                });
            } finally {
                user.stop();
            }
        }
    }

    @LoadTest(duration = "5s")
    @Users(count = 1)
    static class ManyNamesTestCase extends Keeper {
        @Task
        void many(VirtualUser user) {
            for (int i = 0; i < 200; i++) {
                user.time("WORK", "item " + i, () -> { });
            }
            user.stop();
        }
    }

    @LoadTest
    @RampStage(duration = "1s", users = 2)
    @RampStage(duration = "1s", users = 8)
    @WaitTime(min = "10ms")
    static class StagedTestCase extends Keeper {
        @Task
        void work(VirtualUser user) {
            user.time("WORK", "op", () -> { });
        }
    }

}
