package dev.junitloadtest.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.Event;

import dev.junitloadtest.CapacitySearch;
import dev.junitloadtest.EngineRuns;
import dev.junitloadtest.FixtureRun;
import dev.junitloadtest.LoadTest;
import dev.junitloadtest.LoadTestVerdicts;
import dev.junitloadtest.Task;
import dev.junitloadtest.Threshold;
import dev.junitloadtest.http.Http;
import dev.junitloadtest.result.Capacity;
import dev.junitloadtest.result.CapacityStep;
import dev.junitloadtest.result.LoadTestResult;

/**
 * A capacity search finds the capacity of a target whose capacity is known by construction. {@link FixedCapacityServer}
 * has K = 4 workers and a service time S = 100 ms, so it serves at most K / S = 40 requests per second. N closed users
 * without wait keep N requests in it: up to K are served at once (a response takes S), beyond K the rest queue in
 * arrival order, and in steady state each request waits for the N - K ahead of it, served K at a time, so a response
 * takes N * S / K (Little's law: N = 40/s * R). Steps of 4 users see 100, 200, 300, 400 ms. The budget p95 < 250 ms
 * lies halfway between the levels of 8 and 12 users, so a step's verdict would flip only if its p95 were off by 50 ms
 * (S / 2: room for the HTTP overhead on loopback and a busy machine's scheduling delays): the theory's capacity is
 * 8 users, the first breach 12. The test tolerates one step (4 users) either way, and asserts no time.
 */
class KnownCapacityTests {

    static final int WORKERS = 4;
    static final Duration SERVICE_TIME = Duration.ofMillis(100);
    static final int STEP = 4;
    /** The last step whose response time max(S, N * S / K) is below 250 ms: 8 users, 200 ms (12 users take 300). */
    static final int THEORETICAL_CAPACITY = 8;
    /** The first step whose p95 (200 ms) exceeds 1.5 times the first step's (100 ms): the first one above K. */
    static final int THEORETICAL_KNEE = 8;
    static final int RATE_WORKERS = 4;
    static final Duration RATE_SERVICE_TIME = Duration.ofMillis(200);
    /** K / S of the server the searches of the arrival rate run against: 20 requests per second. */
    static final double RATE_THEORY = RATE_WORKERS * 1000.0 / RATE_SERVICE_TIME.toMillis();
    static final double RATE_STEP = 9;

    @Test
    void findsTheCapacityOfATargetKnownByConstructionWithinOneStep() {
        FixtureRun run = EngineRuns.runLoad(KnownCapacityTestCase.class);
        assertThat(run.containerEvents().failed().count()).isZero();
        LoadTestResult result = run.result();
        Capacity capacity = result.capacity().orElseThrow();
        String table = capacity.steps().stream().map(s -> s.number() + ": " + s.users() + " users: " + s.figures()
                + " " + s.breaches()).collect(Collectors.joining("\n"));

        assertThat(capacity.outcome()).as(table).isEqualTo(Capacity.Outcome.LIMIT_FOUND);
        assertThat(capacity.users()).as(table).isBetween(THEORETICAL_CAPACITY - STEP, THEORETICAL_CAPACITY + STEP);
        CapacityStep held = capacity.held().orElseThrow();
        CapacityStep breach = capacity.breach().orElseThrow();
        assertThat(held.held()).isTrue();
        assertThat(breach.held()).isFalse();
        assertThat(breach.users()).as(table).isGreaterThan(held.users());
        assertThat(breach.breaches()).as(table).allSatisfy(message -> assertThat(message)
                .startsWith("p95 of all requests in step " + breach.number() + " (").contains(", budget < 250 ms (n="));
        // The next step confirmed the breach, and the search ran no step after it: the watch ended the load.
        assertThat(capacity.steps()).hasSize(breach.number() + 1);
        assertThat(capacity.steps().getLast().held()).isFalse();
        assertThat(result.stop()).as("a search that found its limit ran its course").isEmpty();
        // The server cannot serve more than K requests at once, nor more than K / S per second.
        assertThat(run.result().total().count()).isPositive();
        assertThat(capacity.requestsPerSecond()).as(table).isPositive()
                .isLessThanOrEqualTo(WORKERS * 1000.0 / SERVICE_TIME.toMillis() * 1.05);
        assertThat(capacity.knee()).as(table).get().extracting(CapacityStep::users)
                .isIn(THEORETICAL_KNEE, THEORETICAL_KNEE + STEP);
        // Each step is judged on its own second: the steps partition the run.
        for (CapacityStep step : capacity.steps()) {
            assertThat(step.judgedFrom()).isGreaterThanOrEqualTo(Duration.ofSeconds(step.number() - 1));
            assertThat(step.judgedFrom()).isLessThan(Duration.ofSeconds(step.number()));
            assertThat(step.users()).isEqualTo(4 + STEP * (step.number() - 1));
        }

        List<Event> verdicts = run.testEvents().finished().list();
        assertThat(outcome(verdicts, "capacity_users >= 4")).isEqualTo("passed");
        assertThat(outcome(verdicts, "capacity_users >= 100")).isEqualTo("capacity_users was " + capacity.users()
                + ", budget >= 100: " + capacity.describe());
        assertThat(capacity.describe()).startsWith(held.users() + " users (" + held.figures() + "); "
                + breach.users() + " users broke a budget, confirmed");
    }

