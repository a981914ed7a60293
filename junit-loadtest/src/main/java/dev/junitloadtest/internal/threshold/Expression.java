package dev.junitloadtest.internal.threshold;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.math.BigDecimal;

import org.apiguardian.api.API;

import dev.junitloadtest.result.Comparison;

/**
 * A parsed threshold expression: {@code p95 < 500ms} is the metric {@code p95}, the comparison {@code <} and a budget
 * of 500,000,000 ns written in {@code ms}. Internal.
 *
 * @param text the expression as written
 * @param metric the metric
 * @param comparison the comparison
 * @param budget the budget in the metric quantity's base unit
 * @param unit the unit the budget was written in (empty if none), in which figures are shown
 */
@API(status = INTERNAL, since = "0.1")
public record Expression(String text, Metric metric, Comparison comparison, BigDecimal budget, String unit) {

    /** Whether {@code actual} meets the budget. */
    public boolean holds(BigDecimal actual) {
        return comparison.holds(actual, budget);
    }

    /**
     * Whether a breach by {@code actual}, the figure of the run so far, is final: no request still to come can bring
     * the metric back within budget ({@code failures == 0} after a failure, {@code max < 5s} after a slower response).
     */
    public boolean failsForGood(BigDecimal actual) {
        if (holds(actual)) {
            return false;
        }
        return switch (metric.trend()) {
            case RISES -> comparison.boundsAbove() && actual.compareTo(budget) > 0
                    || comparison == Comparison.LESS && actual.compareTo(budget) == 0;
            case FALLS -> comparison.boundsBelow() && actual.compareTo(budget) < 0
                    || comparison == Comparison.GREATER && actual.compareTo(budget) == 0;
            case EITHER -> false;
        };
    }

    /** {@code actual} as figures of this metric read: in the budget's unit, {@code 1,203.4 ms}. */
    public String format(BigDecimal actual) {
        return metric.quantity().format(actual, unit);
    }

    /** The budget as messages show it: {@code < 500 ms}. */
    public String budgetText() {
        return comparison.symbol() + " " + format(budget);
    }
}
