package dev.junitloadtest.sampletarget;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The one real sleep of the suite: {@code /volatile} at counter 10 answers after one second. */
class RealDelayTests {

    @AutoClose
    final SampleTarget target = SampleTarget.start();

    @AutoClose
    final Http http = new Http();

    @Test
    void oneSecondStepTakesOneSecond() {
        target.setCounter(10);
        long start = System.nanoTime();

        HttpResponse<String> response = http.get(target.baseUri().resolve("/volatile"));

        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        assertThat(response.body()).isEqualTo("Produced response after 1 second/s");
        assertThat(elapsed).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(4));
    }
}
