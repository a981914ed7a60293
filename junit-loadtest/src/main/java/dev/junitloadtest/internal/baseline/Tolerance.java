package dev.junitloadtest.internal.baseline;

import java.time.Duration;

/**
 * How far a run may drift from its baseline before a figure counts as a regression. Immutable. Internal.
 *
 * @param relative the share of the baseline's figure a latency may grow, or the throughput fall, e.g. 0.2 for 20%
 * @param floor the absolute growth of a latency below which it is never a regression
 * @param failureRatePoints how much the failure rate may rise, as a fraction (0.01 is one percentage point)
 */
record Tolerance(double relative, Duration floor, double failureRatePoints) {
}
