package dev.junitloadtest.config;

import static dev.junitloadtest.EngineRuns.configurationError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.junitloadtest.ArrivalRate;
import dev.junitloadtest.LoadTest;
import dev.junitloadtest.OnStart;
import dev.junitloadtest.Pacing;
import dev.junitloadtest.RampStage;
import dev.junitloadtest.TargetHost;
import dev.junitloadtest.Task;
import dev.junitloadtest.UserType;
import dev.junitloadtest.Users;
import dev.junitloadtest.WaitTime;
import dev.junitloadtest.http.Http;

/** Bad input fails the class before any user starts, with a message naming the annotation, attribute, value, rule. */
class ConfigurationErrorTests {

    @Test
    void noTaskMethods() {
        assertThat(configurationError(NoTasksTestCase.class)).isEqualTo(
                "User type NoTasksTestCase has no @Task methods; a virtual user needs at least one task to run.");
    }

    @Test
    void taskWeightBelowOne() {
        assertThat(configurationError(ZeroWeightTestCase.class))
                .isEqualTo("@Task requires that `weight` be >= 1, but was 0 (on ZeroWeightTestCase.home).");
    }

    @Test
    void negativeUsers() {
        assertThat(configurationError(NegativeUsersTestCase.class))
                .isEqualTo("@Users requires that `count` be >= 1, but was -5: a run without users sends no request, "
                        + "and could only pass.");
    }

    @Test
    void zeroUsers() {
        assertThat(configurationError(ZeroUsersTestCase.class)).isEqualTo("@Users requires that `count` be >= 1, but "
                + "was 0: a run without users sends no request, and could only pass.");
        assertThat(configurationError(ValidTestCase.class, Map.of("loadtest.users", "0"))).isEqualTo(
                "Configuration parameter `loadtest.users` requires a whole number >= 1, but was '0'.");
    }

    @Test
    void everyStageWithoutUsers() {
        assertThat(configurationError(ZeroStagesTestCase.class)).isEqualTo("@RampStage requires that at least one "
                + "stage have `users` >= 1, but every stage has 0: a run without users sends no request, and could "
                + "only pass.");
        assertThat(configurationError(ValidTestCase.class, Map.of("loadtest.stages", "1s:0,2s:0@5"))).isEqualTo(
                "Configuration parameter `loadtest.stages` requires that at least one stage have `users` >= 1, but "
                        + "every stage has 0: a run without users sends no request, and could only pass.");
    }

    @Test
    void taskWeightsAddingUpPastTheLargestInt() {
        assertThat(configurationError(OverflowingWeightsTestCase.class)).isEqualTo("@Task requires that the weights "
                + "of a user type's tasks add up to at most 2147483647, but those of OverflowingWeightsTestCase add "
                + "up to 4294967294; use smaller weights in the same proportions.");
    }

    @Test
    void negativeStageUsers() {
        assertThat(configurationError(NegativeStageUsersTestCase.class))
                .isEqualTo("@RampStage requires that `users` be >= 0, but was -5 (stage 2).");
    }

    @Test
    void spawnRateNotPositive() {
        assertThat(configurationError(ZeroSpawnRateTestCase.class))
                .isEqualTo("@Users requires that `spawnRate` be > 0, but was 0.");
        assertThat(configurationError(ZeroStageSpawnRateTestCase.class))
                .isEqualTo("@RampStage requires that `spawnRate` be > 0, but was -1 (stage 1).");
    }

    @Test
    void unparseableDuration() {
        assertThat(configurationError(BadDurationTestCase.class)).isEqualTo("@LoadTest requires that `duration` be a "
                + "duration such as 500ms, 30s, 2m, 1h30m or PT2M, but was 'ten seconds'.");
    }

    @Test
    void negativeDurations() {
        assertThat(configurationError(NegativeStopTimeoutTestCase.class)).isEqualTo("@LoadTest requires that "
                + "`stopTimeout` be a duration such as 500ms, 30s, 2m, 1h30m or PT2M, but was '-5s'.");
        assertThat(configurationError(NegativeIsoDurationTestCase.class)).isEqualTo("@LoadTest requires that "
                + "`duration` be a duration such as 500ms, 30s, 2m, 1h30m or PT2M, but was 'PT-2M'.");
    }

