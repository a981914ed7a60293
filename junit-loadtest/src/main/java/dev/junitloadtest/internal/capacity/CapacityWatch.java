package dev.junitloadtest.internal.capacity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.HdrHistogram.Histogram;

import dev.junitloadtest.internal.recording.Histograms;
import dev.junitloadtest.internal.recording.IntervalSnapshot;
import dev.junitloadtest.internal.recording.RunClock;
import dev.junitloadtest.internal.recording.RunControl;
import dev.junitloadtest.internal.recording.RunListener;
import dev.junitloadtest.internal.threshold.StepBudgets;

/**
 * Judges each step of a capacity search as soon as its last interval is in, on the same intervals and with the same
 * budgets its result is judged on later, and decides where the search goes: the next planned step, a narrowing step
 * halfway between the highest load that held and the lowest that broke once {@link SearchRule} says the limit is
 * found, or the end of the load (as planned, not as an abort), so no step beyond what the search needs is run. Called
 * on the sampler thread only. Internal.
 */
final class CapacityWatch implements RunListener {

    private final StepWindows windows;
    private final StepBudgets budgets;
    private final SearchRule rule;
    private final SearchCourse course;
    private final int plannedSteps;
    private final List<Boolean> broke = new ArrayList<>();
    private final Histogram judged = Histograms.newHistogram();
    private long failures;
    private long fromNanos = -1;
    private long toNanos;
    private RunControl control;
    private boolean ended;
    /** While narrowing: the highest load that held and the lowest that broke. */
    private double held;
    private double brokeAt;
    private int narrowed;
    private boolean narrowingNow;

    CapacityWatch(StepWindows windows, StepBudgets budgets, SearchRule rule, SearchCourse course) {
        this.windows = windows;
        this.budgets = budgets;
        this.rule = rule;
        this.course = course;
        this.plannedSteps = course.planned().size();
    }

    @Override
    public void runStarted(RunClock clock, RunControl control) {
        this.control = control;
    }

    @Override
    public void intervalEnded(IntervalSnapshot snapshot) {
        int current = broke.size();
        if (ended || current >= windows.count()) {
            return;
        }
        if (windows.judging(snapshot.startOffsetNanos()) == current) {
            judged.add(snapshot.aggregated().interval());
            failures += snapshot.aggregated().intervalFailures();
            fromNanos = fromNanos < 0 ? snapshot.startOffsetNanos() : fromNanos;
            toNanos = snapshot.endOffsetNanos();
        }
        // Intervals follow one another: once one ends at or after the step's end, none is left to start in it.
        while (!ended && broke.size() < windows.count() && snapshot.endOffsetNanos() >= windows.endNanos(broke.size())) {
            judgeStep(broke.size());
            decideNext(broke.size());
        }
    }

    /** Judges step {@code index} (only whether it broke: its figures in words come from the result). */
    private void judgeStep(int index) {
        Duration elapsed = Duration.ofNanos(fromNanos < 0 ? 0 : toNanos - fromNanos);
        broke.add(!budgets.breaches(judged, failures, elapsed, "").isEmpty());
        judged.reset();
        failures = 0;
        fromNanos = -1;
    }

    /** Decides the load of step {@code next}, the one after the step just judged, or ends the load. */
    private void decideNext(int next) {
        if (narrowingNow) {
            double level = course.level(next - 1).orElseThrow();
            if (broke.get(next - 1)) {
                brokeAt = level;
            } else {
                held = level;
            }
            narrowed++;
            narrowOrEnd(next);
            return;
        }
        Optional<SearchRule.Decision> decision = rule.decide(broke.subList(0, Math.min(broke.size(), plannedSteps)));
        if (decision.isEmpty()) {
            if (next < plannedSteps) {
                course.plannedNext(next);
            } else {
                end();
            }
            return;
        }
        int breach = decision.get().index();
        Optional<Integer> lastHeld = lastHeldBefore(breach);
        if (lastHeld.isEmpty()) {
            end();
            return;
        }
        narrowingNow = true;
        held = course.planned().get(lastHeld.get());
        brokeAt = course.planned().get(breach);
        narrowOrEnd(next);
    }

    private Optional<Integer> lastHeldBefore(int breach) {
        for (int i = breach - 1; i >= 0; i--) {
            if (!broke.get(i)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    private void narrowOrEnd(int next) {
        Optional<Double> between = narrowed < windows.narrow() && next < windows.count()
                ? course.between(held, brokeAt) : Optional.empty();
        if (between.isPresent()) {
            course.narrowAt(next, between.get());
        } else {
            end();
        }
    }

    private void end() {
        ended = true;
        control.endLoad();
    }
}
