package dev.junitloadtest.capacity;

import static dev.junitloadtest.EngineRuns.configurationError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.junitloadtest.CapacitySearch;
import dev.junitloadtest.LoadTest;
import dev.junitloadtest.Task;
import dev.junitloadtest.Threshold;
import dev.junitloadtest.Users;

/**
 * Every attribute of {@code @CapacitySearch}, its parameters and the capacity thresholds fail the class before any
 * load is sent when they break a rule, with a message naming the annotation, the attribute, the value and the rule.
 */
class CapacitySearchConfigurationTests {

    @Test
    void stepsUsersAndDurations() {
        assertThat(configurationError(StartUsersTestCase.class))
                .isEqualTo("@CapacitySearch requires that `startUsers` be >= 1, but was 0.");
        assertThat(configurationError(StepTestCase.class))
                .isEqualTo("@CapacitySearch requires that `step` be >= 1 (or `rateStep` be > 0, to step the arrival "
                        + "rate), but was 0.");
        assertThat(configurationError(MaxUsersTestCase.class))
                .isEqualTo("@CapacitySearch requires that `maxUsers` be >= 10 (`startUsers`), but was 5.");
        assertThat(configurationError(FractionalStepTestCase.class)).isEqualTo("@CapacitySearch requires that "
                + "`stepDuration` be a whole number of seconds (a step is judged on the figures recorded each "
                + "second), but was '1500ms'.");
        assertThat(configurationError(BadDurationTestCase.class)).isEqualTo("@CapacitySearch requires that "
                + "`stepDuration` be a duration such as 500ms, 30s, 2m, 1h30m or PT2M, but was 'soon'.");
        assertThat(configurationError(Valid.class, Map.of("loadtest.capacity.max-users", "1")))
                .isEqualTo("Configuration parameter `loadtest.capacity.max-users` requires that `maxUsers` be >= 2 "
                        + "(`startUsers`), but was 1.");
        assertThat(configurationError(Valid.class, Map.of("loadtest.capacity.step-duration", "2.5s")))
                .isEqualTo("Configuration parameter `loadtest.capacity.step-duration` requires that `stepDuration` "
                        + "be a whole number of seconds (a step is judged on the figures recorded each second), but "
                        + "was '2.5s'.");
    }

    @Test
    void stepsTheArrivalRate() {
        assertThat(configurationError(BothStepsTestCase.class)).isEqualTo("@CapacitySearch steps either users "
                + "(`step`) or the arrival rate (`rateStep`), but sets both (`step` 2, `rateStep` 10); set one.");
        assertThat(configurationError(NegativeRateStepTestCase.class)).isEqualTo("@CapacitySearch requires that "
                + "`rateStep` be > 0 and finite in a search of the arrival rate, but was -5.");
        assertThat(configurationError(NoStartRateTestCase.class)).isEqualTo("@CapacitySearch requires that "
                + "`startRate` be > 0 and finite in a search of the arrival rate, but was 0.");
        assertThat(configurationError(MaxRateTestCase.class)).isEqualTo("@CapacitySearch requires that `maxRate` be "
                + ">= 50 (`startRate`) and finite, but was 20.");
        assertThat(configurationError(StartUsersWithRateTestCase.class)).isEqualTo("@CapacitySearch `startUsers` (5) "
                + "applies to a search of users, but this one steps the arrival rate (`rateStep`), whose users are "
                + "created as iterations need them; remove it.");
        assertThat(configurationError(RateCapTestCase.class)).isEqualTo("@CapacitySearch requires that `maxUsers` be "
                + ">= 1 (the cap on concurrent users of a search of the arrival rate), but was 0.");
        assertThat(configurationError(MaxRateWithUsersTestCase.class)).isEqualTo("@CapacitySearch `maxRate` (100) "
                + "applies to a search of the arrival rate, which `rateStep` sets, but this one steps users (`step`); "
                + "remove it, or set `rateStep` instead of `step`.");
        assertThat(configurationError(StartRateWithUsersTestCase.class)).isEqualTo("@CapacitySearch `startRate` "
                + "(10) applies to a search of the arrival rate, which `rateStep` sets, but this one steps users "
                + "(`step`); remove it, or set `rateStep` instead of `step`.");
        assertThat(configurationError(CapacityUsersOfARateTestCase.class)).isEqualTo("@Threshold 'capacity_users >= "
                + "5' needs a @CapacitySearch of users, but CapacityUsersOfARateTestCase runs a capacity search: 10 to "
                + "30 iterations/s, +10 every 1s, at most 5 users, whose capacity is a rate; put a floor under it with "
                + "capacity_rps.");
    }

