package dev.junitloadtest.trust;

import static dev.junitloadtest.EngineRuns.runLoad;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.Event;

import dev.junitloadtest.ArrivalRate;
import dev.junitloadtest.FixtureRun;
import dev.junitloadtest.LoadTest;
import dev.junitloadtest.LoadTestVerdicts;
import dev.junitloadtest.OnStart;
import dev.junitloadtest.OnStop;
import dev.junitloadtest.Task;
import dev.junitloadtest.Users;
import dev.junitloadtest.result.ExceptionStats;
import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.result.TaskStats;
import dev.junitloadtest.result.StopReason;

/**
 * A generator whose own code breaks never passes: an {@link Error} thrown by a task or hook, an {@code @OnStart} that
 * fails for every user, an {@code @OnStop} that throws. Each is recorded like an exception and fails the run's node,
 * whatever the thresholds say.
 */
class BrokenUserCodeTests {

    @Test
    void aStackOverflowEndsTheUserAndFailsTheTaskAndTheRun() {
        FixtureRun results = runLoad(StackOverflowTestCase.class);

        LoadTestResult result = results.result();
        assertThat(result.runFailures()).containsExactly("3 user(s) of StackOverflowTestCase ended by "
                + "java.lang.StackOverflowError thrown from StackOverflowTestCase.recurse() (see the exceptions)");
        // Each user ran its task once: the Error ended it, and ended users are not replaced.
        assertThat(result.tasks()).containsExactly(new TaskStats("StackOverflowTestCase", "recurse", 3, 3));
        assertThat(result.exceptions()).singleElement().satisfies(exception -> {
            assertThat(exception.count()).isEqualTo(3);
            assertThat(exception.message()).startsWith("java.lang.StackOverflowError");
            assertThat(exception.where()).containsExactly("StackOverflowTestCase.recurse");
        });
        assertThat(failedNames(results)).contains("load run: 3 users started at once for 1s", "3 runs, 3 threw")
                .anyMatch(name -> name.startsWith("0 requests in"));
        assertThat(failureMessage(results, "load run: 3 users started at once for 1s")).contains("The run failed: 3 user(s) of "
                + "StackOverflowTestCase ended by java.lang.StackOverflowError");
    }

    @Test
    void anExceptionInInitializerErrorIsCountedOnceAndTheFollowingNoClassDefFoundErrorsToo() {
        LoadTestResult result = runLoad(BadStaticInitTestCase.class).result();

        assertThat(result.runFailures()).containsExactlyInAnyOrder(
                "1 user(s) of BadStaticInitTestCase ended by java.lang.ExceptionInInitializerError thrown from "
                        + "BadStaticInitTestCase.touch() (see the exceptions)",
                "2 user(s) of BadStaticInitTestCase ended by java.lang.NoClassDefFoundError thrown from "
                        + "BadStaticInitTestCase.touch() (see the exceptions)");
        assertThat(result.exceptions()).extracting(ExceptionStats::count).containsExactlyInAnyOrder(1L, 2L);
    }

    @Test
    void usersWhoseOnStartFailsStopBeforeTheirFirstTaskAndTheRunFails() {
        OnStartFailsTestCase.TASK_RUNS.set(0);
        FixtureRun results = runLoad(OnStartFailsTestCase.class);

        LoadTestResult result = results.result();
        assertThat(OnStartFailsTestCase.TASK_RUNS).hasValue(0);
        assertThat(result.runFailures()).containsExactly("4 user(s) of OnStartFailsTestCase could not start: "
                + "@OnStart login() threw, so they stopped before their first task (see the exceptions)");
        assertThat(result.exceptions()).singleElement().satisfies(exception -> {
            assertThat(exception.count()).isEqualTo(4);
            assertThat(exception.message()).isEqualTo("java.lang.IllegalStateException: login refused");
            assertThat(exception.where()).containsExactly("OnStartFailsTestCase.login");
        });
        assertThat(failedNames(results)).contains("load run: 4 users started at once for 1s");
    }