    @Test
    void zeroStageDuration() {
        assertThat(configurationError(ZeroStageDurationTestCase.class))
                .isEqualTo("@RampStage requires that `duration` be > 0, but was '0s' (stage 1).");
    }

    @Test
    void waitTimeMaxBelowMin() {
        assertThat(configurationError(WaitTimeTestCase.class)).isEqualTo(
                "@WaitTime requires that `max` be >= `min`, but was '1s' < '2s' (on WaitTimeTestCase).");
    }

    @Test
    void conflictingLoadModels() {
        assertThat(configurationError(ConflictingModelsTestCase.class)).isEqualTo("ConflictingModelsTestCase declares "
                + "conflicting load models @Users and @ArrivalRate; declare only one of @Users, @RampStage, "
                + "@ArrivalRate and @CapacitySearch.");
        assertThat(configurationError(StagesAndDurationTestCase.class)).isEqualTo("@LoadTest `duration` ('1m') "
                + "conflicts with @RampStage, whose stages set the duration; remove one.");
        assertThat(configurationError(WaitTimeWithArrivalRateTestCase.class)).isEqualTo(
                "WaitTimeWithArrivalRateTestCase declares @WaitTime, which conflicts with @ArrivalRate: in the open "
                        + "model the arrival rate alone decides when iterations start. Remove @WaitTime or use @Users.");
        assertThat(configurationError(PacingAndWaitTimeTestCase.class)).isEqualTo("PacingAndWaitTimeTestCase has both "
                + "@WaitTime and @Pacing; they are two ways of spacing tasks, declare one.");
    }

    @Test
    void taskParameterThatCannotBeSupplied() {
        assertThat(configurationError(BadParameterTestCase.class)).isEqualTo("@Task method BadParameterTestCase.home "
                + "has a parameter of type java.lang.String that cannot be supplied; task and hook methods may take "
                + "Http and VirtualUser.");
        assertThat(configurationError(BadHookParameterTestCase.class)).isEqualTo("@OnStart method "
                + "BadHookParameterTestCase.login has a parameter of type int that cannot be supplied; task and hook "
                + "methods may take Http and VirtualUser.");
    }

    @Test
    void noUsableConstructor() {
        assertThat(configurationError(NoDefaultConstructorTestCase.class)).isEqualTo("User type "
                + ConfigurationErrorTests.class.getName() + "$Worker has no constructor without parameters; each "
                + "virtual user is created with one.");
    }

    @Test
    void staticTask() {
        assertThat(configurationError(StaticTaskTestCase.class)).isEqualTo("@Task method StaticTaskTestCase.home is "
                + "static; it runs on each virtual user's own instance, so it must be an instance method.");
    }

    @Test
    void httpTransportAndProtocol() {
        assertThat(configurationError(ValidTestCase.class, Map.of("loadtest.http.transport", "netty"))).isEqualTo(
                "Configuration parameter `loadtest.http.transport` requires httpclient or lean, but was 'netty'.");
        assertThat(configurationError(ValidTestCase.class, Map.of("loadtest.http.protocol", "h3"))).isEqualTo(
                "Configuration parameter `loadtest.http.protocol` requires http1 or h2, but was 'h3'.");
        assertThat(configurationError(ValidTestCase.class, Map.of("loadtest.http.protocol", "h2",
                "loadtest.http.transport", "lean"))).isEqualTo("Configuration parameter `loadtest.http.protocol` = "
                        + "'h2' requires HttpClient 5 (`loadtest.http.transport` = 'httpclient', or unset), but "
                        + "`loadtest.http.transport` was 'lean': the lean transport speaks HTTP/1.1 only.");
    }

