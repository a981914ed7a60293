package dev.junitloadtest.sampletarget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.junitloadtest.sampletarget.SampleTarget.Route;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The embedding API: start, addresses, counters, close. */
class SampleTargetTests {

    @AutoClose
    final Http http = new Http();

    @Test
    void startListensOnLoopbackWithAFreePort() {
        try (SampleTarget target = SampleTarget.start()) {
            assertThat(target.port()).isPositive();
            assertThat(target.address().getAddress().isLoopbackAddress()).isTrue();
            assertThat(target.baseUri()).hasToString("http://127.0.0.1:" + target.port());
            assertThat(http.get(target.baseUri()).body()).isEqualTo("Server OK");
        }
    }

    @Test
    void startsWithCounterAndServedCountsAtZero() {
        try (SampleTarget target = SampleTarget.start()) {
            assertThat(target.counter()).isZero();
            assertThat(target.requestsServed()).isZero();
            for (Route route : Route.values()) {
                assertThat(target.requestsServed(route)).isZero();
            }
        }
    }

    @Test
    void wildcardBindServesOnLoopback() throws IOException {
        try (SampleTarget target = SampleTarget.builder().bindAddress(InetAddress.getByName("0.0.0.0")).start()) {
            assertThat(target.baseUri()).hasToString("http://127.0.0.1:" + target.port());
            assertThat(http.get(target.baseUri()).body()).isEqualTo("Server OK");
        }
    }

    @Test
    void portOutOfRangeIsRejected() {
        assertThatThrownBy(() -> SampleTarget.builder().port(65_536).start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("`port` must be from 0 to 65535, but was 65536.");
    }

    @Test
    void portInUseFailsWithTheAddress() {
        try (SampleTarget first = SampleTarget.start()) {
            assertThatThrownBy(() -> SampleTarget.builder().port(first.port()).start())
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessage("sample-target cannot listen on 127.0.0.1:" + first.port() + ": Address already in use");
        }
    }

    @Test
    void requestsServedIsNotResetWithTheCounter() {
        try (SampleTarget target = SampleTarget.start()) {
            http.get(target.baseUri().resolve("/buggy"));

            target.resetCounter();

            assertThat(target.requestsServed()).isEqualTo(1);
            assertThat(target.requestsServed(Route.BUGGY)).isEqualTo(1);
        }
    }

    @Test
    void instancesStartedTogetherAreIndependent() throws Exception {
        List<SampleTarget> targets = new ArrayList<>();
        try (ExecutorService starters = Executors.newFixedThreadPool(8)) {
            List<Future<SampleTarget>> started = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                started.add(starters.submit(() -> SampleTarget.start()));
            }
            for (Future<SampleTarget> future : started) {
                targets.add(future.get());
            }
        }
        try {
            for (int i = 0; i < targets.size(); i++) {
                targets.get(i).setCounter(i * 5 + 1);
            }
            for (int i = 0; i < targets.size(); i++) {
                assertThat(http.get(targets.get(i).baseUri().resolve("/buggy")).body()).isEqualTo("Ok for request " + (i * 5 + 1));
                assertThat(targets.get(i).requestsServed()).isEqualTo(1);
            }
            assertThat(targets.stream().map(SampleTarget::port).distinct()).hasSize(16);
        } finally {
            targets.forEach(SampleTarget::close);
        }
    }

    @Test
    void closeCutsASleepingVolatileRequestPromptly() {
        SampleTarget target = SampleTarget.start();
        target.setCounter(50); // a 5-second delay
        CompletableFuture<HttpResponse<String>> response = http.getAsync(target.baseUri().resolve("/volatile"));
        await().until(() -> target.requestsServed(Route.VOLATILE) == 1);

        long start = System.nanoTime();
        target.close();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(response).failsWithin(5, TimeUnit.SECONDS)
                .withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(IOException.class);
    }

    @Test
    void closedTargetRefusesConnections() {
        SampleTarget target = SampleTarget.start();
        target.close();

        assertThatThrownBy(() -> http.get(target.baseUri())).hasCauseInstanceOf(ConnectException.class);
    }

    @Test
    void closeIsIdempotent() {
        SampleTarget target = SampleTarget.start();
        target.close();
        target.close();

        assertThat(target.requestsServed()).isZero();
    }
}
