package dev.junitloadtest.samples.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.junitloadtest.CapacitySearch;
import dev.junitloadtest.LoadTest;
import dev.junitloadtest.LoadTestHost;
import dev.junitloadtest.LoadTestVerdicts;
import dev.junitloadtest.Task;
import dev.junitloadtest.Threshold;
import dev.junitloadtest.http.Http;
import dev.junitloadtest.http.HttpRequest;
import dev.junitloadtest.json.Json;
import dev.junitloadtest.json.JsonValue;
import dev.junitloadtest.samples.LauncherRuns;

/**
 * How many requests per second does one dyno hold at the p95 we want, and so how many dynos for N users? The Heroku
 * load-testing guide asks "How many requests per second can one or more dynos handle?"; the Heroku scaling notes say
 * the autoscaler adds dynos until 95% of requests meet a "Desired p95 Response Time" at the current throughput. A
 * capacity search answers the first with the second's budget: the sample target in a container limited to a quarter
 * of a CPU, then to half a CPU, under an arrival rate raised in steps of 200 iterations/s from 100 (one request each), each
 * step judged after its first half against {@code p95 < 100ms} and {@code failure_rate < 1%}, the breach confirmed
 * by the next two steps (on a machine shared with other builds, a dyno starved for a few seconds is not its limit),
 * and narrowed twice (to 50 iterations/s). The budget is above the longest stall of a CPU quota
 * (75 ms for a quarter CPU, the rest of each 100 ms period once the share is used), so it measures what each dyno
 * serves, not whether it was ever throttled. At most 20 users keep the backlog of a broken step small for the
 * narrowing steps after it.
 *
 * <p>Each search is a load test class of its own (one load model per class), run here through the JUnit Platform
 * launcher with its reports in a temporary directory; the test reads the capacity each found from its
 * {@code summary.json}, as a CI job would from the artefacts. Where the limits lie depends on the machine, so the
 * test asserts only what a dyno's CPU must change: each holds some load, and half a CPU holds more than a quarter.
 */
@RequiresDocker
class DynoCapacityLoadTest {

    @Test
    void halfACpuHoldsMoreThanAQuarter(@TempDir Path reports) throws IOException {
        assertThat(LauncherRuns.failures(Map.of("loadtest.report-dir", reports.toString(),
                "loadtest.report-files", "true"), QuarterCpuDyno.class, HalfCpuDyno.class))
                .as("failures of the searches").isEmpty();

        JsonValue quarter = capacity(reports, QuarterCpuDyno.class);
        JsonValue half = capacity(reports, HalfCpuDyno.class);
        String found = "a quarter CPU: " + quarter.get("description").asText() + "; half a CPU: "
                + half.get("description").asText();
        double quarterRps = quarter.get("requestsPerSecond").asDouble();
        double halfRps = half.get("requestsPerSecond").asDouble();
        assertThat(quarterRps).as(found).isPositive();
        // Twice the CPU holds more. Not necessarily twice as much: the load generator shares the machine and may
        // limit the bigger dyno, and a CPU quota stalls a dyno for the rest of each 100 ms period once it used its
        // share (75 ms for a quarter, 50 for a half), stalls that weigh on a p95 more the smaller the share. A ratio
        // beyond 16 would mean the quarter's search went wrong, not its CPU.
        assertThat(halfRps).as(found).isGreaterThan(quarterRps).isLessThan(quarterRps * 16);
    }

    private static JsonValue capacity(Path reports, Class<?> search) throws IOException {
        Path summary = reports.resolve(search.getSimpleName()).resolve("summary.json");
        return Json.parse(Files.readString(summary)).get("capacity");
    }

    /** The search both dynos run: only the container's CPU differs. */
    @LoadTest(stopTimeout = "2s")
    @CapacitySearch(startRate = 100, rateStep = 200, maxRate = 3100, maxUsers = 20, stepDuration = "2s",
            warmUp = 0.5, budgets = {"p95 < 100ms", "failure_rate < 1%"}, confirmations = 2, narrow = 2)
    @Threshold("capacity_rps >= 50") // a dyno that holds nothing at all fails here, with the step table
    abstract static class DynoSearch implements LoadTestVerdicts {

        static final int HEADERS = 40;
        static final String PADDING = "x".repeat(100);

        /**
         * Warms the dyno up before the search: on a fraction of a CPU its JIT compiles the request path for tens of
         * seconds, on the same CPU quota, and the search's first steps would measure the compiler, not the dyno.
         * Four threads send requests in rounds of a second until a round gets no more than 10% more through than the
         * one before (the compiler is done), for at least 3 rounds and at most 20.
         */
        static void warmUp(URI host) throws InterruptedException {
            HttpClient client = HttpClient.newHttpClient();
            java.net.http.HttpRequest.Builder builder = java.net.http.HttpRequest.newBuilder(host.resolve("/"));
            for (int i = 0; i < HEADERS; i++) {
                builder.header("X-Session-" + i, PADDING);
            }
            java.net.http.HttpRequest home = builder.build();
            long previous = 0;
            for (int round = 1; round <= 20; round++) {
                long served = round(client, home);
                if (round >= 3 && served <= previous * 1.1) {
                    return;
                }
                previous = served;
            }
        }

        /** Sends requests from 4 threads for a second; returns how many were answered. */
        private static long round(HttpClient client, java.net.http.HttpRequest home) throws InterruptedException {
            long end = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            AtomicLong served = new AtomicLong();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                threads.add(Thread.ofPlatform().start(() -> {
                    while (System.nanoTime() < end) {
                        try {
                            client.send(home, HttpResponse.BodyHandlers.discarding());
                            served.incrementAndGet();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join();
            }
            return served.get();
        }

        /**
         * A request as a browser in a long session sends it: 40 headers of 100 characters (cookies, tracking, client
         * hints), 4 KB that the dyno parses on every request. The sample target's {@code GET /} does no work of its
         * own; without them, a quarter of a CPU answers faster than the load generator, on the same machine, asks.
         */
        @Task
        void home(Http http) {
            HttpRequest request = http.request("GET", "/");
            for (int i = 0; i < HEADERS; i++) {
                request.header("X-Session-" + i, PADDING);
            }
            request.send();
        }
    }

    static class QuarterCpuDyno extends DynoSearch {

        @RegisterExtension
        static Dyno dyno = new Dyno(0.25);
    }

    static class HalfCpuDyno extends DynoSearch {

        @RegisterExtension
        static Dyno dyno = new Dyno(0.5);
    }

    /**
     * A dyno for one search class: the sample target in a container with {@code cpus} CPUs and 512 MB, started and
     * warmed up before the class's load, published as its host, and stopped by the class's JUnit store.
     */
    static final class Dyno implements BeforeAllCallback {

        private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Dyno.class);

        private final double cpus;

        Dyno(double cpus) {
            this.cpus = cpus;
        }

        @Override
        public void beforeAll(ExtensionContext context) throws InterruptedException {
            SampleTargetContainer container = new SampleTargetContainer().withCpus(cpus).withMemoryMegabytes(512);
            container.start();
            context.getStore(NAMESPACE).put(SampleTargetContainer.class, (AutoCloseable) container::stop);
            DynoSearch.warmUp(container.baseUri());
            LoadTestHost.publish(context, container.baseUri());
        }
    }
}