    /**
     * The open model, against a server of {@link #RATE_WORKERS} = 4 workers and {@link #RATE_SERVICE_TIME} = 200
     * ms: K / S = 20 requests per second, few and slow, so that a busy machine's scheduling delays (now and then a
     * few hundred milliseconds) stay inside the budget of 600 ms, 400 ms above S. Iterations arrive at a rate whatever
     * the response times, so below K / S each finds a free worker and takes S; above it the queue grows by the excess
     * every second, and so does the wait. Steps of 9 iterations/s, 2 s each: 18 holds (10% below K / S, p95 about
     * 200 ms), 27 breaks (the queue grows by 7 a second: 350 ms of wait a second into the step, 700 ms two seconds
     * in), 36 confirms it. The capacity in requests per second must be within one step (9) of K / S: the requests per
     * second of a step are what the target served, at most K / S.
     */
    @Test
    void findsTheArrivalRateCapacityWithinOneStepOfWorkersOverServiceTime() {
        FixtureRun run = EngineRuns.runLoad(KnownRateCapacityTestCase.class);
        assertThat(run.containerEvents().failed().count()).isZero();
        Capacity capacity = run.result().capacity().orElseThrow();
        String table = table(capacity);

        assertThat(capacity.outcome()).as(table).isEqualTo(Capacity.Outcome.LIMIT_FOUND);
        assertThat(capacity.byArrivalRate()).isTrue();
        assertThat(capacity.requestsPerSecond()).as(table).isBetween(RATE_THEORY - RATE_STEP, RATE_THEORY * 1.05);
        CapacityStep breach = capacity.breach().orElseThrow();
        assertThat(breach.arrivalRate().orElseThrow()).as(table).isIn(18.0, 27.0);
        assertThat(breach.breaches()).as(table).singleElement().asString()
                .startsWith("p95 of all requests in step " + breach.number() + " (").contains(", budget < 600 ms (n=");
        for (CapacityStep step : capacity.steps()) {
            assertThat(step.arrivalRate()).hasValue(RATE_STEP * step.number());
            assertThat(step.users()).isZero();
            assertThat(step.narrowing()).isFalse();
        }
        assertThat(capacity.steps()).as(table).hasSize(breach.number() + 1);
        assertThat(capacity.describe()).as(table).startsWith(capacity.held().orElseThrow().describeLoad() + " (")
                .contains("; " + breach.describeLoad() + " broke a budget, confirmed");
    }

    /**
     * Narrowing, on the same server (K / S = 20 per second): steps of 9 iterations/s hold at 18 and break at 27
     * (confirmed at 36); two narrowing steps then bisect the gap, first at 22.5, then at 24.75 if it held or 20.25 if
     * it broke, leaving a gap of 9 / 2^2 = 2.25 between the capacity and the lowest rate that broke. Just above K / S
     * the queue grows slowly, so whether 22.5 breaks within its judged second depends on the budget and the step's
     * length as much as on K / S; what the target served does not: the narrowed capacity's requests per second are
     * within two gaps of K / S (a busy machine may take a little off what it serves).
     */
    @Test
    void narrowsBetweenTheLastGoodAndTheFirstBadStepToItsResolution() {
        FixtureRun run = EngineRuns.runLoad(NarrowingTestCase.class);
        assertThat(run.containerEvents().failed().count()).isZero();
        Capacity capacity = run.result().capacity().orElseThrow();
        String table = table(capacity);
        double resolution = RATE_STEP / 4.0;

        assertThat(capacity.outcome()).as(table).isEqualTo(Capacity.Outcome.LIMIT_FOUND);
        CapacityStep breach = capacity.breach().orElseThrow();
        assertThat(breach.arrivalRate()).as(table).hasValue(27.0);
        List<CapacityStep> narrowing = capacity.steps().stream().filter(CapacityStep::narrowing).toList();
        assertThat(narrowing).as(table).hasSize(2);
        assertThat(narrowing.getFirst().arrivalRate()).as(table).hasValue(22.5);
        assertThat(narrowing.getFirst().number()).isEqualTo(breach.number() + 2);
        double second = narrowing.getFirst().held() ? 24.75 : 20.25;
        assertThat(narrowing.get(1).arrivalRate()).as(table).hasValue(second);

        assertThat(capacity.arrivalRate()).as(table).isGreaterThanOrEqualTo(18.0).isLessThan(27.0);
        assertThat(capacity.lowestBroken().orElseThrow().load() - capacity.arrivalRate()).as(table)
                .isEqualTo(resolution);
        assertThat(capacity.requestsPerSecond()).as(table).isBetween(RATE_THEORY - 2 * resolution,
                RATE_THEORY * 1.05);
        assertThat(capacity.describe()).as(table).contains("; narrowed in 2 step(s): the limit lies between "
                + capacity.held().orElseThrow().describeLoad() + " (held) and "
                + capacity.lowestBroken().orElseThrow().describeLoad() + " (broke)");
    }

