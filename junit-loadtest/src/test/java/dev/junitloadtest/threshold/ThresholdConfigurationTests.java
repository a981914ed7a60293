package dev.junitloadtest.threshold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import dev.junitloadtest.ArrivalRate;
import dev.junitloadtest.LoadTest;
import dev.junitloadtest.RampStage;
import dev.junitloadtest.Task;
import dev.junitloadtest.Threshold;
import dev.junitloadtest.Users;
import dev.junitloadtest.http.Http;
import dev.junitloadtest.internal.config.ConfigurationParameters;
import dev.junitloadtest.internal.config.LoadProfile;
import dev.junitloadtest.internal.config.ProfileReader;
import dev.junitloadtest.internal.threshold.ThresholdPlan;
import dev.junitloadtest.internal.threshold.ThresholdSpec;
import dev.junitloadtest.internal.threshold.Window;

/**
 * A malformed {@code @Threshold} fails its class before any load is sent, with a message naming the attribute and
 * the rule; well-formed ones are found wherever JUnit finds annotations (composed, inherited).
 */
class ThresholdConfigurationTests {

    @Test
    void aMalformedExpressionFailsTheClassAndPointsAtTheFault() {
        assertConfigurationError(UnknownUnitTestCase.class, """
                @Threshold `value` 'p95 < 500xs' is not valid: unknown unit 'xs' (use us, ms or s)
                  p95 < 500xs
                           ^""");
    }

    @Test
    void aUnitOfTheWrongQuantityIsAConfigurationError() {
        assertConfigurationError(WrongUnitTestCase.class, """
                @Threshold `value` 'failure_rate < 5ms' is not valid: failure_rate is a percentage, so 'ms' does not \
                apply (use %)
                  failure_rate < 5ms
                                  ^""");
    }

    @Test
    void aRequestPatternIsAConfigurationError() {
        assertConfigurationError(RequestPatternTestCase.class, """
                @Threshold `request` 'GET /api/*' is not valid: '*' stands alone, for each request name separately; \
                patterns are not supported
                  GET /api/*
                           ^""");
    }

    @Test
    void aLowerCaseMethodIsAConfigurationError() {
        assertConfigurationError(LowerCaseMethodTestCase.class, """
                @Threshold `request` 'get /volatile' is not valid: requests are recorded with the method in upper \
                case, as 'GET /volatile'
                  get /volatile
                  ^""");
    }

    @Test
    void aStageTheRunDoesNotHaveIsAConfigurationError() {
        assertConfigurationError(MissingStageTestCase.class, "@Threshold requires that `stage` be a stage of the "
                + "run, from 1 to 2, but was 3 (on 'p95 < 500ms').");
    }

    @Test
    void theLastStageOfASingleStageRunIsAConfigurationError() {
        assertConfigurationError(LastStageOfUsersTestCase.class, "@Threshold `lastStage` (on 'p95 < 500ms') needs "
                + "two stages or more, but LastStageOfUsersTestCase runs one (2 users started at once for 1s), so "
                + "its last stage is the whole run, ramp-up included; declare @RampStage stages, or use `from` to "
                + "leave out the ramp-up.");
    }

    @Test
    void aStageOfAnOpenModelRunIsAConfigurationError() {
        assertConfigurationError(StageOfArrivalRateTestCase.class, "@Threshold `stage` (on 'p95 < 500ms') needs "
                + "stages, but StageOfArrivalRateTestCase runs an arrival rate (5 iterations/s, at most 100 users, "
                + "for 1s), which has none; use `from` to leave out the start of the run.");
    }

    @Test
    void aWindowStartingAfterTheRunIsAConfigurationError() {
        assertConfigurationError(FromAfterTheEndTestCase.class, "@Threshold requires that `from` be shorter than the "
                + "run (1s), but was '5s' (on 'p95 < 500ms').");
    }

    @Test
    void aWindowStartThatIsNoDurationIsAConfigurationError() {
        assertConfigurationError(FromNoDurationTestCase.class, "@Threshold requires that `from` be a duration such "
                + "as 500ms, 30s, 2m, 1h30m or PT2M, but was 'soon' (on 'p95 < 500ms').");
    }

    @Test
    void twoWindowsAreAConfigurationError() {
        assertConfigurationError(TwoWindowsTestCase.class, "@Threshold sets `stage` and `from` (on 'p95 < 500ms'), "
                + "which each choose the part of the run to judge; set one of `stage`, `lastStage` and `from`.");
    }

    @Test
    void aGraceWithoutAbortIsAConfigurationError() {
        assertConfigurationError(GraceWithoutAbortTestCase.class, "@Threshold `abortGrace` ('5s') applies only with "
                + "`abortOnFail = true` (on 'p95 < 500ms').");
    }

    @Test
    void serviceTimesInAWindowAreAConfigurationError() {
        assertConfigurationError(ServiceTimesInWindowTestCase.class, "@Threshold 'service_p95 < 500ms' cannot be "
                + "judged in the last stage: service times are kept for the whole run only. Judge the whole run, or "
                + "use p95 (response times).");
    }

    @Test
    void theSameThresholdTwiceIsAConfigurationError() {
        assertConfigurationError(DuplicateTestCase.class, "@Threshold 'p95 < 500ms [GET /]' is declared twice on "
                + "DuplicateTestCase; remove one.");
    }