    @Test
    void inTheOpenModelTheIterationsUsersCouldNotStartAreDropped() {
        LoadTestResult result = runLoad(OpenModelOnStartFailsTestCase.class).result();

        assertThat(result.runFailures()).containsExactly("2 user(s) of OpenModelOnStartFailsTestCase could not "
                + "start: @OnStart login() threw, so they stopped before their first task (see the exceptions)");
        // 20 iterations were due in the second (one every 50 ms); none could run, and each is accounted for.
        assertThat(result.droppedIterations()).isEqualTo(20);
        assertThat(result.tasks()).containsExactly(new TaskStats("OpenModelOnStartFailsTestCase", "home", 0, 0));
    }

    @Test
    void anOnStopThatThrowsFailsTheRun() {
        FixtureRun results = runLoad(OnStopFailsTestCase.class);

        assertThat(results.result().runFailures()).containsExactly("@OnStop OnStopFailsTestCase.logout() threw in 2 "
                + "user(s) (see the exceptions)");
        assertThat(failedNames(results)).contains("load run: 2 users started at once for 1s");
    }

    @Test
    void anOutOfMemoryErrorStopsTheRunAtOnceWithAHint() {
        LoadTestResult result = runLoad(OutOfMemoryTestCase.class).result();

        assertThat(result.stopReason())
                .hasValue("the load generator ran out of memory (OutOfMemoryError in OutOfMemoryTestCase.hog)");
        assertThat(result.stop()).map(StopReason::kind).hasValue(StopReason.Kind.GENERATOR_FAILURE);
        assertThat(result.runFailures()).singleElement().asString()
                .startsWith("1 user(s) of OutOfMemoryTestCase ended by java.lang.OutOfMemoryError thrown from "
                        + "OutOfMemoryTestCase.hog(): the test JVM is out of heap (max heap ")
                .endsWith(" MB); raise it (Surefire's argLine, e.g. -Xmx2g) or lower the users or the response "
                        + "bodies they keep");
    }

    // Helpers

    private static List<String> failedNames(FixtureRun results) {
        return results.allEvents().failed().stream().map(event -> event.getTestDescriptor().getDisplayName())
                .toList();
    }

    private static String failureMessage(FixtureRun results, String displayName) {
        Event event = results.allEvents().failed().stream()
                .filter(e -> e.getTestDescriptor().getDisplayName().equals(displayName)).findFirst().orElseThrow();
        return event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow().getMessage();
    }

    // Fixtures

    @LoadTest(duration = "1s")
    @Users(count = 3)
    static class StackOverflowTestCase implements LoadTestVerdicts {
        @Task
        void recurse() {
            deeper(0);
        }

        private static int deeper(int depth) {
            return deeper(depth + 1) + 1;
        }
    }

    @LoadTest(duration = "1s")
    @Users(count = 3)
    static class BadStaticInitTestCase {
        @Task
        void touch() {
            assertThat(Unloadable.VALUE).isPositive();
        }
    }

    static final class Unloadable {
        static final int VALUE = Integer.parseInt("not a number");
    }

    @LoadTest(duration = "1s")
    @Users(count = 4)
    static class OnStartFailsTestCase {
        static final AtomicInteger TASK_RUNS = new AtomicInteger();

        @OnStart
        void login() {
            throw new IllegalStateException("login refused");
        }

        @Task
        void home() {
            TASK_RUNS.incrementAndGet();
        }
    }

    @LoadTest(duration = "1s")
    @ArrivalRate(value = 20, maxUsers = 2)
    static class OpenModelOnStartFailsTestCase {
        @OnStart
        void login() {
            throw new IllegalStateException("login refused");
        }

        @Task
        void home() {
        }
    }

    @LoadTest(duration = "1s")
    @Users(count = 2)
    static class OnStopFailsTestCase {
        @Task
        void home() {
        }

        @OnStop
        void logout() {
            throw new IllegalStateException("already logged out");
        }
    }

    @LoadTest(duration = "30s")
    @Users(count = 1)
    static class OutOfMemoryTestCase {
        @Task
        void hog() {
            // More than any heap can give: the JVM refuses at once, without filling the heap of the test JVM.
            byte[] huge = new byte[Integer.MAX_VALUE];
            assertThat(huge).isNotNull();
        }
    }
}
