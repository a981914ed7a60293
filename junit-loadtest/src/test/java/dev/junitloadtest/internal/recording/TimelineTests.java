package dev.junitloadtest.internal.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * The history behind stats_history.csv, the charts and windowed thresholds stays bounded however long a run lasts:
 * past {@link Timeline#MAX_ENTRIES} intervals, neighbours merge into intervals twice as long, and not one request,
 * failure or byte is lost in the merging. A soak of ten minutes only just fills the timeline at one-second
 * intervals, so the merging is proven here, with 25 minutes of intervals.
 */
class TimelineTests {

    static final long SECOND = 1_000_000_000L;
    static final RequestKey HOME = new RequestKey("GET", "/");
    static final RequestKey BUGGY = new RequestKey("GET", "/buggy");

    @Test
    void aLongRunKeepsAtMostMaxEntriesAndLosesNoRequest() {
        Timeline timeline = new Timeline();
        int seconds = 1500;
        long requests = 0;
        long failures = 0;
        long bytes = 0;
        for (int i = 0; i < seconds; i++) {
            // Second i sends i + 1 requests to "/", every third second also some to "/buggy", one in five failing.
            Histogram home = histogram(i + 1, 1000 + i);
            Histogram buggy = histogram(i % 3 == 0 ? 5 : 0, 50_000);
            long buggyFailures = buggy.getTotalCount() / 5;
            timeline.add(new IntervalSnapshot(i * SECOND, (i + 1) * SECOND, i % 100, List.of(
                    new RequestSample(HOME, home, 0, 9 * home.getTotalCount(), null, null, 0, 0),
                    new RequestSample(BUGGY, buggy, buggyFailures, 20 * buggy.getTotalCount(), null, null, 0, 0)),
                    null, 0, 0));
            requests += home.getTotalCount() + buggy.getTotalCount();
            failures += buggyFailures;
            bytes += 9 * home.getTotalCount() + 20 * buggy.getTotalCount();
        }
        timeline.close();

        List<Timeline.Entry> entries = timeline.entries();
        // 601 one-second entries became 300 of 2 s; at 1,201 s, 300 + 301 became 300 of 4 s; then 75 more of 4 s.
        assertThat(entries).hasSize(375);
        assertThat(entries.getFirst().startNanos()).isZero();
        assertThat(entries.getLast().endNanos()).isEqualTo(seconds * SECOND);
        for (int i = 0; i < entries.size(); i++) {
            Timeline.Entry entry = entries.get(i);
            assertThat(entry.endNanos() - entry.startNanos()).as("length of entry %d", i).isEqualTo(4 * SECOND);
            if (i > 0) {
                assertThat(entry.startNanos()).as("start of entry %d", i).isEqualTo(entries.get(i - 1).endNanos());
            }
            // Users are those at the end of the entry's last second.
            assertThat(entry.users()).as("users of entry %d", i).isEqualTo((int) ((entry.endNanos() / SECOND - 1) % 100));
            entry.slices().forEach((key, slice) -> assertThat(Histograms.decompress(slice.histogram()).getTotalCount())
                    .as("histogram of %s in entry %d", key, entry).isEqualTo(slice.count()));
        }
        assertThat(entries.stream().flatMap(entry -> entry.slices().values().stream())
                .mapToLong(Timeline.Slice::count).sum()).isEqualTo(requests);
        assertThat(entries.stream().flatMap(entry -> entry.slices().values().stream())
                .mapToLong(Timeline.Slice::failures).sum()).isEqualTo(failures);
        assertThat(entries.stream().flatMap(entry -> entry.slices().values().stream())
                .mapToLong(Timeline.Slice::bytes).sum()).isEqualTo(bytes);
        // The first 4 s hold seconds 0 to 3 of "/": 1 + 2 + 3 + 4 requests, of 1,000 to 1,003 µs.
        Histogram first = Histograms.decompress(entries.getFirst().slices().get(HOME).histogram());
        assertThat(first.getTotalCount()).isEqualTo(10);
        assertThat(first.getMinValue()).isEqualTo(1000);
        assertThat(first.getMaxValue()).isEqualTo(1003);
    }

    @Test
    void aRunShorterThanMaxEntriesKeepsEveryInterval() {
        Timeline timeline = new Timeline();
        for (int i = 0; i < Timeline.MAX_ENTRIES; i++) {
            timeline.add(new IntervalSnapshot(i * SECOND, (i + 1) * SECOND, 7,
                    List.of(new RequestSample(HOME, histogram(3, 500), 1, 30, null, null, 0, 0)), null, 0, 0));
        }
        timeline.close();

        assertThat(timeline.entries()).hasSize(Timeline.MAX_ENTRIES)
                .allSatisfy(entry -> assertThat(entry.endNanos() - entry.startNanos()).isEqualTo(SECOND))
                .allSatisfy(entry -> assertThat(entry.slices().get(HOME).count()).isEqualTo(3));
    }

    static Histogram histogram(int count, long micros) {
        Histogram histogram = Histograms.newHistogram();
        for (int i = 0; i < count; i++) {
            histogram.recordValue(micros);
        }
        return histogram;
    }
}