    @Test
    void configurationParameterErrors() {
        assertThat(configurationError(ValidTestCase.class, Map.of("loadtest.users", "many"))).isEqualTo(
                "Configuration parameter `loadtest.users` requires a whole number >= 1, but was 'many'.");
        assertThat(configurationError(ValidTestCase.class, Map.of("loadtest.duration", "-1m"))).isEqualTo(
                "Configuration parameter `loadtest.duration` requires a duration such as 500ms, 30s, 2m, 1h30m or "
                        + "PT2M, but was '-1m'.");
        assertThat(configurationError(ValidTestCase.class, Map.of("loadtest.spawn-rate", "0"))).isEqualTo(
                "Configuration parameter `loadtest.spawn-rate` requires a number > 0, but was '0'.");
        assertThat(configurationError(ValidTestCase.class, Map.of("loadtest.host", "localhost:8080"))).isEqualTo(
                "Configuration parameter `loadtest.host` requires an absolute http or https URI such as "
                        + "http://127.0.0.1:9000, but was 'localhost:8080'.");
        assertThat(configurationError(ValidTestCase.class, Map.of("loadtest.stages", "30s:10,1m"))).isEqualTo(
                "Configuration parameter `loadtest.stages` requires stages such as 30s:50@5,2m:50 (duration:users "
                        + "or duration:users@spawnRate), but '1m' in '30s:10,1m' is not.");
        assertThat(configurationError(ValidTestCase.class, Map.of("loadtest.wait-time", "9s..5s"))).isEqualTo(
                "Configuration parameter `loadtest.wait-time` requires that the longest wait be at least the "
                        + "shortest, but was '9s..5s'.");
    }

    @Test
    void hostAnnotationThatIsNotAUri() {
        assertThat(configurationError(BadHostTestCase.class)).isEqualTo("@LoadTest `host` requires an absolute http "
                + "or https URI such as http://127.0.0.1:9000, but was 'ftp://example.org'.");
    }

    @Test
    void userTypeListedTwiceOrMisweighted() {
        assertThat(configurationError(DuplicateUserTypeTestCase.class)).isEqualTo("@UserType lists "
                + ConfigurationErrorTests.class.getName() + "$Browser more than once; list each user type once and "
                + "give it a weight or a fixed count.");
        assertThat(configurationError(ZeroUserTypeWeightTestCase.class))
                .isEqualTo("@UserType requires that `weight` be >= 1, but was 0 (for Browser).");
        assertThat(configurationError(UnlistedOwnTasksTestCase.class)).isEqualTo("UnlistedOwnTasksTestCase has @Task "
                + "methods but is not listed in its @UserType annotations, so they would never run; add "
                + "@UserType(UnlistedOwnTasksTestCase.class) or move the tasks to a user type.");
    }

    @Test
    void targetHostMembersMustBeStatic() {
        assertThat(configurationError(InstanceTargetHostTestCase.class)).isEqualTo("@TargetHost member "
                + "InstanceTargetHostTestCase.host must be static: it is read once per run, before any virtual user "
                + "exists.");
    }

    // Fixtures

    @LoadTest(duration = "1s")
    static class NoTasksTestCase {
        @org.junit.jupiter.api.Test
        void test() {
        }
    }

    @LoadTest(duration = "1s")
    static class ZeroWeightTestCase {
        @Task(weight = 0)
        void home(Http http) {
        }
    }

    @LoadTest(duration = "1s")
    @Users(count = -5)
    static class NegativeUsersTestCase {
        @Task
        void home() {
        }
    }

    @LoadTest(duration = "1s")
    @Users(count = 0)
    static class ZeroUsersTestCase {
        @Task
        void home() {
        }
    }

    @LoadTest
    @RampStage(duration = "1s", users = 0)
    @RampStage(duration = "1s", users = 0, spawnRate = 2)
    static class ZeroStagesTestCase {
        @Task
        void home() {
        }
    }

    @LoadTest(duration = "1s")
    static class OverflowingWeightsTestCase {
        @Task(weight = Integer.MAX_VALUE)
        void home() {
        }

        @Task(weight = Integer.MAX_VALUE)
        void away() {
        }
    }

