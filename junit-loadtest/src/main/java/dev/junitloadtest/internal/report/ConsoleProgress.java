package dev.junitloadtest.internal.report;

import java.io.PrintStream;
import java.time.Duration;

import org.HdrHistogram.Histogram;

import dev.junitloadtest.internal.recording.Histograms;
import dev.junitloadtest.internal.recording.IntervalSnapshot;
import dev.junitloadtest.internal.recording.RunClock;
import dev.junitloadtest.internal.recording.RunListener;
import dev.junitloadtest.result.Formats;

/**
 * Prints a line on the console every few seconds while the run goes:
 * <pre>[ApiUserLoadTest] 0:35/2:00  users 200  req/s 1,204.5  p95 85.2 ms  failures 12 (0.1%)</pre>
 * Throughput and p95 are those of the time since the previous line; failures are counted from the start. Always
 * whole lines, never a line redrawn in place: under Maven, Gradle and CI the output is a file, and a log of plain
 * lines stays readable. Called on the sampler thread only. Internal.
 */
final class ConsoleProgress implements RunListener {

    // The sampler's ticks come a little late; a line due at 5 s must not slip to 10 s for a millisecond.
    private static final long TOLERANCE_NANOS = Duration.ofMillis(200).toNanos();

    private final String testName;
    private final String loadModel;
    private final String host;
    private final Duration total;
    private final long everyNanos;
    private final PrintStream out;
    private final Histogram period = Histograms.newHistogram();
    private long periodStartNanos = -1;
    private long nextLineNanos;

    /**
     * A progress printer.
     *
     * @param testName the load test's name, at the start of each line
     * @param loadModel the load in words, for the first line
     * @param host the target, for the first line; may be empty
     * @param total how long the run is planned to last
     * @param every how often a line is printed, at least a second
     * @param out where lines go
     */
    ConsoleProgress(String testName, String loadModel, String host, Duration total, Duration every, PrintStream out) {
        this.testName = testName;
        this.loadModel = loadModel;
        this.host = host;
        this.total = total;
        this.everyNanos = every.toNanos();
        this.out = out;
    }

    @Override
    public void runStarted(RunClock clock) {
        nextLineNanos = everyNanos;
        out.println("[" + testName + "] running " + loadModel + (host.isEmpty() ? "" : " against " + host));
    }

    @Override
    public void intervalEnded(IntervalSnapshot snapshot) {
        if (periodStartNanos < 0) {
            periodStartNanos = snapshot.startOffsetNanos();
        }
        period.add(snapshot.aggregated().interval());
        long now = snapshot.endOffsetNanos();
        if (now + TOLERANCE_NANOS < nextLineNanos) {
            return;
        }
        out.println(line(snapshot));
        period.reset();
        periodStartNanos = -1;
        while (nextLineNanos <= now + TOLERANCE_NANOS) {
            nextLineNanos += everyNanos;
        }
    }

    private String line(IntervalSnapshot snapshot) {
        double seconds = (snapshot.endOffsetNanos() - periodStartNanos) / 1e9;
        long count = period.getTotalCount();
        long requests = snapshot.aggregated().cumulative().getTotalCount();
        long failures = snapshot.aggregated().totalFailures();
        StringBuilder line = new StringBuilder();
        line.append('[').append(testName).append("] ")
                .append(Formats.clock(Duration.ofNanos(snapshot.endOffsetNanos()))).append('/')
                .append(Formats.clock(total))
                // Past the duration, users finish what they started within the stop timeout.
                .append(snapshot.endOffsetNanos() > total.toNanos() + TOLERANCE_NANOS ? " stopping" : "")
                .append("  users ").append(Formats.count(snapshot.users()))
                .append("  req/s ").append(Formats.readableRate(seconds <= 0 ? 0 : count / seconds))
                .append("  p95 ").append(count == 0 ? "-" : Formats.readableMillis(Figures.percentile(period, 95))
                        + " ms")
                .append("  failures ").append(Formats.count(failures))
                .append(" (").append(Formats.percent(requests == 0 ? 0 : (double) failures / requests, 1))
                .append(')');
        if (snapshot.exceptions() > 0) {
            line.append("  exceptions ").append(Formats.count(snapshot.exceptions()));
        }
        if (snapshot.droppedIterations() > 0) {
            line.append("  dropped ").append(Formats.count(snapshot.droppedIterations()));
        }
        return line.toString();
    }
}
