package dev.junitloadtest.internal.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apiguardian.api.API;

import dev.junitloadtest.result.Formats;

/**
 * A validated {@code @CapacitySearch}: the steps it runs and how it judges them. The budgets are kept as written;
 * the capacity search parses them with the thresholds' parser. Immutable. Internal.
 *
 * @param unit what the steps raise: users (the closed model) or the arrival rate (the open model)
 * @param start the load of the first step, {@code > 0} (whole users in a search of users)
 * @param step the load added at each step, {@code > 0}
 * @param max the most load a step may run, {@code >= start}
 * @param maxUsers in a search of the arrival rate, the cap on concurrent users; in a search of users, {@code max}
 * @param stepDuration how long each step lasts, whole seconds
 * @param warmUp the share of each step left out before judging it, in [0, 1)
 * @param budgets the budgets each step's steady part must meet, as written, at least one
 * @param confirmations how many following steps must break a budget too before a breach ends the search
 * @param kneeFactor the knee is the first step whose p95 exceeds this many times the first step's
 * @param narrow how many narrowing steps may follow the breach, {@code >= 0}
 */
@API(status = INTERNAL, since = "0.1")
public record CapacitySearchSpec(Unit unit, double start, double step, double max, int maxUsers,
        Duration stepDuration, double warmUp, List<String> budgets, int confirmations, double kneeFactor,
        int narrow) {

    /** What a capacity search raises at each step. */
    public enum Unit {
        /** Closed-model users. */
        USERS,
        /** Iterations started per second, the open model. */
        ARRIVAL_RATE
    }

    /** Copies the budgets. */
    public CapacitySearchSpec {
        budgets = List.copyOf(budgets);
    }

    /** The load of each planned step, in order: from {@code start} by {@code step}, none above {@code max}. */
    public List<Double> levels() {
        List<Double> levels = new ArrayList<>();
        // A rate of 0.1 added ten times is not exactly 1: allow a rounding error's worth above max.
        for (int i = 0; start + i * step <= max * (1 + 1e-9); i++) {
            levels.add(start + i * step);
        }
        return levels;
    }

    /** How many steps the run may last: the planned ones and the narrowing ones. */
    public int mostSteps() {
        return levels().size() + narrow;
    }

    /**
     * The steps as stages of a closed-model run: each moves to its users at once and lasts {@code stepDuration};
     * narrowing steps, whose users are decided while the search runs, start at the last planned step's.
     */
    public List<Stage> stages() {
        List<Stage> stages = new ArrayList<>();
        for (double level : levels()) {
            stages.add(new Stage(stepDuration, (int) level, Double.POSITIVE_INFINITY));
        }
        for (int i = 0; i < narrow; i++) {
            stages.add(new Stage(stepDuration, (int) max, Double.POSITIVE_INFINITY));
        }
        return stages;
    }

    /** How long the search may last: every planned and narrowing step. */
    public Duration mostDuration() {
        return stepDuration.multipliedBy(mostSteps());
    }

    /** How much of each step is left out before judging it: the warm-up share, rounded up to whole seconds. */
    public Duration warmUpDuration() {
        return warmUpDuration(stepDuration, warmUp);
    }

    static Duration warmUpDuration(Duration stepDuration, double warmUp) {
        return Duration.ofSeconds((long) Math.ceil(warmUp * stepDuration.toSeconds() - 1e-9));
    }

    /**
     * One line for reports: {@code capacity search: 10 to 500 users, +10 every 30s} or {@code capacity search: 50 to
     * 400 iterations/s, +50 every 30s, at most 200 users}, then the narrowing steps if any.
     */
    public String describe() {
        List<Double> levels = levels();
        String text = unit == Unit.USERS
                ? "capacity search: " + (int) start + " to " + levels.getLast().intValue() + " users, +" + (int) step
                        + " every " + DurationSyntax.format(stepDuration)
                : "capacity search: " + Formats.compact(start) + " to " + Formats.compact(levels.getLast())
                        + " iterations/s, +" + Formats.compact(step) + " every " + DurationSyntax.format(stepDuration)
                        + ", at most " + maxUsers + " users";
        return narrow == 0 ? text : text + ", narrowed in up to " + narrow + " steps";
    }
}
