package dev.junitloadtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import dev.junitloadtest.LoadTest;
import dev.junitloadtest.Task;
import dev.junitloadtest.Users;
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
 * The live console line, fed with the sampler's snapshots of a made-up run (100 requests of 10 ms each second, two of
 * them failed, 50 users) so its cadence and figures are exact; the engine tests show it on real runs.
 */
class ConsoleProgressTests {

    @Test
    void printsALineEveryFiveSecondsByDefaultWithThatPeriodsThroughputAndP95() {
        List<String> lines = progress(Map.of(), 12);
        assertThat(lines).containsExactly(
                "[TwoMinutesTestCase] running 50 users started at once for 2m",
                "[TwoMinutesTestCase] 0:05/2:00  users 50  req/s 100.0  p95 10.0 ms  failures 10 (2.0%)",
                "[TwoMinutesTestCase] 0:10/2:00  users 50  req/s 100.0  p95 10.0 ms  failures 20 (2.0%)");
    }

    @Test
    void printsAsOftenAsTheParameterSays() {
        List<String> lines = progress(Map.of("loadtest.console.interval", "2s"), 5);
        assertThat(lines).containsExactly(
                "[TwoMinutesTestCase] running 50 users started at once for 2m",
                "[TwoMinutesTestCase] 0:02/2:00  users 50  req/s 100.0  p95 10.0 ms  failures 4 (2.0%)",
                "[TwoMinutesTestCase] 0:04/2:00  users 50  req/s 100.0  p95 10.0 ms  failures 8 (2.0%)");
    }

    @Test
    void saysStoppingWhenUsersFinishTheirTasksPastTheDuration() {
        List<String> lines = progress(Map.of(), 126);
        assertThat(lines).hasSize(26).endsWith(
                "[TwoMinutesTestCase] 2:00/2:00  users 50  req/s 100.0  p95 10.0 ms  failures 240 (2.0%)",
                "[TwoMinutesTestCase] 2:05/2:00 stopping  users 50  req/s 100.0  p95 10.0 ms  failures 250 (2.0%)");
    }

    @Test
    void printsNothingWhileRunningWhenOff() {
        assertThat(progress(Map.of("loadtest.console.interval", "off"), 12)).isEmpty();
        assertThat(progress(Map.of("loadtest.console.interval", "0s"), 12)).isEmpty();
        assertThat(progress(Map.of("loadtest.console.interval", "0"), 12)).isEmpty();
    }

    @Test
    void showsADashForP95WhenNoRequestEndedAndCountsExceptionsAndDroppedIterations() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<RunListener> listeners = listeners(Map.of("loadtest.console.interval", "1s"), out);
        RunClock clock = RunClock.startingNow();
        listeners.forEach(listener -> listener.runStarted(clock));
        Histogram empty = Histograms.newHistogram();
        RequestSample aggregated = new RequestSample(new RequestKey("", "Aggregated"), empty, 0, 0, empty, empty, 0,
                0);
        IntervalSnapshot snapshot = new IntervalSnapshot(0, 1_000_000_000L, 3, List.of(), aggregated, 7, 1234);
        listeners.forEach(listener -> listener.intervalEnded(snapshot));
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).last().isEqualTo(
                "[TwoMinutesTestCase] 0:01/2:00  users 3  req/s 0.0  p95 -  failures 0 (0.0%)  exceptions 1,234  "
                        + "dropped 7");
    }

    /** The lines printed for {@code seconds} one-second snapshots. */
    private static List<String> progress(Map<String, String> parameters, int seconds) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<RunListener> listeners = listeners(parameters, out);
        RunClock clock = RunClock.startingNow();
        listeners.forEach(listener -> listener.runStarted(clock));
        Histogram cumulative = Histograms.newHistogram();
        long failures = 0;
        for (int second = 1; second <= seconds; second++) {
            Histogram interval = Histograms.newHistogram();
            interval.recordValueWithCount(10_000, 100);
            cumulative.add(interval);
            failures += 2;
            RequestSample aggregated = new RequestSample(new RequestKey("", "Aggregated"), interval, 2, 0,
                    cumulative, cumulative, failures, 0);
            // The sampler ticks a few milliseconds late.
            IntervalSnapshot snapshot = new IntervalSnapshot((second - 1) * 1_000_000_000L + 3_000_000,
                    second * 1_000_000_000L + 3_000_000, 50, List.of(), aggregated, 0, 0);
            listeners.forEach(listener -> listener.intervalEnded(snapshot));
        }
        listeners.forEach(RunListener::runEnded);
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static List<RunListener> listeners(Map<String, String> parameters, ByteArrayOutputStream out) {
        Map<String, String> all = new HashMap<>(parameters);
        all.put("loadtest.report-files", "false");
        LoadProfile profile = new ProfileReader(TwoMinutesTestCase.class, key -> Optional.ofNullable(all.get(key)),
                name -> null).read();
        PrintStream original = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            // The console writer takes System.out when it is created.
            return Reporting.create(TwoMinutesTestCase.class, profile, key -> Optional.ofNullable(all.get(key)),
                    name -> null)
                    .listeners();
        } finally {
            System.setOut(original);
        }
    }

    @LoadTest(duration = "2m")
    @Users(count = 50)
    static class TwoMinutesTestCase {

        @Task
        void nothing() {
        }
    }
}
