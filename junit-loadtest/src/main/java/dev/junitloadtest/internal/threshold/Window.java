package dev.junitloadtest.internal.threshold;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;

import org.apiguardian.api.API;

import dev.junitloadtest.internal.config.DurationSyntax;
import dev.junitloadtest.result.LoadTestResult;

/**
 * The part of a run a threshold judges: all of it, one stage, the last stage, or from an offset on. Windows hold
 * whole recorded intervals, those that start in them, as {@link LoadTestResult#between(Duration, Duration)} has it.
 * Internal.
 */
@API(status = INTERNAL, since = "0.1")
public sealed interface Window {

    /** The part of {@code result} this window judges. */
    LoadTestResult select(LoadTestResult result);

    /** How the window is named in verdicts: {@code last stage}, {@code stage 2}, {@code from 30s}; empty for all. */
    String label();

    /** How messages place figures in the window: {@code " in the last stage"}, {@code " from 30s"}. */
    String phrase();

    /** Where the window starts, from the run's start. */
    Duration start();

    /**
     * Whether the interval starting at {@code startNanos} (an offset from the run's start) is in it: an interval
     * belongs to the window it starts in, as results assign them.
     */
    default boolean covers(long startNanos) {
        return startNanos >= start().toNanos() && endsAfter(startNanos);
    }

    /** Whether the window has not ended by {@code offsetNanos}. */
    boolean endsAfter(long offsetNanos);

    /** The whole run. */
    record Whole() implements Window {

        @Override
        public LoadTestResult select(LoadTestResult result) {
            return result;
        }

        @Override
        public String label() {
            return "";
        }

        @Override
        public String phrase() {
            return "";
        }

        @Override
        public Duration start() {
            return Duration.ZERO;
        }

        @Override
        public boolean endsAfter(long offsetNanos) {
            return true;
        }
    }

    /**
     * One stage of a closed-model run.
     *
     * @param number the stage, from 1
     * @param namedLast whether it was chosen as the last stage, rather than by its number
     * @param start when it starts
     * @param end when it ends as planned
     * @param lastOfRun whether it is the run's last stage, which lasts until the run ends, however late
     */
    record Stage(int number, boolean namedLast, Duration start, Duration end, boolean lastOfRun) implements Window {

        @Override
        public LoadTestResult select(LoadTestResult result) {
            return result.stage(number);
        }

        @Override
        public String label() {
            return namedLast ? "last stage" : "stage " + number;
        }

        @Override
        public String phrase() {
            return namedLast ? " in the last stage" : " in stage " + number;
        }

        @Override
        public boolean endsAfter(long offsetNanos) {
            return lastOfRun || offsetNanos < end.toNanos();
        }
    }

    /**
     * From an offset to the end of the run.
     *
     * @param start the offset
     */
    record From(Duration start) implements Window {

        @Override
        public LoadTestResult select(LoadTestResult result) {
            return result.from(start);
        }

        @Override
        public String label() {
            return "from " + DurationSyntax.format(start);
        }

        @Override
        public String phrase() {
            return " " + label();
        }

        @Override
        public boolean endsAfter(long offsetNanos) {
            return true;
        }
    }
}
