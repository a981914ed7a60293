package dev.junitloadtest.internal.threshold;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;

import org.apiguardian.api.API;

import dev.junitloadtest.result.StopReason;
import dev.junitloadtest.result.ThresholdResult;

/**
 * One validated {@code @Threshold}: what to measure and the budget, over which requests and which part of the run,
 * and whether it may stop the run. Immutable. Internal.
 *
 * @param expression the parsed expression
 * @param scope the requests judged
 * @param window the part of the run judged
 * @param abortOnFail whether a final breach stops the run
 * @param abortGrace how long a breach that might still mend must last before it stops the run
 */
@API(status = INTERNAL, since = "0.1")
public record ThresholdSpec(Expression expression, Scope scope, Window window, boolean abortOnFail,
        Duration abortGrace) {

    /** The request column of its verdicts, unless it judges each request: {@code Aggregated} or the request. */
    String request() {
        return switch (scope) {
            case Scope.All all -> Scope.AGGREGATED;
            case Scope.One one -> one.key();
            case Scope.Each each -> "each request";
        };
    }

    /** A verdict on {@code request}. */
    ThresholdResult verdict(String request, boolean passed, String message, String actual) {
        return new ThresholdResult(expression.text(), request, passed, message, window.label(), actual);
    }

    /** The name its verdict on {@code request} is shown under: {@code p95 < 500ms [GET /volatile, last stage]}. */
    String displayName(String request) {
        return verdict(request, false, "", "").displayName();
    }

    /**
     * The stop of a run by its verdict on {@code request}, {@code why}: {@code can no longer pass, at 3.0 s into the
     * run: ...}. Names the threshold as its verdict is shown, so that the verdict can tell it stopped the run.
     */
    StopReason stop(String request, String why) {
        String name = displayName(request);
        return StopReason.byThreshold(name, "@Threshold '" + name + "' " + why);
    }
}
