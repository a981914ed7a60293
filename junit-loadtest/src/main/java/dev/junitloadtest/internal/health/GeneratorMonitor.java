package dev.junitloadtest.internal.health;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.SingleWriterRecorder;
import org.apiguardian.api.API;

import dev.junitloadtest.internal.recording.Histograms;
import dev.junitloadtest.result.GeneratorHealth;
import dev.junitloadtest.result.LatencyDistribution;

/**
 * Watches the load generator while it runs, on a platform thread of its own: every millisecond it sleeps for one
 * millisecond and records how much longer that took (the JVM's and the operating system's pauses, as jHiccup
 * measures them), and every second it samples the process's CPU time against the cores the JVM may use. Virtual
 * users record how late they wake up into {@link #schedulingLag()}. The verdict's limits are the constants below.
 * Thread-safe. Internal.
 */
@API(status = INTERNAL, since = "0.1")
public final class GeneratorMonitor {

    /** A run is flagged when its CPU was saturated for at least this share of its seconds. */
    static final double SATURATED_SHARE_LIMIT = 0.20;

    /** ... or when the 99th percentile of pauses exceeded this. */
    static final Duration PAUSE_P99_LIMIT = Duration.ofMillis(20);

    /** ... or when one pause exceeded this. */
    static final Duration PAUSE_MAX_LIMIT = Duration.ofMillis(250);

    /** ... or when the 99th percentile of virtual users' lateness exceeded this. */
    static final Duration LAG_P99_LIMIT = Duration.ofMillis(50);

    private static final long TICK_NANOS = 1_000_000;

    private final SingleWriterRecorder pauses = new SingleWriterRecorder(3);
    private final Recorder schedulingLag = Histograms.newRecorder();
    private final Thread thread;
    private final int cores = Runtime.getRuntime().availableProcessors();
    private final List<Double> cpuSamples = new ArrayList<>();
    private volatile boolean running = true;
    private long gcMillisAtStart;

    /** A monitor for the run named {@code name}, not yet started. */
    public GeneratorMonitor(String name) {
        this.thread = Thread.ofPlatform().daemon().name("loadtest-health-" + name).unstarted(this::watch);
    }

    /** Starts watching. */
    public void start() {
        gcMillisAtStart = gcMillis();
        thread.start();
    }

    /** Where virtual users record how late they woke up, in microseconds. */
    public Recorder schedulingLag() {
        return schedulingLag;
    }

    private void watch() {
        long cpuAtLast = processCpuNanos();
        long wallAtLast = System.nanoTime();
        while (running) {
            long before = System.nanoTime();
            LockSupport.parkNanos(TICK_NANOS);
            long after = System.nanoTime();
            pauses.recordValue(Histograms.clamp((after - before - TICK_NANOS) / 1000));
            if (after - wallAtLast >= 1_000_000_000L) {
                long cpu = processCpuNanos();
                if (cpu >= 0 && cpuAtLast >= 0) {
                    double share = (double) (cpu - cpuAtLast) / ((after - wallAtLast) * (double) cores);
                    synchronized (cpuSamples) {
                        cpuSamples.add(Math.max(0, Math.min(1, share)));
                    }
                }
                cpuAtLast = cpu;
                wallAtLast = after;
            }
        }
    }

    /** Stops watching and returns the verdict. */
    public GeneratorHealth finish() throws InterruptedException {
        running = false;
        LockSupport.unpark(thread);
        thread.join();
        Histogram pauseHistogram = pauses.getIntervalHistogram();
        Histogram lagHistogram = schedulingLag.getIntervalHistogram();
        LatencyDistribution pauseDistribution = LatencyDistribution.ofMicros(pauseHistogram);
        LatencyDistribution lagDistribution = LatencyDistribution.ofMicros(lagHistogram);
        List<Double> samples;
        synchronized (cpuSamples) {
            samples = List.copyOf(cpuSamples);
        }
        double average = samples.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double peak = samples.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        long saturated = samples.stream().filter(share -> share >= GeneratorHealth.SATURATED_CPU).count();
        Duration gc = Duration.ofMillis(Math.max(0, gcMillis() - gcMillisAtStart));

        List<String> problems = new ArrayList<>();
        if (!samples.isEmpty() && saturated >= Math.max(1, SATURATED_SHARE_LIMIT * samples.size())) {
            problems.add(String.format(Locale.ROOT, "The load generator's CPU was saturated (>= %.0f%% of its %d "
                    + "core(s)) for %d of %d seconds (average %.0f%%, peak %.0f%%): latencies include time requests "
                    + "waited for the generator itself.", GeneratorHealth.SATURATED_CPU * 100, cores, saturated,
                    samples.size(), average * 100, peak * 100));
        }
        Duration pauseP99 = pauseDistribution.percentile(99);
        Duration pauseMax = pauseDistribution.max();
        if (pauseP99.compareTo(PAUSE_P99_LIMIT) > 0 || pauseMax.compareTo(PAUSE_MAX_LIMIT) > 0) {
            problems.add(String.format(Locale.ROOT, "The load generator paused: p99 %.1f ms, longest %.1f ms "
                    + "(limits %d ms, %d ms; GC %.2f s in all): latencies measured across a pause include it.",
                    pauseP99.toNanos() / 1e6, pauseMax.toNanos() / 1e6, PAUSE_P99_LIMIT.toMillis(),
                    PAUSE_MAX_LIMIT.toMillis(), gc.toNanos() / 1e9));
        }
        Duration lagP99 = lagDistribution.percentile(99);
        if (lagP99.compareTo(LAG_P99_LIMIT) > 0) {
            problems.add(String.format(Locale.ROOT, "Virtual users started their work late: p99 %.1f ms behind "
                    + "schedule (limit %d ms): the generator could not keep its users on time.",
                    lagP99.toNanos() / 1e6, LAG_P99_LIMIT.toMillis()));
        }
        return new GeneratorHealth(cores, average, peak, saturated, samples.size(), pauseDistribution,
                lagDistribution, gc, problems);
    }

    private static long processCpuNanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean withCpu) {
            return withCpu.getProcessCpuTime();
        }
        return -1;
    }

    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }
}
