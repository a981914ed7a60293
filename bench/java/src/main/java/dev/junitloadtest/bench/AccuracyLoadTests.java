package dev.junitloadtest.bench;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;

import dev.junitloadtest.ArrivalRate;
import dev.junitloadtest.LoadTest;
import dev.junitloadtest.LoadTestVerdicts;
import dev.junitloadtest.Task;
import dev.junitloadtest.Users;
import dev.junitloadtest.http.Http;
import dev.junitloadtest.result.LoadTestResult;

/** The load tests {@link Accuracy} runs; the host comes from {@code loadtest.host}. */
final class AccuracyLoadTests {

    static final AtomicReference<LoadTestResult> LAST = new AtomicReference<>();

    private AccuracyLoadTests() {
    }

    /** Closed model against {@code /delay?ms=} {@code bench.delay-ms}. */
    @LoadTest(duration = "10s")
    @Users(count = 10)
    static class FixedDelay implements LoadTestVerdicts {

        @Task
        void delayed(Http http) {
            http.get("/delay?ms=" + System.getProperty("bench.delay-ms"));
        }

        @AfterAll
        static void keep(LoadTestResult result) {
            LAST.set(result);
        }
    }

    /** Open model, 100 iterations a second with at most 4 users, against a target that stalls once for a second. */
    @LoadTest(duration = "10s")
    @ArrivalRate(value = 100, maxUsers = 4)
    static class Stall implements LoadTestVerdicts {

        @Task
        void op(Http http) {
            http.get("/stall");
        }

        @AfterAll
        static void keep(LoadTestResult result) {
            LAST.set(result);
        }
    }
}
