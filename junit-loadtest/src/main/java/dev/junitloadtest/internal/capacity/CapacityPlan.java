package dev.junitloadtest.internal.capacity;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apiguardian.api.API;

import dev.junitloadtest.internal.config.CapacitySearchSpec;
import dev.junitloadtest.internal.config.LoadModel;
import dev.junitloadtest.internal.config.LoadProfile;
import dev.junitloadtest.internal.recording.RunListener;
import dev.junitloadtest.internal.threshold.StepBudgets;
import dev.junitloadtest.result.Capacity;
import dev.junitloadtest.result.CapacityStep;
import dev.junitloadtest.result.Formats;
import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.result.RequestStats;

/**
 * The capacity search of a load test class, if it has one: its budgets parsed before any load is sent, a watch that
 * ends the load at the confirmed breach while it runs, and the judging of the finished run into a {@link Capacity}:
 * each step on its steady part ({@link LoadTestResult#between}), the search's end by {@link SearchRule}, the capacity
 * and the knee. Immutable. Internal.
 */
@API(status = INTERNAL, since = "0.1")
public final class CapacityPlan {

    private final CapacitySearchSpec spec;
    private final StepBudgets budgets;
    private final StepWindows windows;

    private CapacityPlan(CapacitySearchSpec spec) {
        this.spec = spec;
        this.budgets = StepBudgets.parse(spec.budgets());
        this.windows = new StepWindows(spec);
    }

    /**
     * The capacity search {@code profile} runs; empty if it runs none.
     *
     * @throws dev.junitloadtest.internal.config.LoadTestConfigurationException if a budget is malformed or cannot
     *         judge a step
     */
    public static Optional<CapacityPlan> of(LoadProfile profile) {
        return profile.model() instanceof LoadModel.Closed closed
                ? closed.search().map(CapacityPlan::new) : Optional.empty();
    }

    /** A new watch for one run, which ends its load once the search is over. */
    public RunListener watch() {
        return new CapacityWatch(windows, budgets, rule());
    }

    /** {@code result} with what the search found in it. */
    public LoadTestResult judge(LoadTestResult result) {
        List<Integer> users = spec.stepUsers();
        List<CapacityStep> steps = new ArrayList<>();
        for (int i = 0; i < windows.count() && windows.end(i).compareTo(result.windowEnd()) <= 0; i++) {
            steps.add(step(result, i, users.get(i)));
        }
        Optional<SearchRule.Decision> decision = rule().decide(steps.stream().map(s -> !s.held()).toList());
        int before = decision.map(SearchRule.Decision::index).orElse(steps.size());
        Optional<CapacityStep> held = steps.subList(0, before).reversed().stream().filter(CapacityStep::held)
                .findFirst();
        Capacity.Outcome outcome = decision.map(d -> d.confirmed() ? Capacity.Outcome.LIMIT_FOUND
                : Capacity.Outcome.LIMIT_UNCONFIRMED).orElse(steps.size() == windows.count()
                        ? Capacity.Outcome.HELD_TO_MAX : Capacity.Outcome.ENDED_EARLY);
        return result.withCapacity(new Capacity(outcome, steps, held,
                decision.map(d -> steps.get(d.index())), knee(steps), budgets.texts(), spec.kneeFactor()));
    }

    private SearchRule rule() {
        return new SearchRule(windows.count(), spec.confirmations());
    }

    private CapacityStep step(LoadTestResult result, int index, int users) {
        LoadTestResult window = result.between(windows.judgedFrom(index), windows.end(index));
        RequestStats all = window.total();
        String where = " in step " + (index + 1) + " (" + Formats.span(window.windowStart(), window.windowEnd())
                + ")";
        return new CapacityStep(index + 1, users, window.windowStart(), window.windowEnd(), all.count(),
                all.failures(), all.throughput(), all.percentile(50), all.percentile(95), all.percentile(99),
                budgets.breaches(window, where));
    }

    /** The first step whose p95 exceeds {@code kneeFactor} times the first step's, which must have requests. */
    private Optional<CapacityStep> knee(List<CapacityStep> steps) {
        if (steps.isEmpty() || steps.getFirst().requests() == 0) {
            return Optional.empty();
        }
        double limitNanos = steps.getFirst().p95().toNanos() * spec.kneeFactor();
        return steps.stream().skip(1).filter(s -> s.requests() > 0 && s.p95().toNanos() > limitNanos).findFirst();
    }

    /** How long the search's steps are, for reports. */
    public Duration stepDuration() {
        return spec.stepDuration();
    }
}
