package dev.junitloadtest.sampletarget;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Go's {@code "/volatile"}: one more second of delay every ten requests of the shared counter, up to five; the
 * request after the 5-second step resets the counter. The sleeps are recorded instead of slept, but for one test.
 */
class VolatileRouteTests {

    private final CapturedOutput printed = new CapturedOutput();
    private final RecordingSleeper sleeper = new RecordingSleeper();

    @AutoClose
    final SampleTarget target = SampleTarget.builder().printRequestsTo(printed.stream()).sleeper(sleeper).start();

    @AutoClose
    final Http http = new Http();

    private URI volatileUri() {
        return target.baseUri().resolve("/volatile");
    }

    @Test
    void delayGrowsBySecondEveryTenRequestsUpToFiveThenStartsOver() {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 62; i++) {
            bodies.add(http.get(volatileUri()).body());
        }

        List<String> expected = new ArrayList<>();
        for (int delay = 0; delay <= 5; delay++) {
            expected.addAll(Collections.nCopies(delay == 5 ? 11 : 10, "Produced response after " + delay + " second/s"));
        }
        expected.add("Produced response after 0 second/s"); // counter 60 reset it to 0
        assertThat(bodies).containsExactlyElementsOf(expected);
    }

    @Test
    void sleepsTheDelayOfEachStep() {
        target.setCounter(9);

        for (int i = 0; i < 3; i++) {
            http.get(volatileUri());
        }

        assertThat(sleeper.delays()).containsExactly(1, 1); // no sleep at all for the 0-second step
    }

    @Test
    void fiveSecondStepEndsByResettingTheCounter() {
        target.setCounter(59);

        assertThat(http.get(volatileUri()).body()).isEqualTo("Produced response after 5 second/s");
        assertThat(target.counter()).isEqualTo(60);
        assertThat(http.get(volatileUri()).body()).isEqualTo("Produced response after 5 second/s");
        assertThat(target.counter()).isZero();
        assertThat(sleeper.delays()).containsExactly(5, 5);
    }

    @Test
    void printsGosLineForEveryRequest() {
        target.setCounter(10);

        http.get(volatileUri());

        assertThat(printed.text()).isEqualTo("Produced response after 1 second/s \n");
    }

    @Test
    void sharesTheCounterWithBuggy() {
        http.get(volatileUri());

        HttpResponse<String> buggy = http.get(target.baseUri().resolve("/buggy"));

        assertThat(buggy.body()).isEqualTo("Ok for request 1");
        assertThat(http.get(volatileUri()).body()).isEqualTo("Produced response after 0 second/s");
        assertThat(target.counter()).isEqualTo(3);
    }

    @Test
    void negativeCounterAfterWrapSleepsNotAtAll() {
        target.setCounter(Integer.MIN_VALUE);

        // Go: delay is -214748364, time.Sleep returns at once, and the text says so.
        assertThat(http.get(volatileUri()).body()).isEqualTo("Produced response after -214748364 second/s");
        assertThat(sleeper.delays()).isEmpty();
    }

    @Test
    void trailingSlashIsNotVolatile() {
        target.setCounter(30);

        assertThat(http.get(target.baseUri().resolve("/volatile/")).body()).isEqualTo("Server OK");
        assertThat(target.counter()).isEqualTo(30);
    }
}