    @Test
    void thresholdsComposedIntoATeamAnnotationAndInheritedAreRead() {
        List<ThresholdSpec> specs = plan(InheritsComposedBudgetsTestCase.class).specs();

        assertThat(specs).extracting(spec -> spec.expression().text())
                .containsExactly("failure_rate < 1%", "p99 < 2s", "count >= 10");
        assertThat(specs.get(1).scope()).hasToString("One[key=GET /]");
        assertThat(specs.get(2).window()).isEqualTo(new Window.From(Duration.ofMillis(500)));
    }

    @Test
    void stageWindowsKnowWhereTheirStageIs() {
        List<ThresholdSpec> specs = plan(StageWindowsTestCase.class).specs();

        assertThat(specs).extracting(ThresholdSpec::window).containsExactly(
                new Window.Stage(1, false, Duration.ZERO, Duration.ofSeconds(1), false),
                new Window.Stage(2, true, Duration.ofSeconds(1), Duration.ofSeconds(3), true));
    }

    private static ThresholdPlan plan(Class<?> testClass) {
        LoadProfile profile = new ProfileReader(testClass, ConfigurationParameters.NONE, name -> null).read();
        return ThresholdPlan.read(testClass, ConfigurationParameters.NONE, profile);
    }

    private static void assertConfigurationError(Class<?> testCase, String message) {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(testCase))
                .execute();
        Throwable failure = results.containerEvents().failed().stream()
                .map(event -> event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow())
                .findFirst().orElseThrow(() -> new AssertionError(testCase.getSimpleName() + " did not fail"));
        assertThat(failure).isInstanceOf(ExtensionConfigurationException.class).hasMessage(message);
        assertThat(results.testEvents().started().count()).as("tests started, so load was sent").isZero();
    }

    /** Nowhere to send load: were a fixture valid by mistake, its requests fail fast instead of reaching anything. */
    @LoadTest(duration = "1s", host = "http://127.0.0.1:9")
    abstract static class Fixture {

        @Task
        void home(Http http) {
            http.get("/");
        }
    }

    @Threshold("p95 < 500xs")
    static class UnknownUnitTestCase extends Fixture {
    }

    @Threshold("failure_rate < 5ms")
    static class WrongUnitTestCase extends Fixture {
    }

    @Threshold(value = "p95 < 500ms", request = "GET /api/*")
    static class RequestPatternTestCase extends Fixture {
    }

    @Threshold(value = "p95 < 500ms", request = "get /volatile")
    static class LowerCaseMethodTestCase extends Fixture {
    }

    @RampStage(duration = "1s", users = 2, spawnRate = 2)
    @RampStage(duration = "1s", users = 2)
    @Threshold(value = "p95 < 500ms", stage = 3)
    @LoadTest(host = "http://127.0.0.1:9")
    static class MissingStageTestCase extends Fixture {
    }

    @Users(count = 2)
    @Threshold(value = "p95 < 500ms", lastStage = true)
    static class LastStageOfUsersTestCase extends Fixture {
    }

    @ArrivalRate(5)
    @Threshold(value = "p95 < 500ms", stage = 1)
    @LoadTest(duration = "1s", host = "http://127.0.0.1:9")
    static class StageOfArrivalRateTestCase {

        @Task
        void home(Http http) {
            http.get("/");
        }
    }

    @Threshold(value = "p95 < 500ms", from = "5s")
    static class FromAfterTheEndTestCase extends Fixture {
    }

    @Threshold(value = "p95 < 500ms", from = "soon")
    static class FromNoDurationTestCase extends Fixture {
    }

    @Threshold(value = "p95 < 500ms", stage = 1, from = "1s")
    static class TwoWindowsTestCase extends Fixture {
    }

    @Threshold(value = "p95 < 500ms", abortGrace = "5s")
    static class GraceWithoutAbortTestCase extends Fixture {
    }

    @RampStage(duration = "1s", users = 2, spawnRate = 2)
    @RampStage(duration = "1s", users = 2)
    @Threshold(value = "service_p95 < 500ms", lastStage = true)
    @LoadTest(host = "http://127.0.0.1:9")
    static class ServiceTimesInWindowTestCase extends Fixture {
    }

    @Threshold(value = "p95 < 500ms", request = "GET /")
    @Threshold(value = "p95 < 500ms", request = " GET / ")
    static class DuplicateTestCase extends Fixture {
    }

    /** A team's budgets, composed once and put on every load test. */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @Threshold("failure_rate < 1%")
    @Threshold(value = "p99 < 2s", request = "GET /")
    @interface TeamBudgets {
    }

    @TeamBudgets
    abstract static class BudgetedFixture extends Fixture {
    }

    @Threshold(value = "count >= 10", from = "500ms")
    static class InheritsComposedBudgetsTestCase extends BudgetedFixture {
    }

    @RampStage(duration = "1s", users = 2, spawnRate = 2)
    @RampStage(duration = "2s", users = 2)
    @Threshold(value = "p95 < 500ms", stage = 1)
    @Threshold(value = "p95 < 500ms", lastStage = true)
    @LoadTest(host = "http://127.0.0.1:9")
    static class StageWindowsTestCase extends Fixture {
    }
}
