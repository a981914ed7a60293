package dev.junitloadtest.internal.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

/**
 * Whatever the sampler's timing against the writers, no sample counts more failures than requests: a failure share
 * over 100% must be impossible to print. Writers record failures as fast as they can (a dead HTTP layer fails every
 * request at once) while the sampler samples every millisecond; every sample is checked, and the final totals are
 * exact.
 */
class SamplerConsistencyTests {

    @Test
    void noSampleCountsMoreFailuresThanRequests() throws InterruptedException {
        Recording recording = new Recording(10, false, new SecretMasker(Set.of()));
        List<long[]> samples = new CopyOnWriteArrayList<>();
        RunListener listener = snapshot -> {
            RequestSample total = snapshot.aggregated();
            samples.add(new long[] {total.cumulative().getTotalCount(), total.totalFailures()});
            for (RequestSample request : snapshot.requests()) {
                samples.add(new long[] {request.cumulative().getTotalCount(), request.totalFailures()});
            }
        };
        Sampler sampler = new Sampler(recording, RunClock.startingNow(), Duration.ofMillis(1), List.of(listener),
                "consistency");
        int perWriter = 400_000;
        sampler.start(RunControl.none());
        Thread[] writers = new Thread[2];
        for (int w = 0; w < writers.length; w++) {
            RequestRecorder recorder = recording.recorder("GET", "/dead-" + w);
            writers[w] = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < perWriter; i++) {
                    recorder.record(1 + i % 1000, 0, 10, "IOReactorShutdownException: I/O reactor has been shut down");
                }
            });
        }
        for (Thread writer : writers) {
            writer.join();
        }
        sampler.finish();

        assertThat(samples).hasSizeGreaterThan(10)
                .allSatisfy(sample -> assertThat(sample[1]).as("failures of %,d requests", sample[0])
                        .isLessThanOrEqualTo(sample[0]));
        Sampler.Totals all = sampler.aggregatedTotals();
        assertThat(all.responseTimes().getTotalCount()).isEqualTo(2L * perWriter);
        assertThat(all.failures()).isEqualTo(2L * perWriter);
        assertThat(all.bytes()).isEqualTo(20L * perWriter);
    }
}
