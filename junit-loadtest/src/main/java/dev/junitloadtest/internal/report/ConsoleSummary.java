package dev.junitloadtest.internal.report;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.junitloadtest.result.ExceptionStats;
import dev.junitloadtest.result.FailureStats;
import dev.junitloadtest.result.Formats;
import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.result.RequestStats;
import dev.junitloadtest.result.ThresholdResult;

/**
 * Prints the end of a run on the console, as Locust does: the statistics table (one row per request name, the
 * Aggregated row last), the failures, the exceptions, warnings and dropped iterations, and the verdict on each
 * threshold. Printed in one piece, so lines of other threads do not cut into it. Internal.
 */
final class ConsoleSummary {

    private ConsoleSummary() {
    }

    /** Prints the summary of {@code result} to {@code out}. */
    static void print(LoadTestResult result, PrintStream out) {
        out.print(render(result));
        out.flush();
    }

    /** The summary of {@code result}, each line ended by a line break. */
    static String render(LoadTestResult result) {
        String nl = System.lineSeparator();
        RequestStats total = result.total();
        StringBuilder text = new StringBuilder();
        text.append('[').append(result.profile().testName()).append("] ")
                .append(Formats.count(total.count())).append(" requests, ")
                .append(Formats.count(total.failures())).append(" failures (")
                .append(Formats.percent(total.failureRate(), 2)).append(") in ")
                .append(String.format(Locale.ROOT, "%.2f s", result.elapsed().toNanos() / 1e9))
                .append(" (").append(result.profile().loadModel()).append(')')
                .append(result.stopReason().map(reason -> "; stopped early: " + reason).orElse(""))
                .append(nl);
        text.append(statistics(result)).append("Response times in milliseconds.").append(nl);
        if (!result.failures().isEmpty()) {
            TextTable failures = new TextTable().number("# occurrences").group().text("Error");
            for (FailureStats failure : result.failures()) {
                failures.row(List.of(Formats.count(failure.occurrences()),
                        failure.key() + ": " + failure.error()));
            }
            text.append(nl).append("Failures").append(nl).append(failures.render());
        }
        if (!result.exceptions().isEmpty()) {
            TextTable exceptions = new TextTable().number("# count").group().text("Message").group().text("Where");
            for (ExceptionStats exception : result.exceptions()) {
                exceptions.row(List.of(Formats.count(exception.count()), exception.message(),
                        String.join(", ", exception.where().stream().sorted().toList())));
            }
            text.append(nl).append("Exceptions (stack traces in exceptions.csv and summary.json)").append(nl)
                    .append(exceptions.render());
        }
        if (result.droppedIterations() > 0) {
            text.append(nl).append("Dropped iterations: ").append(Formats.count(result.droppedIterations()))
                    .append(" could not start because every user was busy").append(nl);
        }
        if (result.notSentCount() > 0) {
            text.append(nl).append("Not sent: ").append(Formats.count(result.notSentCount()))
                    .append(" request(s) the load generator did not send (in no figure above)").append(nl);
            result.notSent().forEach((reason, count) -> text.append("- ").append(Formats.count(count)).append(" × ")
                    .append(reason).append(nl));
        }
        if (result.generatorHealth().isMeasured()) {
            text.append(nl).append("Load generator: ").append(result.generatorHealth().summary()).append(nl);
        }
        if (!result.runFailures().isEmpty()) {
            text.append(nl).append("RUN FAILED: the figures above do not describe the load asked for").append(nl);
            result.runFailures().forEach(failure -> text.append("- ").append(failure).append(nl));
        }
        if (!result.warnings().isEmpty()) {
            text.append(nl).append("Warnings").append(nl);
            result.warnings().forEach(warning -> text.append("- ").append(warning).append(nl));
        }
        result.capacity().ifPresent(capacity -> text.append(nl).append(CapacityReport.console(capacity, nl)));
        if (!result.thresholds().isEmpty()) {
            text.append(nl).append("Thresholds").append(nl);
            for (ThresholdResult threshold : result.thresholds()) {
                text.append(threshold.passed() ? "PASS  " : "FAIL  ").append(threshold.displayName())
                        .append(threshold.message().isEmpty() ? "" : ": " + threshold.message()).append(nl);
            }
        }
        return text.toString();
    }

    private static String statistics(LoadTestResult result) {
        TextTable table = new TextTable().text("Type").text("Name").number("# reqs").number("# fails").group()
                .number("Median").number("Avg").number("Min").number("Max").number("p95").number("p99").group()
                .number("req/s").number("failures/s");
        for (RequestStats stats : result.requests()) {
            table.row(row(stats));
        }
        table.footer(row(result.total()));
        return table.render();
    }

    private static List<String> row(RequestStats stats) {
        List<String> cells = new ArrayList<>(List.of(stats.method(), stats.name(), Formats.count(stats.count()),
                failures(stats)));
        if (stats.count() == 0) {
            cells.addAll(List.of("-", "-", "-", "-", "-", "-"));
        } else {
            cells.addAll(List.of(Formats.readableMillis(stats.median()), Formats.readableMillis(stats.mean()),
                    Formats.readableMillis(stats.min()), Formats.readableMillis(stats.max()),
                    Formats.readableMillis(stats.percentile(95)), Formats.readableMillis(stats.percentile(99))));
        }
        cells.add(String.format(Locale.ROOT, "%,.2f", stats.throughput()));
        cells.add(String.format(Locale.ROOT, "%,.2f", stats.failuresPerSecond()));
        return cells;
    }

    /** {@code 229 (20.00%)}. */
    static String failures(RequestStats stats) {
        return Formats.count(stats.failures()) + " (" + Formats.percent(stats.failureRate(), 2) + ")";
    }
}
