package dev.junitloadtest.internal.capacity;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import org.apiguardian.api.API;

import dev.junitloadtest.internal.config.CapacitySearchSpec;
import dev.junitloadtest.internal.config.LoadProfile;
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
        return profile.model().search().map(CapacityPlan::new);
    }

    /**
     * The course of a new run of the search: the load of each step for the load model's driver, and the watch that
     * judges the steps as they end and decides the next one, or ends the load once the search is over.
     */
    public SearchCourse start() {
        return new SearchCourse(spec, windows, budgets, rule());
    }

    /** {@code result} with what the search found in it, on the steps {@code course} ran. */
    public LoadTestResult judge(LoadTestResult result, SearchCourse course) {
        List<SearchCourse.Decided> decided = course.decided();
        List<CapacityStep> steps = new ArrayList<>();
        for (int i = 0; i < decided.size() && windows.end(i).compareTo(result.windowEnd()) <= 0; i++) {
            steps.add(step(result, i, decided.get(i)));
        }
        List<CapacityStep> planned = steps.stream().filter(s -> !s.narrowing()).toList();
        Optional<SearchRule.Decision> decision = rule().decide(planned.stream().map(s -> !s.held()).toList());
        int before = decision.map(SearchRule.Decision::index).orElse(planned.size());
        Optional<CapacityStep> held = planned.subList(0, before).reversed().stream().filter(CapacityStep::held)
                .findFirst();
        // A narrowing step runs between the capacity and the breach: the highest one that held is the capacity.
        Optional<CapacityStep> narrowed = steps.stream().filter(s -> s.narrowing() && s.held())
                .max(java.util.Comparator.comparingDouble(CapacityStep::load));
        if (narrowed.isPresent() && held.isPresent() && narrowed.get().load() > held.get().load()) {
            held = narrowed;
        }
        Capacity.Outcome outcome = decision.map(d -> d.confirmed() ? Capacity.Outcome.LIMIT_FOUND
                : Capacity.Outcome.LIMIT_UNCONFIRMED).orElse(planned.size() == course.planned().size()
                        ? Capacity.Outcome.HELD_TO_MAX : Capacity.Outcome.ENDED_EARLY);
        return result.withCapacity(new Capacity(outcome, steps, held,
                decision.map(d -> planned.get(d.index())), knee(planned), budgets.texts(), spec.kneeFactor()));
    }

    /** The rule on the planned steps: narrowing steps neither confirm nor clear a breach. */
    private SearchRule rule() {
        return new SearchRule(spec.levels().size(), spec.confirmations());
    }

    private CapacityStep step(LoadTestResult result, int index, SearchCourse.Decided decided) {
        LoadTestResult window = result.between(windows.judgedFrom(index), windows.end(index));
        RequestStats all = window.total();
        String where = " in step " + (index + 1) + " (" + Formats.span(window.windowStart(), window.windowEnd())
                + ")";
        boolean byRate = spec.unit() == CapacitySearchSpec.Unit.ARRIVAL_RATE;
        return new CapacityStep(index + 1, byRate ? 0 : (int) decided.level(),
                byRate ? OptionalDouble.of(decided.level()) : OptionalDouble.empty(), decided.narrowing(),
                window.windowStart(), window.windowEnd(), all.count(),
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
