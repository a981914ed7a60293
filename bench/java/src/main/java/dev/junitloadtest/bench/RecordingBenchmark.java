package dev.junitloadtest.bench;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import dev.junitloadtest.internal.recording.Recording;
import dev.junitloadtest.internal.recording.RunClock;
import dev.junitloadtest.internal.recording.RunControl;
import dev.junitloadtest.internal.recording.SecretMasker;
import dev.junitloadtest.internal.recording.Sampler;

/**
 * What recording one request costs a virtual user: the recorder looked up by method and name, and the latency, bytes
 * and outcome recorded, as {@code VirtualUserImpl.record} does after every request. Run with {@code -prof gc} to see
 * that it allocates nothing. A sampler thread swaps the interval histograms every second meanwhile, as in a run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
public class RecordingBenchmark {

    private Recording recording;
    private Sampler sampler;

    @Setup(Level.Trial)
    public void setUp() {
        recording = new Recording(500, false, new SecretMasker(List.of()));
        for (int i = 0; i < 20; i++) {
            recording.recorder("GET", "/api/v1/items/" + i).record(1000, 0, 100, null);
        }
        sampler = new Sampler(recording, RunClock.startingNow(), Duration.ofSeconds(1), List.of(), "jmh");
        sampler.start(RunControl.none());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        sampler.finish();
    }

    /** A success: lookup, histogram, bytes. */
    @Benchmark
    public void recordSuccess() {
        long micros = 200 + ThreadLocalRandom.current().nextInt(20_000);
        recording.recorder("GET", "/api/v1/items/7", null).record(micros, 0, 9, null);
    }

    /** The same from two threads at once (one per core here), on one request name: the contended case. */
    @Benchmark
    @Threads(2)
    public void recordSuccessTwoThreads() {
        long micros = 200 + ThreadLocalRandom.current().nextInt(20_000);
        recording.recorder("GET", "/api/v1/items/7", null).record(micros, 0, 9, null);
    }

    /** The same from four threads on two cores. */
    @Benchmark
    @Threads(4)
    public void recordSuccessFourThreads() {
        long micros = 200 + ThreadLocalRandom.current().nextInt(20_000);
        recording.recorder("GET", "/api/v1/items/7", null).record(micros, 0, 9, null);
    }

    /** A failure: the histogram, then the count by message. */
    @Benchmark
    public void recordFailure() {
        long micros = 200 + ThreadLocalRandom.current().nextInt(20_000);
        recording.recorder("GET", "/api/v1/items/7", null).record(micros, 0, 0, "HTTP 500 Internal Server Error");
    }

    /** A failure as the engine records one: its message first masked for secrets (a cached lookup). */
    @Benchmark
    public void recordFailureMasked() {
        long micros = 200 + ThreadLocalRandom.current().nextInt(20_000);
        recording.recorder("GET", "/api/v1/items/7", null).record(micros, 0, 0,
                recording.masker().mask("HTTP 500 Internal Server Error", null));
    }
}
