package dev.junitloadtest.internal.recording;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.apiguardian.api.API;

/**
 * The run's intervals, kept compressed so figures for any part of the run (the steady state after a ramp, one stage)
 * can be computed after it ended. Memory stays bounded whatever the run's length: past {@link #MAX_ENTRIES} entries,
 * neighbours are merged two by two and later intervals are gathered to the coarser resolution. Used by the sampler
 * thread only while the run goes, read-only after. Internal.
 */
@API(status = INTERNAL, since = "0.1")
public final class Timeline {

    /** Most entries kept; a 10-minute run at one-second intervals fits at full resolution. */
    public static final int MAX_ENTRIES = 600;

    private final List<Entry> entries = new ArrayList<>();
    private long resolutionNanos;
    private Entry pending;

    /** Adds the interval of {@code snapshot}. */
    void add(IntervalSnapshot snapshot) {
        Map<RequestKey, Slice> slices = new HashMap<>();
        for (RequestSample sample : snapshot.requests()) {
            // A request's failure can be counted one interval after its time (see Sampler): keep such a slice, or
            // the history would lose the failure.
            if (sample.interval().getTotalCount() > 0 || sample.intervalFailures() > 0 || sample.intervalBytes() > 0) {
                // Closed model: service times are the response times, kept once.
                byte[] service = sample.serviceInterval() == sample.interval() ? null
                        : Histograms.compress(sample.serviceInterval());
                slices.put(sample.key(), new Slice(Histograms.compress(sample.interval()), service,
                        sample.interval().getTotalCount(), sample.intervalFailures(), sample.intervalBytes()));
            }
        }
        Entry entry = new Entry(snapshot.startOffsetNanos(), snapshot.endOffsetNanos(), snapshot.users(), slices);
        pending = pending == null ? entry : merge(pending, entry);
        if (pending.endNanos() - pending.startNanos() + 1_000_000 >= resolutionNanos) {
            entries.add(pending);
            pending = null;
            if (entries.size() > MAX_ENTRIES) {
                coarsen();
            }
        }
    }

    /** Files an interval still being gathered to the current resolution; called once the run is over. */
    void close() {
        if (pending != null) {
            entries.add(pending);
            pending = null;
        }
    }

    /** The entries, oldest first. */
    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    // Called with no interval pending. An odd entry out goes back to pending, where the next intervals join it, so
    // that every entry keeps the same length (a lone short entry would later merge into an odd-length one).
    private void coarsen() {
        if (entries.size() % 2 == 1) {
            pending = entries.removeLast();
        }
        List<Entry> merged = new ArrayList<>();
        for (int i = 0; i < entries.size(); i += 2) {
            merged.add(merge(entries.get(i), entries.get(i + 1)));
        }
        entries.clear();
        entries.addAll(merged);
        Entry first = entries.getFirst();
        resolutionNanos = Math.max(resolutionNanos * 2, first.endNanos() - first.startNanos());
    }

    private static Entry merge(Entry earlier, Entry later) {
        Map<RequestKey, Slice> slices = new HashMap<>(earlier.slices());
        later.slices().forEach((key, slice) -> slices.merge(key, slice, Timeline::merge));
        return new Entry(earlier.startNanos(), later.endNanos(), later.users(), slices);
    }

    private static Slice merge(Slice a, Slice b) {
        byte[] service = a.serviceHistogram() == null && b.serviceHistogram() == null ? null
                : sum(a.serviceTimes(), b.serviceTimes());
        return new Slice(sum(a.histogram(), b.histogram()), service, a.count() + b.count(),
                a.failures() + b.failures(), a.bytes() + b.bytes());
    }

    private static byte[] sum(byte[] a, byte[] b) {
        Histogram sum = Histograms.decompress(a);
        sum.add(Histograms.decompress(b));
        return Histograms.compress(sum);
    }

    /** One or more merged intervals: when, how many users at its end, and each request name's figures. */
    public record Entry(long startNanos, long endNanos, int users, Map<RequestKey, Slice> slices) {

        /** Copies the slices. */
        public Entry {
            slices = Map.copyOf(slices);
        }
    }

    /**
     * One request name's figures in an entry, the histograms (µs) compressed.
     *
     * @param histogram response times
     * @param serviceHistogram plain service times, or {@code null} when they are the response times (closed model)
     * @param count requests
     * @param failures failed requests
     * @param bytes response body bytes
     */
    public record Slice(byte[] histogram, byte[] serviceHistogram, long count, long failures, long bytes) {

        /** The service times: {@link #serviceHistogram()}, or the response times when there are none apart. */
        public byte[] serviceTimes() {
            return serviceHistogram == null ? histogram : serviceHistogram;
        }
    }
}