    /**
     * A breach in the last planned step has no step left to confirm it: the search ends unconfirmed, and still
     * narrows. Steps of 4 users up to 12 (100, 200, 300 ms against p95 < 250ms): 12 breaks in the last step, and one
     * narrowing step runs halfway between 8 and 12, at 10 users.
     */
    @Test
    void aBreachInTheLastPlannedStepEndsTheSearchUnconfirmedAndIsNarrowed() {
        FixtureRun run = EngineRuns.runLoad(LastStepBreaksTestCase.class);
        assertThat(run.containerEvents().failed().count()).isZero();
        Capacity capacity = run.result().capacity().orElseThrow();
        String table = table(capacity);

        assertThat(capacity.outcome()).as(table).isEqualTo(Capacity.Outcome.LIMIT_UNCONFIRMED);
        assertThat(capacity.breach()).as(table).get().extracting(CapacityStep::users).isEqualTo(12);
        assertThat(capacity.steps()).as(table).extracting(CapacityStep::users).containsExactly(4, 8, 12, 10);
        assertThat(capacity.steps()).as(table).extracting(CapacityStep::narrowing)
                .containsExactly(false, false, false, true);
        assertThat(capacity.users()).as(table).isIn(8, 10);
        assertThat(capacity.describe()).as(table).contains("; 12 users broke a budget in the last step(s) the search "
                + "had, unconfirmed; narrowed in 1 step(s): the limit lies between ");
    }

    static String table(Capacity capacity) {
        return capacity.steps().stream().map(s -> s.number() + ": " + s.describeLoad() + (s.narrowing()
                ? " (narrowing)" : "") + ": " + s.figures() + " " + s.breaches()).collect(Collectors.joining("\n"));
    }

    static String outcome(List<Event> events, String name) {
        Event event = events.stream().filter(e -> e.getTestDescriptor().getDisplayName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no verdict " + name + " in " + events.stream()
                        .map(e -> e.getTestDescriptor().getDisplayName()).toList()));
        TestExecutionResult result = event.getRequiredPayload(TestExecutionResult.class);
        return result.getStatus() == TestExecutionResult.Status.SUCCESSFUL ? "passed"
                : result.getThrowable().orElseThrow().getMessage();
    }

    @LoadTest(stopTimeout = "2s")
    @CapacitySearch(startUsers = 4, step = STEP, maxUsers = 40, stepDuration = "1s", warmUp = 0,
            budgets = "p95 < 250ms")
    @Threshold("capacity_users >= 4")
    @Threshold("capacity_users >= 100")
    static class KnownCapacityTestCase extends Work implements LoadTestVerdicts {

        @RegisterExtension
        static FixedCapacityServer server = new FixedCapacityServer(WORKERS, SERVICE_TIME);
    }

    @LoadTest(stopTimeout = "2s")
    @CapacitySearch(startRate = RATE_STEP, rateStep = RATE_STEP, maxRate = 90, maxUsers = 12, stepDuration = "2s",
            warmUp = 0, budgets = "p95 < 600ms")
    static class KnownRateCapacityTestCase extends Work {

        @RegisterExtension
        static FixedCapacityServer server = new FixedCapacityServer(RATE_WORKERS, RATE_SERVICE_TIME);
    }

    @LoadTest(stopTimeout = "2s")
    @CapacitySearch(startRate = RATE_STEP, rateStep = RATE_STEP, maxRate = 36, maxUsers = 12, stepDuration = "2s",
            warmUp = 0.5, budgets = "p95 < 600ms", narrow = 2)
    static class NarrowingTestCase extends Work {

        @RegisterExtension
        static FixedCapacityServer server = new FixedCapacityServer(RATE_WORKERS, RATE_SERVICE_TIME);
    }

    @LoadTest(stopTimeout = "2s")
    @CapacitySearch(startUsers = 4, step = STEP, maxUsers = 12, stepDuration = "2s", warmUp = 0.5,
            budgets = "p95 < 250ms", narrow = 1)
    static class LastStepBreaksTestCase extends Work {

        @RegisterExtension
        static FixedCapacityServer server = new FixedCapacityServer(WORKERS, SERVICE_TIME);
    }

    /** What every fixture's users do: ask the server for work, without a wait. */
    abstract static class Work {

        @Task
        void work(Http http) {
            http.get("/work");
        }
    }
}
