package dev.junitloadtest.internal.report;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import dev.junitloadtest.internal.recording.IntervalSnapshot;
import dev.junitloadtest.internal.recording.RequestKey;
import dev.junitloadtest.internal.recording.RequestSample;
import dev.junitloadtest.internal.recording.RunClock;
import dev.junitloadtest.internal.recording.RunListener;

/**
 * Streams the run's response times to an HdrHistogram interval log ({@code .hlog}), readable by HdrHistogram's
 * {@code HistogramLogReader} and {@code HistogramLogProcessor}: each interval, one untagged histogram of all requests
 * and one tagged histogram per request name that had requests in it. Values are microseconds; the log's max column is
 * in milliseconds; timestamps are seconds from the run's start (its {@code BaseTime}). A tag is the method and the
 * name joined by a colon, with the characters a log line cannot hold in a tag percent-encoded (see {@link #tag}).
 * Written and flushed interval by interval, so memory stays flat however long the run. Called on the sampler thread
 * only. Internal.
 */
final class HistogramLog implements RunListener {

    /** Values are microseconds; dividing by this gives the milliseconds of the log's max column. */
    private static final double MICROS_PER_MILLI = 1000.0;

    private final Path file;
    private final String testName;
    private final Set<String> tagsSeen = new HashSet<>();
    private PrintStream stream;
    private HistogramLogWriter writer;

    HistogramLog(Path file, String testName) {
        this.file = file;
        this.testName = testName;
    }

    @Override
    public void runStarted(RunClock clock) {
        try {
            Files.createDirectories(file.getParent());
            stream = new PrintStream(new BufferedOutputStream(Files.newOutputStream(file)), false,
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create " + file, e);
        }
        writer = new HistogramLogWriter(stream);
        writer.outputComment("[junit-loadtest response times of " + testName + ": values in microseconds, "
                + "max column in milliseconds, timestamps in seconds from BaseTime]");
        writer.outputComment("[Untagged: all requests. Tag=METHOD:name: one request name, with space, comma, "
                + "percent sign and line breaks percent-encoded]");
        writer.outputLogFormatVersion();
        long startMillis = clock.startInstant().toEpochMilli();
        writer.outputStartTime(startMillis);
        writer.outputBaseTime(startMillis);
        writer.outputLegend();
        check();
    }

    @Override
    public void intervalEnded(IntervalSnapshot snapshot) {
        double start = snapshot.startOffsetNanos() / 1e9;
        double end = snapshot.endOffsetNanos() / 1e9;
        writer.outputIntervalHistogram(start, end, snapshot.aggregated().interval(), MICROS_PER_MILLI);
        for (RequestSample sample : snapshot.requests()) {
            if (sample.interval().getTotalCount() == 0) {
                continue;
            }
            String tag = tag(sample.key());
            if (tagsSeen.add(tag)) {
                writer.outputComment("[Tag " + tag + " is request " + oneLine(sample.key().toString()) + "]");
            }
            // The writer takes the tag from the histogram. Copying each histogram to tag the copy cost more than the
            // rest of the log together; the sampler's own is tagged for this call only (listeners run one at a time,
            // and the tag is no part of what the sampler or the timeline read from it).
            Histogram interval = sample.interval();
            interval.setTag(tag);
            try {
                writer.outputIntervalHistogram(start, end, interval, MICROS_PER_MILLI);
            } finally {
                interval.setTag(null);
            }
        }
        check();
    }

    @Override
    public void runEnded() {
        close();
    }

    /** Closes the log; harmless when it is closed or was never opened. */
    void close() {
        if (stream != null) {
            stream.close();
            stream = null;
        }
    }

    /**
     * The tag of {@code key}'s histograms: {@code GET:/orders/{id}}. A log line is split at spaces, commas and line
     * breaks, so those are percent-encoded, and so is the percent sign to keep the tag reversible.
     */
    static String tag(RequestKey key) {
        // The first colon ends the method, so a colon in the method (never in an HTTP method) is encoded too.
        return encode(key.method()).replace(":", "%3A") + ":" + encode(key.name());
    }

    private static String encode(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case ' ' -> out.append("%20");
                case ',' -> out.append("%2C");
                case '%' -> out.append("%25");
                case '\r' -> out.append("%0D");
                case '\n' -> out.append("%0A");
                case '\t' -> out.append("%09");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String oneLine(String text) {
        return text.replace('\r', ' ').replace('\n', ' ');
    }

    private void check() {
        stream.flush();
        if (stream.checkError()) {
            throw new UncheckedIOException(new IOException("Could not write " + file));
        }
    }
}
