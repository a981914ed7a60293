package dev.junitloadtest.internal.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.junitloadtest.result.ExceptionStats;
import dev.junitloadtest.result.FailureStats;
import dev.junitloadtest.result.Formats;
import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.result.RequestStats;

/**
 * The Locust 2.x CSV files written at the end of a run: {@code stats.csv}, {@code failures.csv} and
 * {@code exceptions.csv}, with Locust's headers, column order and row conventions (requests sorted by name then
 * method, the {@code Aggregated} row last with an empty type, {@code N/A} percentiles when there were no requests).
 * Latencies are milliseconds, exact where Locust rounds them. {@code stats_history.csv} is written as the run goes by
 * {@link StatsHistoryCsv}. Internal.
 */
final class LocustCsv {

    /** The percentiles of Locust's CSV files, in their order. */
    static final double[] PERCENTILES = {50, 66, 75, 80, 90, 95, 98, 99, 99.9, 99.99, 100};

    /** Their column names. */
    static final List<String> PERCENTILE_COLUMNS = List.of("50%", "66%", "75%", "80%", "90%", "95%", "98%", "99%",
            "99.9%", "99.99%", "100%");

    static final List<String> STATS_COLUMNS = concat(List.of("Type", "Name", "Request Count", "Failure Count",
            "Median Response Time", "Average Response Time", "Min Response Time", "Max Response Time",
            "Average Content Size", "Requests/s", "Failures/s"), PERCENTILE_COLUMNS);

    static final List<String> HISTORY_COLUMNS = concat(concat(List.of("Timestamp", "User Count", "Type", "Name",
            "Requests/s", "Failures/s"), PERCENTILE_COLUMNS), List.of("Total Request Count", "Total Failure Count",
            "Total Median Response Time", "Total Average Response Time", "Total Min Response Time",
            "Total Max Response Time", "Total Average Content Size"));

    static final List<String> FAILURES_COLUMNS = List.of("Method", "Name", "Error", "Occurrences");

    static final List<String> EXCEPTIONS_COLUMNS = List.of("Count", "Message", "Traceback", "Nodes");

    /** What Locust writes in the {@code Nodes} column of a run without workers. */
    static final String LOCAL_NODE = "local";

    static final String NOT_AVAILABLE = "N/A";

    private LocustCsv() {
    }

    static void writeStats(Path file, LoadTestResult result) throws IOException {
        try (CsvWriter csv = CsvWriter.create(file)) {
            csv.row(STATS_COLUMNS);
            for (RequestStats stats : result.requests()) {
                csv.row(statsRow(stats));
            }
            csv.row(statsRow(result.total()));
        }
    }

    static void writeFailures(Path file, LoadTestResult result) throws IOException {
        try (CsvWriter csv = CsvWriter.create(file)) {
            csv.row(FAILURES_COLUMNS);
            for (FailureStats failure : result.failures()) {
                csv.row(List.of(failure.method(), failure.name(), failure.error(),
                        Long.toString(failure.occurrences())));
            }
        }
    }

    static void writeExceptions(Path file, LoadTestResult result) throws IOException {
        try (CsvWriter csv = CsvWriter.create(file)) {
            csv.row(EXCEPTIONS_COLUMNS);
            for (ExceptionStats exception : result.exceptions()) {
                csv.row(List.of(Long.toString(exception.count()), exception.message(), exception.traceback(),
                        LOCAL_NODE));
            }
        }
    }

    /** One row of {@code stats.csv}. */
    static List<String> statsRow(RequestStats stats) {
        List<String> row = new ArrayList<>();
        row.add(stats.method());
        row.add(stats.name());
        row.add(Long.toString(stats.count()));
        row.add(Long.toString(stats.failures()));
        if (stats.count() == 0) {
            // Locust's figures of an entry without requests, including their int/float spelling.
            row.addAll(List.of("0", "0.0", "0", "0", "0", "0.0", "0.0"));
            row.addAll(notAvailable());
            return row;
        }
        row.add(Formats.plainMillis(stats.median()));
        row.add(Formats.pythonFloat(Formats.millisValue(stats.mean())));
        row.add(Formats.plainMillis(stats.min()));
        row.add(Formats.plainMillis(stats.max()));
        row.add(Formats.pythonFloat(stats.averageContentSize()));
        row.add(Formats.pythonFloat(stats.throughput()));
        row.add(Formats.pythonFloat(stats.failuresPerSecond()));
        for (double percentile : PERCENTILES) {
            row.add(Formats.plainMillis(stats.percentile(percentile)));
        }
        return row;
    }

    static List<String> notAvailable() {
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < PERCENTILES.length; i++) {
            cells.add(NOT_AVAILABLE);
        }
        return cells;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return List.copyOf(all);
    }
}
