package dev.junitloadtest.engine;

import static dev.junitloadtest.EngineRuns.runLoad;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.junitloadtest.FixtureRun;
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

    @Test
    void timedWorkIsRecordedLikeARequestAndItsFailuresOnce() {
        FixtureRun run = runLoad(TimedTestCase.class);
        run.testEvents().assertStatistics(stats -> stats.failed(0));

        LoadTestResult result = run.result();
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
        FixtureRun run = runLoad(ManyNamesTestCase.class, Map.of("loadtest.max-request-names", "50"));
        run.testEvents().assertStatistics(stats -> stats.failed(0));

        LoadTestResult result = run.result();
        assertThat(result.requests()).hasSize(51);
        assertThat(result.request("WORK (other names: more distinct request names than the report keeps)"))
                .get().satisfies(other -> assertThat(other.count()).isEqualTo(150));
        assertThat(result.total().count()).isEqualTo(200);
        assertThat(result.warnings()).anySatisfy(warning ->
                assertThat(warning).startsWith("More than 50 distinct request names were used"));
    }

    @Test
    void windowsCoverTheirPartOfTheRunAndAddUpToTheWhole() {
        FixtureRun run = runLoad(StagedTestCase.class);
        run.testEvents().assertStatistics(stats -> stats.failed(0));

        LoadTestResult result = run.result();
        LoadTestResult first = result.stage(1);
        LoadTestResult last = result.lastStage();
        assertThat(first.isWindow()).isTrue();
        assertThat(first.total().count() + last.total().count()).isEqualTo(result.total().count());
        // Stage 2 runs four times the users of stage 1 for as long: about four times the work.
        assertThat(last.total().count()).isGreaterThan(2 * first.total().count());
        assertThat(result.from(Duration.ofSeconds(1)).total().count()).isEqualTo(last.total().count());
        assertThat(last.total().throughput()).isGreaterThan(first.total().throughput());
    }

    @LoadTest(duration = "5s")
    @Users(count = 5)
    static class TimedTestCase {
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
    static class ManyNamesTestCase {
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
    static class StagedTestCase {
        @Task
        void work(VirtualUser user) {
            user.time("WORK", "op", () -> { });
        }
    }

}