    @LoadTest
    @RampStage(duration = "1s", users = 2)
    @RampStage(duration = "1s", users = -5)
    static class NegativeStageUsersTestCase {
        @Task
        void home() {
        }
    }

    @LoadTest(duration = "1s")
    @Users(count = 5, spawnRate = 0)
    static class ZeroSpawnRateTestCase {
        @Task
        void home() {
        }
    }

    @LoadTest
    @RampStage(duration = "1s", users = 2, spawnRate = -1)
    static class ZeroStageSpawnRateTestCase {
        @Task
        void home() {
        }
    }

    @LoadTest(duration = "ten seconds")
    static class BadDurationTestCase {
        @Task
        void home() {
        }
    }

    @LoadTest(duration = "1s", stopTimeout = "-5s")
    static class NegativeStopTimeoutTestCase {
        @Task
        void home() {
        }
    }

    @LoadTest(duration = "PT-2M")
    static class NegativeIsoDurationTestCase {
        @Task
        void home() {
        }
    }

    @LoadTest
    @RampStage(duration = "0s", users = 2)
    static class ZeroStageDurationTestCase {
        @Task
        void home() {
        }
    }

    @LoadTest(duration = "1s")
    @WaitTime(min = "2s", max = "1s")
    static class WaitTimeTestCase {
        @Task
        void home() {
        }
    }

    @LoadTest(duration = "1s")
    @Users(count = 1)
    @ArrivalRate(10)
    static class ConflictingModelsTestCase {
        @Task
        void home() {
        }
    }

    @LoadTest(duration = "1m")
    @RampStage(duration = "1s", users = 2)
    static class StagesAndDurationTestCase {
        @Task
        void home() {
        }
    }

    @LoadTest(duration = "1s")
    @ArrivalRate(10)
    @WaitTime(min = "1s")
    static class WaitTimeWithArrivalRateTestCase {
        @Task
        void home() {
        }
    }

    @LoadTest(duration = "1s")
    @WaitTime(min = "1s")
    @Pacing("2s")
    static class PacingAndWaitTimeTestCase {
        @Task
        void home() {
        }
    }

    @LoadTest(duration = "1s")
    static class BadParameterTestCase {
        @Task
        void home(String path) {
        }
    }

    @LoadTest(duration = "1s")
    static class BadHookParameterTestCase {
        @OnStart
        void login(int attempts) {
        }

        @Task
        void home() {
        }
    }

    static class Worker {
        Worker(String name) {
        }

        @Task
        void work() {
        }
    }

    @LoadTest(duration = "1s")
    @UserType(Worker.class)
    static class NoDefaultConstructorTestCase {
        @org.junit.jupiter.api.Test
        void test() {
        }
    }

    @LoadTest(duration = "1s")
    static class StaticTaskTestCase {
        @Task
        static void home() {
        }

        @org.junit.jupiter.api.Test
        void test() {
        }
    }

    @LoadTest(duration = "1s")
    static class ValidTestCase {
        @Task
        void home() {
        }
    }

    @LoadTest(duration = "1s", host = "ftp://example.org")
    static class BadHostTestCase {
        @Task
        void home() {
        }
    }

    static class Browser {
        @Task
        void browse() {
        }
    }

    @LoadTest(duration = "1s")
    @UserType(Browser.class)
    @UserType(Browser.class)
    static class DuplicateUserTypeTestCase {
        @org.junit.jupiter.api.Test
        void test() {
        }
    }

    @LoadTest(duration = "1s")
    @UserType(value = Browser.class, weight = 0)
    static class ZeroUserTypeWeightTestCase {
        @org.junit.jupiter.api.Test
        void test() {
        }
    }

    @LoadTest(duration = "1s")
    @UserType(Browser.class)
    static class UnlistedOwnTasksTestCase {
        @Task
        void home() {
        }
    }

    @LoadTest(duration = "1s")
    static class InstanceTargetHostTestCase {
        @TargetHost
        String host() {
            return "http://127.0.0.1:1";
        }

        @Task
        void home() {
        }
    }
}
