package dev.junitloadtest.result;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Objects;

import org.apiguardian.api.API;

/**
 * {@code ThresholdResult} is the verdict on one budget declared with {@code @Threshold}, for one request scope.
 *
 * @param expression the budget as written, e.g. {@code p95 < 500ms}
 * @param request the request it applies to, e.g. {@code GET /volatile}, or {@code Aggregated} for all
 * @param passed whether the run met it
 * @param message the figures behind the verdict: actual against budget, sample count, request and window, e.g.
 *        {@code p95 of GET /volatile was 1,203.4 ms, budget < 500 ms (n=4,812)}
 * @param window the part of the run judged, e.g. {@code last stage}, {@code stage 2}, {@code from 30s}; empty for the
 *        whole run
 * @param actual the measured figure in the budget's unit, e.g. {@code 1,203.4 ms}; empty when there was nothing to
 *        measure
 */
@API(status = STABLE, since = "0.1")
public record ThresholdResult(String expression, String request, boolean passed, String message, String window,
        String actual) {

    /** Checks that no component is null. */
    public ThresholdResult {
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(actual, "actual");
    }

    /** A verdict on the whole run, without a separate actual figure. */
    public ThresholdResult(String expression, String request, boolean passed, String message) {
        this(expression, request, passed, message, "", "");
    }

    /**
     * The name the verdict is shown under: the expression, followed by its request and window when it has them, e.g.
     * {@code p95 < 500ms}, {@code p95 < 500ms [GET /volatile]}, {@code p95 < 500ms [GET /volatile, last stage]}.
     */
    public String displayName() {
        boolean all = "Aggregated".equals(request);
        if (all && window.isEmpty()) {
            return expression;
        }
        return expression + " [" + (all ? window : window.isEmpty() ? request : request + ", " + window) + "]";
    }
}
