package dev.junitloadtest.internal.capacity;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apiguardian.api.API;

import dev.junitloadtest.internal.config.CapacitySearchSpec;
import dev.junitloadtest.internal.recording.LoadSteering;
import dev.junitloadtest.internal.recording.RunListener;

/**
 * The course of one run of a capacity search: the load of each step as it is decided, the planned steps' from the
 * start, the narrowing steps' by the search's watch as the step before each is judged, and the watch itself. The
 * driver of the load model asks it for each step's load; the judging of the result reads which steps ran at what
 * load. Thread-safe. Internal.
 */
@API(status = INTERNAL, since = "0.1")
public final class SearchCourse implements LoadSteering {

    private final CapacitySearchSpec spec;
    private final List<Double> planned;
    private final Double[] levels;
    private final boolean[] narrowing;
    private final CapacityWatch watch;

    SearchCourse(CapacitySearchSpec spec, StepWindows windows, dev.junitloadtest.internal.threshold.StepBudgets budgets,
            SearchRule rule) {
        this.spec = spec;
        this.planned = spec.levels();
        this.levels = new Double[spec.mostSteps()];
        this.narrowing = new boolean[spec.mostSteps()];
        // Without narrowing nothing is decided while the search runs: every step's load is known now.
        int known = spec.narrow() == 0 ? planned.size() : 1;
        for (int i = 0; i < known; i++) {
            levels[i] = planned.get(i);
        }
        this.watch = new CapacityWatch(windows, budgets, rule, this);
    }

    /** The listener that judges the steps while the run goes and decides where the search goes next. */
    public RunListener watch() {
        return watch;
    }

    @Override
    public synchronized Optional<Double> level(int index) {
        return index < levels.length ? Optional.ofNullable(levels[index]) : Optional.empty();
    }

    @Override
    public synchronized boolean narrowing(int index) {
        return index < narrowing.length && narrowing[index];
    }

    /** Decides that step {@code index} runs the planned step of the same index. */
    synchronized void plannedNext(int index) {
        if (index < planned.size() && index < levels.length) {
            levels[index] = planned.get(index);
        }
    }

    /** Decides that step {@code index} narrows, at {@code level}. */
    synchronized void narrowAt(int index, double level) {
        levels[index] = level;
        narrowing[index] = true;
    }

    /** The planned steps' loads. */
    List<Double> planned() {
        return planned;
    }

    /** The load between {@code held} and {@code broke} that a narrowing step runs; empty when none is left. */
    Optional<Double> between(double held, double broke) {
        if (spec.unit() == CapacitySearchSpec.Unit.USERS) {
            double middle = Math.floor((held + broke) / 2);
            return middle > held ? Optional.of(middle) : Optional.empty();
        }
        return Optional.of((held + broke) / 2);
    }

    /** The steps decided so far, in order, with their load and whether each narrowed. */
    synchronized List<Decided> decided() {
        List<Decided> decided = new ArrayList<>();
        for (int i = 0; i < levels.length && levels[i] != null; i++) {
            decided.add(new Decided(levels[i], narrowing[i]));
        }
        return decided;
    }

    /** A step whose load was decided. */
    record Decided(double level, boolean narrowing) {
    }
}
