package dev.junitloadtest.internal.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.HdrHistogram.Histogram;

import dev.junitloadtest.internal.recording.IntervalSnapshot;
import dev.junitloadtest.internal.recording.RequestSample;
import dev.junitloadtest.internal.recording.RunClock;
import dev.junitloadtest.internal.recording.RunListener;
import dev.junitloadtest.result.Formats;

/**
 * Writes {@code stats_history.csv} as the run goes, one row per interval (with {@code fullHistory}, a row per request
 * name before it), flushed after each interval so the file can be watched and nothing is held in memory. Like Locust,
 * it starts with a row of zeros when the run starts. Unlike Locust, each row's rates and percentiles are those of its
 * own interval (Locust's are averaged over about ten seconds, or cumulative in the Aggregated-only file); the
 * {@code Total} columns are the run's so far, as in Locust. Called on the sampler thread only. Internal.
 */
final class StatsHistoryCsv implements RunListener {

    private final Path file;
    private final boolean fullHistory;
    private RunClock clock;
    private CsvWriter csv;

    StatsHistoryCsv(Path file, boolean fullHistory) {
        this.file = file;
        this.fullHistory = fullHistory;
    }

    @Override
    public void runStarted(RunClock runClock) {
        clock = runClock;
        try {
            Files.createDirectories(file.getParent());
            csv = CsvWriter.create(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create " + file, e);
        }
        csv.row(LocustCsv.HISTORY_COLUMNS);
        List<String> start = new ArrayList<>(List.of(Long.toString(runClock.startInstant().getEpochSecond()), "0",
                "", "Aggregated", Formats.sixDecimals(0), Formats.sixDecimals(0)));
        start.addAll(LocustCsv.notAvailable());
        start.addAll(emptyTotals());
        csv.row(start);
        csv.flush();
    }

    @Override
    public void intervalEnded(IntervalSnapshot snapshot) {
        String timestamp = Long.toString(clock.instantAt(snapshot.endOffsetNanos()).getEpochSecond());
        String users = Integer.toString(snapshot.users());
        if (fullHistory) {
            for (RequestSample sample : snapshot.requests()) {
                csv.row(row(timestamp, users, sample, snapshot.seconds()));
            }
        }
        csv.row(row(timestamp, users, snapshot.aggregated(), snapshot.seconds()));
        csv.flush();
    }

    @Override
    public void runEnded() {
        close();
    }

    /** Closes the file; harmless when it is closed or was never opened. */
    void close() {
        if (csv != null) {
            try {
                csv.close();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not close " + file, e);
            } finally {
                csv = null;
            }
        }
    }

    /** Whether the run started, so the file exists. */
    boolean started() {
        return clock != null;
    }

    private static List<String> row(String timestamp, String users, RequestSample sample, double seconds) {
        Histogram interval = sample.interval();
        long count = interval.getTotalCount();
        List<String> row = new ArrayList<>();
        row.add(timestamp);
        row.add(users);
        row.add(sample.key().method());
        row.add(sample.key().name());
        row.add(Formats.sixDecimals(seconds <= 0 ? 0 : count / seconds));
        row.add(Formats.sixDecimals(seconds <= 0 ? 0 : sample.intervalFailures() / seconds));
        if (count == 0) {
            row.addAll(LocustCsv.notAvailable());
        } else {
            for (Duration value : Figures.percentiles(interval, LocustCsv.PERCENTILES)) {
                row.add(Formats.plainMillis(value));
            }
        }
        Histogram cumulative = sample.cumulative();
        long total = cumulative.getTotalCount();
        if (total == 0) {
            row.addAll(emptyTotals());
            return row;
        }
        row.add(Long.toString(total));
        row.add(Long.toString(sample.totalFailures()));
        row.add(Formats.plainMillis(Figures.percentile(cumulative, 50)));
        row.add(Formats.pythonFloat(Formats.millisValue(Figures.mean(cumulative))));
        row.add(Formats.plainMillis(Figures.micros(cumulative.getMinValue())));
        row.add(Formats.plainMillis(Figures.micros(cumulative.getMaxValue())));
        row.add(Formats.pythonFloat((double) sample.totalBytes() / total));
        return row;
    }

    /** Locust's totals of an entry without requests. */
    private static List<String> emptyTotals() {
        return List.of("0", "0", "0", "0.0", "0", "0", "0");
    }
}
