package dev.junitloadtest.internal.threshold;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.HdrHistogram.Histogram;
import org.apiguardian.api.API;

import dev.junitloadtest.internal.config.LoadTestConfigurationException;
import dev.junitloadtest.result.LoadTestResult;

/**
 * The budgets of a capacity search, parsed and checked by the thresholds' own parser and judged by their metrics on
 * all requests of one step's steady part: on a window of the finished run, or on the histogram of the intervals seen
 * so far while it runs, with the same figures either way. Immutable. Internal.
 */
@API(status = INTERNAL, since = "0.1")
public final class StepBudgets {

    private static final String ATTRIBUTE = "@CapacitySearch `budgets`";
    private static final String SUBJECT = "all requests";

    private final List<Expression> expressions;

    private StepBudgets(List<Expression> expressions) {
        this.expressions = List.copyOf(expressions);
    }

    /**
     * Parses {@code budgets}, as written in a {@code @CapacitySearch}.
     *
     * @throws LoadTestConfigurationException if one is malformed, is not a figure of a step, or is written twice
     */
    public static StepBudgets parse(List<String> budgets) {
        List<Expression> expressions = new ArrayList<>();
        for (String budget : budgets) {
            Expression expression = ExpressionParser.parse(budget, ATTRIBUTE);
            Metric.Kind kind = expression.metric().kind();
            String why = kind == Metric.Kind.SERVICE_TIME ? "service times are kept for the whole run only; use "
                    + expression.metric().name().substring(kind.prefix().length()) + " (response times)"
                    : kind.ofGenerator() ? "the load generator's figures are known at the end of the run only"
                    : kind.ofCapacity() ? "the capacity is what the search finds; put a floor under it with "
                            + "@Threshold(\"" + expression.text() + "\")"
                    : null;
            if (why != null) {
                throw new LoadTestConfigurationException(ATTRIBUTE + " '" + expression.text()
                        + "' cannot judge a step: " + why + ".");
            }
            if (expressions.stream().anyMatch(e -> e.text().equals(expression.text()))) {
                throw new LoadTestConfigurationException(ATTRIBUTE + " '" + expression.text() + "' is written "
                        + "twice; remove one.");
            }
            expressions.add(expression);
        }
        return new StepBudgets(expressions);
    }

    /** The budgets as written. */
    public List<String> texts() {
        return expressions.stream().map(Expression::text).toList();
    }

    /**
     * The budgets {@code window} (a step's steady part of the finished run) breaks, as figures:
     * {@code p95 of all requests in step 3 (12.0-16.0 s) was 61.2 ms, budget < 50 ms (n=812)}; empty if it met them.
     *
     * @param where the window in words, e.g. {@code  in step 3 (12.0-16.0 s)}
     */
    public List<String> breaches(LoadTestResult window, String where) {
        return breaches(Figures.of(window.total()), where);
    }

    /**
     * The budgets the figures of a step's steady part so far break, as {@link #breaches(LoadTestResult, String)}:
     * {@code micros} its response times in microseconds, {@code failures} its failed requests, {@code elapsed} the
     * time its intervals cover.
     */
    public List<String> breaches(Histogram micros, long failures, Duration elapsed, String where) {
        return breaches(Figures.of(micros, micros, failures, elapsed), where);
    }

    private List<String> breaches(Figures figures, String where) {
        List<String> broken = new ArrayList<>();
        for (Expression expression : expressions) {
            Metric metric = expression.metric();
            if (figures.count() == 0 && metric.needsRequests()) {
                // A budget is never met on nothing.
                broken.add(metric.name() + " of " + SUBJECT + where + ": no requests were recorded, so the budget "
                        + expression.budgetText() + " cannot be judged");
                continue;
            }
            BigDecimal actual = metric.measure(figures);
            if (!expression.holds(actual)) {
                broken.add(Judge.describe(expression, SUBJECT, where, figures, actual));
            }
        }
        return broken;
    }
}