    @Test
    void narrowing() {
        assertThat(configurationError(NegativeNarrowTestCase.class))
                .isEqualTo("@CapacitySearch requires that `narrow` be >= 0, but was -1.");
        assertThat(configurationError(NarrowWithoutWarmUpTestCase.class)).isEqualTo("@CapacitySearch `narrow` (2) "
                + "needs a warm-up of at least 1s in each step, to let the load of the step before a narrowing step "
                + "fade, but `warmUp` 0 of a 1s step leaves out 0s.");
    }

    @Test
    void warmUpConfirmationsAndKnee() {
        assertThat(configurationError(WarmUpTestCase.class)).isEqualTo("@CapacitySearch requires that `warmUp` be "
                + ">= 0 and < 1 (a share of each step), but was 1.");
        assertThat(configurationError(NothingToJudgeTestCase.class)).isEqualTo("@CapacitySearch requires that each "
                + "step keep at least 1s to judge after its warm-up, but `warmUp` 0.6 of a 2s step leaves out 2s "
                + "(the warm-up is rounded up to whole seconds).");
        assertThat(configurationError(ConfirmationsTestCase.class))
                .isEqualTo("@CapacitySearch requires that `confirmations` be >= 0, but was -1.");
        assertThat(configurationError(KneeTestCase.class))
                .isEqualTo("@CapacitySearch requires that `kneeFactor` be > 1 and finite, but was 1.");
    }

    @Test
    void budgets() {
        assertThat(configurationError(NoBudgetTestCase.class)).isEqualTo("@CapacitySearch requires at least one "
                + "budget in `budgets`, such as \"p95 < 500ms\": without one every step holds.");
        assertThat(configurationError(MalformedBudgetTestCase.class)).isEqualTo(String.join("\n",
                "@CapacitySearch `budgets` 'p95 < 500xs' is not valid: unknown unit 'xs' (use us, ms or s)",
                "  p95 < 500xs",
                "           ^"));
        assertThat(configurationError(ServiceTimeBudgetTestCase.class)).isEqualTo("@CapacitySearch `budgets` "
                + "'service_p95 < 1s' cannot judge a step: service times are kept for the whole run only; use p95 "
                + "(response times).");
        assertThat(configurationError(CapacityBudgetTestCase.class)).isEqualTo("@CapacitySearch `budgets` "
                + "'capacity_users >= 5' cannot judge a step: the capacity is what the search finds; put a floor "
                + "under it with @Threshold(\"capacity_users >= 5\").");
        assertThat(configurationError(TwiceTestCase.class))
                .isEqualTo("@CapacitySearch `budgets` 'p95 < 1s' is written twice; remove one.");
    }

    @Test
    void conflictsWithOtherModelsAndTheirParameters() {
        assertThat(configurationError(WithUsersTestCase.class)).isEqualTo("WithUsersTestCase declares conflicting "
                + "load models @Users and @CapacitySearch; declare only one of @Users, @RampStage, @ArrivalRate and "
                + "@CapacitySearch.");
        assertThat(configurationError(WithDurationTestCase.class)).isEqualTo("@LoadTest `duration` ('1m') conflicts "
                + "with @CapacitySearch, whose steps set the duration; remove one.");
        assertThat(configurationError(Valid.class, Map.of("loadtest.duration", "1m"))).isEqualTo("Configuration "
                + "parameter `loadtest.duration` does not apply to Valid, which runs a @CapacitySearch whose steps "
                + "set the users and the duration; remove it, or use the loadtest.capacity.* parameters.");
    }

