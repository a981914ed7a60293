package dev.junitloadtest.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.junitloadtest.CapacitySearch;
import dev.junitloadtest.EngineRuns;
import dev.junitloadtest.FixtureRun;
import dev.junitloadtest.LoadTest;
import dev.junitloadtest.internal.report.CapacityReport;
import dev.junitloadtest.result.Capacity;
import dev.junitloadtest.result.CapacityStep;

/**
 * The confirmation rule through the engine: one noisy step, a breach the next step does not confirm, does not end
 * the search. The noise is built in: the target answers in 50 ms, except to requests that arrive from 2.2 s to 3 s
 * after its first one, inside the second step (2 s to 4 s), which take 600 ms. Each of its users sends two slow
 * requests there (the second ends by 3.6 s, inside the step) and about 16 fast ones, so the step's p95 is slow and
 * breaks {@code p95 < 400ms}, with a margin of 0.2 s either way for where the run's clock starts; every other step
 * is fast (350 ms below the budget, room for a busy machine) and holds. The search must run all four steps.
 */
class NoisyStepTests {

    @Test
    void aBreachTheNextStepDoesNotConfirmIsNoiseAndTheSearchGoesOn() {
        FixtureRun run = EngineRuns.runLoad(NoisyStepTestCase.class);
        assertThat(run.containerEvents().failed().count()).isZero();
        Capacity capacity = run.result().capacity().orElseThrow();
        String table = KnownCapacityTests.table(capacity);

        assertThat(capacity.steps()).as(table).extracting(CapacityStep::held).containsExactly(true, false, true, true);
        CapacityStep noisy = capacity.steps().get(1);
        assertThat(noisy.breaches()).as(table).singleElement().asString()
                .startsWith("p95 of all requests in step 2 (").contains(", budget < 400 ms (n=");
        assertThat(CapacityReport.verdict(capacity, noisy)).isEqualTo("broke (noise: a later step held)");
        assertThat(capacity.outcome()).as(table).isEqualTo(Capacity.Outcome.HELD_TO_MAX);
        assertThat(capacity.breach()).isEmpty();
        assertThat(capacity.users()).isEqualTo(4);
        assertThat(capacity.describe()).startsWith("4 users (").endsWith("; every step held, up to the search's most "
                + "users: the capacity is at least that");
        assertThat(run.result().stop()).isEmpty();
        List<String> verdicts = capacity.steps().stream().map(step -> CapacityReport.verdict(capacity, step)).toList();
        assertThat(verdicts).containsExactly("held", "broke (noise: a later step held)", "held", "held: CAPACITY");
    }

    @LoadTest(stopTimeout = "2s")
    @CapacitySearch(startUsers = 1, step = 1, maxUsers = 4, stepDuration = "2s", warmUp = 0, budgets = "p95 < 400ms")
    static class NoisyStepTestCase extends KnownCapacityTests.Work {

        @RegisterExtension
        static FixedCapacityServer server = new FixedCapacityServer(8, Duration.ofMillis(50))
                .slowBetween(Duration.ofMillis(2200), Duration.ofMillis(3000), Duration.ofMillis(600));
    }
}
