package dev.junitloadtest.internal.capacity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.HdrHistogram.Histogram;

import dev.junitloadtest.internal.recording.Histograms;
import dev.junitloadtest.internal.recording.IntervalSnapshot;
import dev.junitloadtest.internal.recording.RunClock;
import dev.junitloadtest.internal.recording.RunControl;
import dev.junitloadtest.internal.recording.RunListener;
import dev.junitloadtest.internal.threshold.StepBudgets;

/**
 * Judges each step of a capacity search as soon as its last interval is in, on the same intervals and with the same
 * budgets its result is judged on later, and ends the load (as planned, not as an abort) once {@link SearchRule}
 * says the search is over, so no step beyond the confirmed breach is run. Called on the sampler thread only.
 * Internal.
 */
final class CapacityWatch implements RunListener {

    private final StepWindows windows;
    private final StepBudgets budgets;
    private final SearchRule rule;
    private final List<Boolean> broke = new ArrayList<>();
    private final Histogram judged = Histograms.newHistogram();
    private long failures;
    private long fromNanos = -1;
    private long toNanos;
    private RunControl control;
    private boolean ended;

    CapacityWatch(StepWindows windows, StepBudgets budgets, SearchRule rule) {
        this.windows = windows;
        this.budgets = budgets;
        this.rule = rule;
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
        while (broke.size() < windows.count() && snapshot.endOffsetNanos() >= windows.endNanos(broke.size())) {
            judgeStep(broke.size());
        }
        if (rule.decide(broke).isPresent()) {
            ended = true;
            control.endLoad();
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
}
