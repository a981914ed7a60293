package dev.junitloadtest.internal.recording;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Base64;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apiguardian.api.API;

import dev.junitloadtest.result.LatencyDistribution;
import dev.junitloadtest.result.ResultBuilder;

/**
 * The one place that decides how latencies are kept: microseconds, in HdrHistograms of three significant digits that
 * grow to the range actually recorded. Three digits keep every value within 0.1% (1 ms at 1 s); the plain (not packed)
 * layout keeps recording at a few atomic increments and the sampler's per-interval work at microseconds per request
 * name. Packed or four-digit histograms were measured: packed ones cost the sampler a full scan of their virtual
 * buckets (milliseconds per name per second), four-digit plain ones cost megabytes per name. Internal.
 */
@API(status = INTERNAL, since = "0.1")
public final class Histograms {

    /** Significant decimal digits of every latency histogram: those the results promise. */
    public static final int SIGNIFICANT_DIGITS = LatencyDistribution.SIGNIFICANT_DIGITS;

    /** Largest latency recorded as itself (one hour, in microseconds); longer ones are recorded as this. */
    public static final long MAX_TRACKED_MICROS = 3_600_000_000L;

    private Histograms() {
    }

    /** A wait-free recorder for many writer threads. */
    public static Recorder newRecorder() {
        return new Recorder(SIGNIFICANT_DIGITS);
    }

    /** An empty histogram owned by one thread. */
    public static Histogram newHistogram() {
        return new Histogram(SIGNIFICANT_DIGITS);
    }

    /** Clamps a measured latency into the recordable range. */
    public static long clamp(long micros) {
        return micros < 0 ? 0 : Math.min(micros, MAX_TRACKED_MICROS);
    }

    /** {@code histogram} compressed, for keeping many intervals in little memory. */
    public static byte[] compress(Histogram histogram) {
        return ResultBuilder.compress(histogram);
    }

    /** A histogram decompressed from {@link #compress(Histogram)}'s bytes. */
    public static Histogram decompress(byte[] bytes) {
        return ResultBuilder.decompress(bytes);
    }

    /** {@code histogram} compressed and base64-encoded, as HdrHistogram's log lines hold one. */
    public static String base64(Histogram histogram) {
        return Base64.getEncoder().encodeToString(compress(histogram));
    }

    /** A histogram decoded from {@link #base64(Histogram)}'s text. */
    public static Histogram fromBase64(String base64) {
        return decompress(Base64.getDecoder().decode(base64));
    }
}
