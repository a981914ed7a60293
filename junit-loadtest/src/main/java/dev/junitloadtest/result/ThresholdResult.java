package dev.junitloadtest.result;

/**
 * {@code ThresholdResult} is the verdict on one budget declared with {@code @Threshold}.
 *
 * @param expression the budget as written, e.g. {@code p95 < 500ms}
 * @param request the request it applies to, e.g. {@code GET /volatile}, or {@code Aggregated} for all
 * @param passed whether the run met it
 * @param message the figures behind the verdict: actual against budget, sample count
 */
public record ThresholdResult(String expression, String request, boolean passed, String message) {

    /** The name the verdict is shown under: the expression, with its request when it has one. */
    public String displayName() {
        return "Aggregated".equals(request) ? expression : expression + " [" + request + "]";
    }
}