    @Test
    void capacityThresholds() {
        assertThat(configurationError(CapacityWithoutSearchTestCase.class)).isEqualTo("@Threshold 'capacity_users "
                + ">= 200' needs a @CapacitySearch, but CapacityWithoutSearchTestCase runs 5 users started at once "
                + "for 1s; declare @CapacitySearch, or remove the threshold.");
        assertThat(configurationError(CapacityPerRequestTestCase.class)).isEqualTo("@Threshold 'capacity_rps >= "
                + "1000' is about the capacity the search found over the whole run: it takes no `request`, no window "
                + "(`stage`, `lastStage`, `from`) and no `abortOnFail`.");
        assertThat(configurationError(FractionalUsersTestCase.class)).isEqualTo(String.join("\n",
                "@Threshold `value` 'capacity_users >= 2.5' is not valid: capacity_users is a number of users, a "
                        + "whole number",
                "  capacity_users >= 2.5",
                "                    ^"));
    }

    abstract static class Fixture {
        @Task
        void nothing() {
        }
    }

    @LoadTest
    @CapacitySearch(startUsers = 2, step = 2, maxUsers = 4, stepDuration = "1s", budgets = "p95 < 1s")
    static class Valid extends Fixture {
    }

    @LoadTest
    @CapacitySearch(startUsers = 0, step = 2, maxUsers = 4, budgets = "p95 < 1s")
    static class StartUsersTestCase extends Fixture {
    }

    @LoadTest
    @CapacitySearch(step = 0, maxUsers = 4, budgets = "p95 < 1s")
    static class StepTestCase extends Fixture {
    }

    @LoadTest
    @CapacitySearch(startUsers = 10, step = 1, maxUsers = 5, budgets = "p95 < 1s")
    static class MaxUsersTestCase extends Fixture {
    }

    @LoadTest
    @CapacitySearch(step = 1, maxUsers = 5, stepDuration = "1500ms", budgets = "p95 < 1s")
    static class FractionalStepTestCase extends Fixture {
    }

    @LoadTest
    @CapacitySearch(step = 1, maxUsers = 5, stepDuration = "soon", budgets = "p95 < 1s")
    static class BadDurationTestCase extends Fixture {
    }

    @LoadTest
    @CapacitySearch(step = 1, maxUsers = 5, warmUp = 1, budgets = "p95 < 1s")
    static class WarmUpTestCase extends Fixture {
    }

    @LoadTest
    @CapacitySearch(step = 1, maxUsers = 5, stepDuration = "2s", warmUp = 0.6, budgets = "p95 < 1s")
    static class NothingToJudgeTestCase extends Fixture {
    }

    @LoadTest
    @CapacitySearch(step = 1, maxUsers = 5, confirmations = -1, budgets = "p95 < 1s")
    static class ConfirmationsTestCase extends Fixture {
    }

    @LoadTest
    @CapacitySearch(step = 1, maxUsers = 5, kneeFactor = 1, budgets = "p95 < 1s")
    static class KneeTestCase extends Fixture {
    }

    @LoadTest
    @CapacitySearch(step = 1, maxUsers = 5, budgets = {})
    static class NoBudgetTestCase extends Fixture {
    }

    @LoadTest
    @CapacitySearch(step = 1, maxUsers = 5, budgets = "p95 < 500xs")
    static class MalformedBudgetTestCase extends Fixture {
    }

    @LoadTest
    @CapacitySearch(step = 1, maxUsers = 5, budgets = "service_p95 < 1s")
    static class ServiceTimeBudgetTestCase extends Fixture {
    }

