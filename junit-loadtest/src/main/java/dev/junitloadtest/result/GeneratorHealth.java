package dev.junitloadtest.result;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import java.util.List;

import org.HdrHistogram.Histogram;
import org.apiguardian.api.API;

/**
 * {@code GeneratorHealth} says whether the load generator itself (this JVM) kept up during the run, so a result that
 * the generator skewed is not mistaken for the target's: how much CPU it used of the cores it had, how long the JVM
 * paused (garbage collection, safepoints, or the operating system not scheduling it, measured as jHiccup does), and
 * how late virtual users started their work. When one of them crossed its limit, {@link #problems()} says which,
 * with the figures, and the run's warnings repeat it in every output.
 *
 * @param cores the processors the JVM could use
 * @param cpuAverage the process's CPU use over the run, as a fraction of those cores (0 to 1)
 * @param cpuPeak the highest one-second CPU use, as a fraction of the cores
 * @param saturatedSeconds seconds in which CPU use was at or above 90% of the cores
 * @param measuredSeconds seconds measured
 * @param pauses how much longer than 1 ms a 1 ms sleep took, over and over: the JVM's and the OS's pauses
 * @param schedulingLag how late virtual users woke up for their next task, or started an open-model iteration
 * @param gcTime time spent in garbage collection
 * @param problems what was wrong, empty when the generator was healthy
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record GeneratorHealth(int cores, double cpuAverage, double cpuPeak, long saturatedSeconds,
        long measuredSeconds, LatencyDistribution pauses, LatencyDistribution schedulingLag, Duration gcTime,
        List<String> problems) {

    /** CPU use at or above this fraction of the cores counts as saturated. */
    public static final double SATURATED_CPU = 0.90;

    /** Copies the problems. */
    public GeneratorHealth {
        problems = List.copyOf(problems);
    }

    /** Whether the generator kept up: no problem found. */
    public boolean isHealthy() {
        return problems.isEmpty();
    }

    /** Whether anything was measured: false for results not produced by a run. */
    public boolean isMeasured() {
        return pauses.count() > 0 || measuredSeconds > 0;
    }

    /** Nothing measured: for results not produced by a run (built by hand, read back). */
    public static GeneratorHealth unknown() {
        LatencyDistribution none = LatencyDistribution.ofMicros(new Histogram(3));
        return new GeneratorHealth(Runtime.getRuntime().availableProcessors(), 0, 0, 0, 0, none, none, Duration.ZERO,
                List.of());
    }

    /** One line for consoles and reports. */
    public String summary() {
        return String.format(java.util.Locale.ROOT, "%s: CPU %.0f%% of %d core(s) on average (peak %.0f%%), "
                + "pauses p99 %.1f ms (max %.1f ms), scheduling lag p99 %.1f ms, GC %.2f s",
                isHealthy() ? "healthy" : "SKEWED", cpuAverage * 100, cores, cpuPeak * 100,
                pauses.percentile(99).toNanos() / 1e6, pauses.max().toNanos() / 1e6,
                schedulingLag.percentile(99).toNanos() / 1e6, gcTime.toNanos() / 1e9);
    }
}
