package dev.junitloadtest.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.junitloadtest.LoadTest;
import dev.junitloadtest.LoadTestVerdicts;
import dev.junitloadtest.Task;
import dev.junitloadtest.Threshold;
import dev.junitloadtest.Users;
import dev.junitloadtest.WaitTime;
import dev.junitloadtest.http.Http;
import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.samples.SampleTargetExtension;

/**
 * A soak: ten minutes against the sample target, heap measured after a full GC every 30 s. Memory must stay flat
 * with the run's length (interval histograms recycled, the timeline bounded, history streamed to disk) and the
 * result exact. Not part of the default build: {@code mvn -Psoak verify -pl junit-loadtest -am}; shorten it, to 5 minutes at
 * least, with {@code -Dloadtest.duration=5m}.
 */
@Tag("soak")
@LoadTest(duration = "10m", stopTimeout = "10s")
@Users(count = 100, spawnRate = 50)
@WaitTime(min = "20ms", max = "60ms")
@Threshold("failures == 0")
class SoakTests implements LoadTestVerdicts {

    @RegisterExtension
    static final SampleTargetExtension target = new SampleTargetExtension();
    static final List<long[]> HEAP = new CopyOnWriteArrayList<>();
    static Thread sampler;

    @BeforeAll
    static void start() {
        long started = System.nanoTime();
        sampler = Thread.ofPlatform().daemon().name("soak-heap-sampler").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                System.gc();
                long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                HEAP.add(new long[] {(System.nanoTime() - started) / 1_000_000_000L, used});
                System.out.printf(Locale.ROOT, "[soak] %4d s  heap after GC %,7.1f MB%n",
                        (System.nanoTime() - started) / 1_000_000_000L, used / 1e6);
                try {
                    Thread.sleep(Duration.ofSeconds(30));
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    @AfterAll
    static void stop() throws InterruptedException {
        sampler.interrupt();
        sampler.join();
    }

    @Task(weight = 3)
    void home(Http http) {
        http.get("/");
    }

    @Task(weight = 1)
    void order(Http http) {
        http.get("/api/orders/{id}", System.nanoTime() % 1000);
    }

    @Test
    void memoryStaysFlatAndCountsStayExact(LoadTestResult result) {
        assertThat(result.total().count()).isEqualTo(target.target().requestsServed());
        // After the first two minutes (JIT, pools, histograms growing to their range), the heap after GC must not
        // grow with the run's length: compare the first and last third of the later samples.
        List<long[]> settled = HEAP.stream().filter(sample -> sample[0] >= 120).toList();
        assertThat(settled).as("heap samples after 2 minutes (run the soak for 5 minutes at least)")
                .hasSizeGreaterThanOrEqualTo(6);
        int third = settled.size() / 3;
        double early = settled.subList(0, third).stream().mapToLong(s -> s[1]).average().orElseThrow();
        double late = settled.subList(settled.size() - third, settled.size()).stream().mapToLong(s -> s[1]).average()
                .orElseThrow();
        System.out.printf(Locale.ROOT, "[soak] %,d requests, %.1f/s; heap after GC %,.1f MB early, %,.1f MB late%n",
                result.total().count(), result.total().throughput(), early / 1e6, late / 1e6);
        assertThat(late).isLessThan(early * 1.10 + 5_000_000);
    }
}