    @LoadTest
    @CapacitySearch(step = 1, maxUsers = 5, budgets = "capacity_users >= 5")
    static class CapacityBudgetTestCase extends Fixture {
    }

    @LoadTest
    @CapacitySearch(step = 1, maxUsers = 5, budgets = {"p95 < 1s", "failure_rate < 1%", "p95 < 1s"})
    static class TwiceTestCase extends Fixture {
    }

    @LoadTest
    @Users(count = 5)
    @CapacitySearch(step = 1, maxUsers = 5, budgets = "p95 < 1s")
    static class WithUsersTestCase extends Fixture {
    }

    @LoadTest(duration = "1m")
    @CapacitySearch(step = 1, maxUsers = 5, budgets = "p95 < 1s")
    static class WithDurationTestCase extends Fixture {
    }

    @LoadTest(duration = "1s")
    @Users(count = 5)
    @Threshold("capacity_users >= 200")
    static class CapacityWithoutSearchTestCase extends Fixture {
    }

    @LoadTest
    @CapacitySearch(step = 1, maxUsers = 5, budgets = "p95 < 1s")
    @Threshold(value = "capacity_rps >= 1000", request = "GET /")
    static class CapacityPerRequestTestCase extends Fixture {
    }

    @LoadTest
    @CapacitySearch(step = 1, maxUsers = 5, budgets = "p95 < 1s")
    @Threshold("capacity_users >= 2.5")
    static class FractionalUsersTestCase extends Fixture {
    }

    @LoadTest
    @CapacitySearch(step = 2, rateStep = 10, startRate = 10, maxRate = 30, maxUsers = 5, budgets = "p95 < 1s")
    static class BothStepsTestCase extends Fixture {
    }

    @LoadTest
    @CapacitySearch(rateStep = -5, startRate = 10, maxRate = 30, maxUsers = 5, budgets = "p95 < 1s")
    static class NegativeRateStepTestCase extends Fixture {
    }

    @LoadTest
    @CapacitySearch(rateStep = 10, maxRate = 30, maxUsers = 5, budgets = "p95 < 1s")
    static class NoStartRateTestCase extends Fixture {
    }

    @LoadTest
    @CapacitySearch(rateStep = 10, startRate = 50, maxRate = 20, maxUsers = 5, budgets = "p95 < 1s")
    static class MaxRateTestCase extends Fixture {
    }

    @LoadTest
    @CapacitySearch(rateStep = 10, startRate = 10, maxRate = 30, startUsers = 5, maxUsers = 5, budgets = "p95 < 1s")
    static class StartUsersWithRateTestCase extends Fixture {
    }

    @LoadTest
    @CapacitySearch(rateStep = 10, startRate = 10, maxRate = 30, maxUsers = 0, budgets = "p95 < 1s")
    static class RateCapTestCase extends Fixture {
    }

    @LoadTest
    @CapacitySearch(step = 1, maxUsers = 5, maxRate = 100, budgets = "p95 < 1s")
    static class MaxRateWithUsersTestCase extends Fixture {
    }

    @LoadTest
    @CapacitySearch(step = 1, maxUsers = 5, startRate = 10, budgets = "p95 < 1s")
    static class StartRateWithUsersTestCase extends Fixture {
    }

    @LoadTest
    @CapacitySearch(rateStep = 10, startRate = 10, maxRate = 30, maxUsers = 5, stepDuration = "1s", warmUp = 0,
            budgets = "p95 < 1s")
    @Threshold("capacity_users >= 5")
    static class CapacityUsersOfARateTestCase extends Fixture {
    }

    @LoadTest
    @CapacitySearch(step = 1, maxUsers = 5, narrow = -1, budgets = "p95 < 1s")
    static class NegativeNarrowTestCase extends Fixture {
    }

    @LoadTest
    @CapacitySearch(step = 1, maxUsers = 5, stepDuration = "1s", warmUp = 0, narrow = 2, budgets = "p95 < 1s")
    static class NarrowWithoutWarmUpTestCase extends Fixture {
    }
}
