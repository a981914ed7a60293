package dev.junitloadtest.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import dev.junitloadtest.internal.recording.Histograms;

/** How a result is assembled and what its windows and distributions hand out. */
class ResultWindowTests {

    private static final RunProfile PROFILE = new RunProfile("WindowTestCase", "10 iterations/s for 2s", List.of(),
            Duration.ofSeconds(2), Duration.ofSeconds(30), "", "test", 1, List.of());

    @Test
    void aWindowOfAnOpenModelRunKeepsTheServiceTimesOfItsIntervals() {
        // Open model: responses include how late each iteration started (1 ms), service times do not.
        Histogram late = micros(1100, 1200);
        Histogram onTime = micros(100, 200);
        LoadTestResult result = new ResultBuilder(PROFILE, Instant.EPOCH, Duration.ofSeconds(2))
                .request("GET", "/", late, onTime, 0, 0)
                .intervalRequest("GET", "/", Histograms.compress(late), Histograms.compress(onTime), 2, 0, 0)
                .interval(Duration.ZERO, Duration.ofSeconds(1), 1)
                .intervalRequest("GET", "/", Histograms.compress(micros(1300)), Histograms.compress(micros(300)), 1, 0, 0)
                .interval(Duration.ofSeconds(1), Duration.ofSeconds(2), 1)
                .build();

        RequestStats second = result.from(Duration.ofSeconds(1)).request("GET /").orElseThrow();

        assertThat(second.responseTimes().max()).isEqualTo(Duration.ofNanos(1_300_000));
        assertThat(second.serviceTimes().max()).isEqualTo(Duration.ofNanos(300_000));
        assertThat(result.between(Duration.ZERO, Duration.ofSeconds(1)).total().serviceTimes().max())
                .isEqualTo(Duration.ofNanos(200_000));
    }

    @Test
    void aWindowOfAClosedModelRunHasItsResponseTimesAsServiceTimes() {
        Histogram times = micros(100, 200);
        LoadTestResult result = new ResultBuilder(PROFILE, Instant.EPOCH, Duration.ofSeconds(1))
                .request("GET", "/", times, times, 0, 0)
                .intervalRequest("GET", "/", Histograms.compress(times), null, 2, 0, 0)
                .interval(Duration.ZERO, Duration.ofSeconds(1), 1)
                .build();

        RequestStats window = result.between(Duration.ZERO, Duration.ofMillis(500)).request("GET /").orElseThrow();

        assertThat(window.serviceTimes().histogram()).isEqualTo(window.responseTimes().histogram());
        assertThat(window.serviceTimes().count()).isEqualTo(2);
    }

    @Test
    void aHistogramHandedOutIsACopy() {
        Histogram times = micros(100);
        LatencyDistribution distribution = LatencyDistribution.ofMicros(times);
        times.recordValue(5_000_000);

        distribution.histogram().recordValue(9_000_000);

        assertThat(distribution.count()).isEqualTo(1);
        assertThat(distribution.max()).isEqualTo(Duration.ofNanos(100_000));
    }

    @Test
    void aBuiltResultDoesNotChangeWithItsBuilder() {
        ResultBuilder builder = new ResultBuilder(PROFILE, Instant.EPOCH, Duration.ofSeconds(1))
                .intervalRequest("GET", "/", Histograms.compress(micros(100)), null, 1, 0, 0)
                .interval(Duration.ZERO, Duration.ofSeconds(1), 1)
                .warning("first");
        LoadTestResult result = builder.build();

        builder.warning("second").interval(Duration.ofSeconds(1), Duration.ofSeconds(2), 1);

        assertThat(result.warnings()).containsExactly("first");
        assertThat(result.from(Duration.ZERO).history()).hasSize(1);
    }

    /** Values below 2,048 µs, which a three-digit histogram keeps exactly. */
    private static Histogram micros(long... values) {
        Histogram histogram = Histograms.newHistogram();
        for (long value : values) {
            histogram.recordValue(value);
        }
        return histogram;
    }
}
