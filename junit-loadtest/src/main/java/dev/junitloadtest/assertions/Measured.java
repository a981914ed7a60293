package dev.junitloadtest.assertions;

import java.time.Duration;

import dev.junitloadtest.result.Formats;

/**
 * What a figure under assertion is, for its failure messages: which metric of which request in which window, and
 * the counts behind it.
 *
 * @param metric {@code p95}, {@code failure rate}
 * @param subject {@code GET /volatile}, {@code all requests}
 * @param where the window, {@code " in 10.0-20.0 s"}; empty for a whole run
 * @param count requests behind the figure; negative when not known
 * @param failures failed requests among them
 * @param elapsed the measured time behind it
 * @param missing why there is no figure (the request was never recorded), or {@code null}
 */
record Measured(String metric, String subject, String where, long count, long failures, Duration elapsed,
        String missing) {

    /** {@code p95 of GET /volatile in 10.0-20.0 s}. */
    String what() {
        return metric + " of " + subject + where;
    }

    /** {@code " (n=4,812)"}; empty when the count is not known. */
    String samples() {
        return count < 0 ? "" : " (n=" + Formats.count(count) + ")";
    }
}
