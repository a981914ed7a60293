package dev.junitloadtest.threshold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.junitloadtest.internal.config.LoadTestConfigurationException;
import dev.junitloadtest.internal.threshold.Expression;
import dev.junitloadtest.internal.threshold.ExpressionParser;
import dev.junitloadtest.internal.threshold.Metric;

/** The expression language of {@code @Threshold}: what it reads, and how it says where a malformed one goes wrong. */
class ThresholdExpressionTests {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            p95 < 500ms             | p95          | <  | 500000000  | ms | < 500 ms
            p99.9 <= 2s             | p99.9        | <= | 2000000000 | s  | <= 2 s
            p99.99<=1.5s            | p99.99       | <= | 1500000000 | s  | <= 1.5 s
            P50 > 250 us            | p50          | >  | 250000     | us | > 250 us
            avg < 200ms             | avg          | <  | 200000000  | ms | < 200 ms
            mean < 200ms            | mean         | <  | 200000000  | ms | < 200 ms
            median >= 1s            | median       | >= | 1000000000 | s  | >= 1 s
            min > 0.5ms             | min          | >  | 500000     | ms | > 0.5 ms
            max < 5s                | max          | <  | 5000000000 | s  | < 5 s
            service_p95 < 300ms     | service_p95  | <  | 300000000  | ms | < 300 ms
            failure_rate < 1%       | failure_rate | <  | 0.01       | %  | < 1%
            failure_rate <= 0.5%    | failure_rate | <= | 0.005      | %  | <= 0.5%
            failures == 0           | failures     | == | 0          |    | == 0
            count >= 1000           | count        | >= | 1000       |    | >= 1,000
            count != 3              | count        | != | 3          |    | != 3
            rps >= 100              | rps          | >= | 100        |    | >= 100/s
            rps > 99.5/s            | rps          | >  | 99.5       | /s | > 99.5/s
            """)
    void readsMetricComparisonBudgetAndUnit(String text, String metric, String comparison, BigDecimal budget,
            String unit, String shown) {
        Expression expression = ExpressionParser.parse(text);

        assertThat(expression.metric().name()).isEqualTo(metric);
        assertThat(expression.comparison().symbol()).isEqualTo(comparison);
        assertThat(expression.budget()).isEqualByComparingTo(budget);
        assertThat(expression.unit()).isEqualTo(unit == null ? "" : unit);
        assertThat(expression.budgetText()).isEqualTo(shown);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            p99.9 < 2s                | RESPONSE_TIME   | true  | true  | true
            max < 5s                  | RESPONSE_TIME   | true  | true  | true
            service_p95 < 300ms       | SERVICE_TIME    | true  | true  | false
            service_max < 300ms       | SERVICE_TIME    | true  | true  | false
            failure_rate < 1%         | FAILURE_RATE    | true  | true  | true
            failures == 0             | FAILURES        | true  | true  | true
            count >= 10               | COUNT           | false | true  | true
            rps > 5                   | RPS             | false | true  | true
            generator_cpu < 80%       | GENERATOR_CPU   | false | false | false
            generator_cpu_peak < 95%  | GENERATOR_CPU   | false | false | false
            generator_pause_p99 < 1s  | GENERATOR_PAUSE | false | false | false
            generator_lag_max < 1s    | GENERATOR_LAG   | false | false | false
            """)
    void theParserDecidesTheKindOfMetricAndTheKindWhereItApplies(String text, Metric.Kind kind,
            boolean needsRequests, boolean perRequestAndMayStopRun, boolean windowable) {
        Metric metric = ExpressionParser.parse(text).metric();

        assertThat(metric.kind()).isEqualTo(kind);
        assertThat(metric.needsRequests()).isEqualTo(needsRequests);
        assertThat(kind.perRequest()).isEqualTo(perRequestAndMayStopRun);
        assertThat(kind.mayStopRun()).isEqualTo(perRequestAndMayStopRun);
        assertThat(kind.ofGenerator()).isEqualTo(kind.name().startsWith("GENERATOR_"));
        assertThat(kind.windowable()).isEqualTo(windowable);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            p95 < 500xs          | 9  | unknown unit 'xs' (use us, ms or s)
            failure_rate < 5ms   | 16 | failure_rate is a percentage, so 'ms' does not apply (use %)
            p95 < 5%             | 7  | p95 is a time, so '%' does not apply (use us, ms or s)
            count >= 1000ms      | 13 | count is a number of requests, so 'ms' does not apply (write no unit)
            failures == 2x       | 13 | unknown unit 'x' (failures is a number of requests: write no unit)
            p95 < 500            | 9  | p95 is a time, so its budget needs a unit (use us, ms or s)
            failure_rate < 1     | 16 | failure_rate is a percentage, so its budget needs a unit (use %)
            p95x < 500ms         | 0  | unknown metric 'p95x' (use p95 or any percentile such as p99.9, median, avg, min, max, failure_rate, failures, count or rps; service_p95, service_avg... for service times; generator_cpu, generator_cpu_peak, generator_pause_p99, generator_lag_p99... for the load generator's health; capacity_users or capacity_rps for a @CapacitySearch)
            p101 < 5s            | 1  | a percentile is between 0 and 100, but was 101
            service_p100.5 < 5s  | 9  | a percentile is between 0 and 100, but was 100.5
            p95 500ms            | 4  | expected a comparison (<, <=, >, >=, == or !=) after p95
            p95 = 500ms          | 4  | '=' is not a comparison; write == to compare for equality
            p95 =< 500ms         | 4  | unknown comparison '=<' (use <, <=, >, >=, == or !=)
            p95 <                | 5  | expected a number after <
            p95 < -5ms           | 6  | a budget is not negative
            p95 < 5.ms           | 8  | expected digits after the decimal point
            p95 < 500ms or so    | 12 | unexpected 'or so' after the budget
            p95 < 500 ms ms      | 13 | unexpected 'ms' after the budget
            failure_rate < 101%  | 15 | a percentage is at most 100%
            count > 10.5         | 8  | count is a number of requests, a whole number
            < 500ms              | 0  | expected a metric (use p95 or any percentile such as p99.9, median, avg, min, max, failure_rate, failures, count or rps; service_p95, service_avg... for service times; generator_cpu, generator_cpu_peak, generator_pause_p99, generator_lag_p99... for the load generator's health; capacity_users or capacity_rps for a @CapacitySearch)
            """)
    void pointsAtWhereAMalformedExpressionGoesWrong(String text, int column, String reason) {
        assertThatThrownBy(() -> ExpressionParser.parse(text))
                .isInstanceOf(LoadTestConfigurationException.class)
                .hasMessage("@Threshold `value` '" + text + "' is not valid: " + reason + "\n"
                        + "  " + text + "\n"
                        + "  " + " ".repeat(column) + "^");
    }

    @Test
    void anEmptyExpressionSaysWhatToWrite() {
        assertThatThrownBy(() -> ExpressionParser.parse(""))
                .hasMessage("@Threshold `value` '' is not valid: it is empty; write a metric, a comparison and a "
                        + "budget, such as p95 < 500ms\n  \n  ^");
    }

    @Test
    void theBriefsExampleReadsWordForWord() {
        assertThatThrownBy(() -> ExpressionParser.parse("p95 < 500xs"))
                .hasMessage("""
                        @Threshold `value` 'p95 < 500xs' is not valid: unknown unit 'xs' (use us, ms or s)
                          p95 < 500xs
                                   ^""");
    }
}
