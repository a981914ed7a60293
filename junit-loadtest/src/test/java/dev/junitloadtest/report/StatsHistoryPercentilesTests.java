package dev.junitloadtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.junitloadtest.LoadTest;
import dev.junitloadtest.Task;
import dev.junitloadtest.internal.config.LoadProfile;
import dev.junitloadtest.internal.config.ProfileReader;
import dev.junitloadtest.internal.recording.Histograms;
import dev.junitloadtest.internal.recording.IntervalSnapshot;
import dev.junitloadtest.internal.recording.RequestKey;
import dev.junitloadtest.internal.recording.RequestSample;
import dev.junitloadtest.internal.recording.RunClock;
import dev.junitloadtest.internal.recording.RunListener;
import dev.junitloadtest.internal.report.Reporting;

/**
 * {@code stats_history.csv} computes each interval's percentiles in one pass over the histogram (the sampler thread
 * does it for every request name every second); they must be exactly HdrHistogram's {@code getValueAtPercentile},
 * as every other output's are. Fed with histograms of awkward shapes: one value, few values, long tails, zeros.
 */
class StatsHistoryPercentilesTests {

    static final double[] PERCENTILES = {50, 66, 75, 80, 90, 95, 98, 99, 99.9, 99.99, 100};

    @TempDir
    Path reports;

    @Test
    void intervalPercentilesAreHdrHistogramsOwn() {
        Map<String, String> parameters = Map.of("loadtest.report-dir", reports.toString(),
                "loadtest.csv.full-history", "true", "loadtest.console.interval", "off");
        LoadProfile profile = new ProfileReader(ShapesTestCase.class, key -> Optional.ofNullable(parameters.get(key)),
                name -> null).read();
        List<RunListener> listeners = Reporting.create(ShapesTestCase.class, profile,
                key -> Optional.ofNullable(parameters.get(key)), name -> null).listeners();
        RunClock clock = RunClock.startingNow();
        listeners.forEach(listener -> listener.runStarted(clock));

        Random random = new Random(42);
        List<Histogram> shapes = new ArrayList<>();
        Histogram single = Histograms.newHistogram();
        single.recordValue(743);
        shapes.add(single);
        Histogram few = Histograms.newHistogram();
        few.recordValue(0);
        few.recordValue(1_000);
        few.recordValue(1_001);
        shapes.add(few);
        Histogram tail = Histograms.newHistogram();
        for (int i = 0; i < 10_000; i++) {
            tail.recordValue((long) (500 + 300 * Math.abs(random.nextGaussian()) + (random.nextInt(1000) == 0
                    ? 2_000_000 * random.nextDouble() : 0)));
        }
        shapes.add(tail);
        Histogram uniform = Histograms.newHistogram();
        for (int i = 0; i < 777; i++) {
            uniform.recordValue(random.nextLong(60_000_000));
        }
        shapes.add(uniform);

        List<RequestSample> samples = new ArrayList<>();
        Histogram all = Histograms.newHistogram();
        for (int i = 0; i < shapes.size(); i++) {
            samples.add(new RequestSample(new RequestKey("GET", "/shape" + i), shapes.get(i), 0, 0, shapes.get(i),
                    shapes.get(i), 0, 0));
            all.add(shapes.get(i));
        }
        RequestSample aggregated = new RequestSample(new RequestKey("", "Aggregated"), all, 0, 0, all, all, 0, 0);
        IntervalSnapshot snapshot = new IntervalSnapshot(0, 1_000_000_000L, 1, samples, aggregated, 0, 0);
        listeners.forEach(listener -> listener.intervalEnded(snapshot));
        listeners.forEach(RunListener::runEnded);

        CsvFile history = CsvFile.read(reports.resolve("ShapesTestCase/stats_history.csv"));
        shapes.add(all);
        List<String> names = List.of("/shape0", "/shape1", "/shape2", "/shape3", "Aggregated");
        for (int i = 0; i < shapes.size(); i++) {
            Map<String, String> row = history.where("Name", names.get(i)::equals).getLast();
            for (double percentile : PERCENTILES) {
                String column = (percentile == Math.rint(percentile) ? Long.toString((long) percentile)
                        : Double.toString(percentile)) + "%";
                assertThat(Double.parseDouble(row.get(column)))
                        .as("%s of %s", column, names.get(i))
                        .isEqualTo(shapes.get(i).getValueAtPercentile(percentile) / 1000.0);
            }
        }
    }

    @LoadTest(duration = "1s")
    static class ShapesTestCase {

        @Task
        void nothing() {
        }
    }
}
