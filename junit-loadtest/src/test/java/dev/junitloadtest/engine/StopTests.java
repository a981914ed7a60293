package dev.junitloadtest.engine;

import static dev.junitloadtest.EngineRuns.run;
import static dev.junitloadtest.EngineRuns.runLoad;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.junitloadtest.FixtureRun;
import dev.junitloadtest.LoadTest;
import dev.junitloadtest.OnStop;
import dev.junitloadtest.Task;
import dev.junitloadtest.Users;
import dev.junitloadtest.http.Http;
import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.result.RequestStats;
import dev.junitloadtest.result.StopReason;
import dev.junitloadtest.samples.SampleTargetExtension;
import dev.junitloadtest.sampletarget.SampleTarget;

/** The end of a run: in-flight work gets the stop timeout, then is cut; what reached the target is counted; nothing is left. */
class StopTests {

    static final Set<Thread> USER_THREADS = ConcurrentHashMap.newKeySet();

    @Test
    void requestsCutByTheStopTimeoutAreCountedExactlyAsTheTargetSawThem() {
        USER_THREADS.clear();
        long started = System.nanoTime();
        FixtureRun run = runLoad(CutTestCase.class);
        run.testEvents().assertStatistics(stats -> stats.failed(0));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        LoadTestResult result = run.result();
        RequestStats slow = result.request("GET /volatile").orElseThrow();
        // Every /volatile answer takes 3 s and the run lasts 1 s, so every request was in flight at the end: each
        // reached the target (which counted it), each was cut by the 300 ms stop timeout, and each is counted.
        assertThat(slow.count()).isEqualTo(servedVolatile()).isEqualTo(6);
        assertThat(slow.failures()).isEqualTo(6);
        assertThat(result.failures()).singleElement().satisfies(failure -> assertThat(failure.error())
                .isEqualTo("Cancelled: the run stopped before the response arrived"));
        assertThat(CutTestCase.stops).as("@OnStop ran for every user after the cut").hasSize(6);
        assertThat(took).isLessThan(Duration.ofSeconds(3));
        assertThat(USER_THREADS).hasSize(6).noneMatch(Thread::isAlive);
    }

    @Test
    void inFlightWorkWithinTheStopTimeoutCompletes() {
        FixtureRun run = runLoad(GracefulTestCase.class);
        run.testEvents().assertStatistics(stats -> stats.failed(0));

        RequestStats slow = run.result().request("GET /volatile").orElseThrow();
        assertThat(slow.count()).isEqualTo(servedVolatile()).isEqualTo(4);
        assertThat(slow.failures()).isZero();
        assertThat(run.result().elapsed()).isGreaterThan(Duration.ofMillis(1900));
    }

    @Test
    void nothingOfTheRunIsLeftAfterTheClass() throws IOException {
        USER_THREADS.clear();
        run(GracefulTestCase.class).testEvents().assertStatistics(stats -> stats.failed(0));

        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .noneMatch(name -> name.startsWith("loadtest-"));
        assertThat(USER_THREADS).isNotEmpty().noneMatch(Thread::isAlive);
        assertThat(establishedConnectionsTo(GracefulTestCase.target.target().port())).isZero();
    }

    @Test
    void aClassTimeoutEndsTheRunPromptlyWithPartialResults() {
        long started = System.nanoTime();
        FixtureRun results = runLoad(TimeoutTestCase.class);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).isLessThan(Duration.ofSeconds(5));
        LoadTestResult result = results.result();
        assertThat(result.stopReason()).hasValue("stopped by @Timeout(1 seconds) after 1s");
        assertThat(result.stop()).map(StopReason::kind).hasValue(StopReason.Kind.TIME_LIMIT);
        assertThat(result.total().count()).isPositive();
        results.containerEvents().failed().assertThatEvents().singleElement().satisfies(event ->
                assertThat(event.getTestDescriptor().getDisplayName()).startsWith("load run"));
    }

    @Test
    void anInterruptedRunEndsPromptlyWithPartialResults() throws InterruptedException {
        AtomicReference<FixtureRun> run = new AtomicReference<>();
        Thread runner = Thread.ofPlatform().start(() -> run.set(runLoad(LongTestCase.class)));
        await(() -> LongTestCase.requests.get() > 20);
        long interrupted = System.nanoTime();
        runner.interrupt();
        runner.join(TimeUnit.SECONDS.toMillis(10));

        assertThat(runner.isAlive()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - interrupted)).isLessThan(Duration.ofSeconds(5));
        assertThat(run.get().result().stopReason()).hasValue("interrupted");
        assertThat(run.get().result().stop()).map(StopReason::kind).hasValue(StopReason.Kind.INTERRUPTED);
        assertThat(run.get().result().total().count()).isPositive();
    }

    @Test
    void twoLoadTestsRunInParallelWithoutSharingState() {
        FixtureRun results = runLoad(Map.of("junit.jupiter.execution.parallel.enabled", "true",
                // Class templates (every @LoadTest class) follow mode.default, not mode.classes.default.
                "junit.jupiter.execution.parallel.mode.default", "concurrent"),
                ParallelATestCase.class, ParallelBTestCase.class);

        results.testEvents().assertStatistics(stats -> stats.failed(0).succeeded(4));
        assertThat(ParallelATestCase.overlap.get()).as("the two runs overlapped in time").isTrue();
        assertThat(results.result(ParallelATestCase.class).requests()).extracting(RequestStats::key)
                .containsExactly("GET /");
        assertThat(results.result(ParallelBTestCase.class).requests()).extracting(RequestStats::key)
                .containsExactly("GET /buggy");
    }

    // Helpers

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met in 10 s");
            }
            Thread.sleep(10);
        }
    }

    /** Client sockets to {@code port} still established, from the kernel's table (Linux). */
    private static long establishedConnectionsTo(int port) throws IOException {
        Path table = Path.of("/proc/self/net/tcp");
        assumeTrue(Files.isReadable(table), "needs Linux's /proc/self/net/tcp to see open sockets");
        String remote = String.format(Locale.ROOT, ":%04X", port);
        List<String> lines = Files.readAllLines(table);
        // Columns: sl local_address rem_address st ...; state 01 is ESTABLISHED.
        return lines.stream().skip(1).map(String::trim).map(line -> line.split("\\s+"))
                .filter(columns -> columns[2].endsWith(remote) && columns[3].equals("01")).count();
    }

    // Fixtures

    /** What the target of the fixture that ran last served on {@code /volatile}. */
    private static long servedVolatile() {
        return OnSampleTarget.target.target().requestsServed(SampleTarget.Route.VOLATILE);
    }

    abstract static class OnSampleTarget {
        @RegisterExtension
        static final SampleTargetExtension target = new SampleTargetExtension();
    }

    @LoadTest(duration = "1s", stopTimeout = "300ms")
    @Users(count = 6)
    static class CutTestCase extends OnSampleTarget {
        static final Set<Integer> stops = ConcurrentHashMap.newKeySet();

        @BeforeAll
        static void slowDown(SampleTarget target) {
            // /volatile waits counter/10 s: from 30 on, each answer takes 3 s.
            target.setCounter(30);
            stops.clear();
        }

        @Task
        void slow(Http http) {
            USER_THREADS.add(Thread.currentThread());
            http.get("/volatile");
        }

        @OnStop
        void stopped(dev.junitloadtest.VirtualUser user) {
            stops.add(user.id());
        }
    }

    @LoadTest(duration = "1s", stopTimeout = "5s")
    @Users(count = 4)
    static class GracefulTestCase extends OnSampleTarget {
        @BeforeAll
        static void slowDown(SampleTarget target) {
            // Each answer takes 2 s: in flight when the 1 s run ends, finished within the 5 s stop timeout.
            target.setCounter(20);
        }

        @Task
        void slow(Http http, dev.junitloadtest.VirtualUser user) {
            USER_THREADS.add(Thread.currentThread());
            http.get("/volatile");
            user.stop();
        }
    }

    @LoadTest(duration = "30s")
    @Users(count = 4)
    @Timeout(1)
    static class TimeoutTestCase extends OnSampleTarget {
        @Task
        void home(Http http) throws InterruptedException {
            http.get("/");
            Thread.sleep(10);
        }
    }

    @LoadTest(duration = "60s")
    @Users(count = 4)
    static class LongTestCase extends OnSampleTarget {
        static final java.util.concurrent.atomic.AtomicLong requests = new java.util.concurrent.atomic.AtomicLong();

        @Task
        void home(Http http) throws InterruptedException {
            http.get("/");
            requests.incrementAndGet();
            Thread.sleep(10);
        }
    }

    @LoadTest(duration = "1500ms")
    @Users(count = 3)
    static class ParallelATestCase {
        static final java.util.concurrent.atomic.AtomicBoolean overlap = new java.util.concurrent.atomic.AtomicBoolean();
        static final java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean();
        @RegisterExtension
        static final SampleTargetExtension target = new SampleTargetExtension();

        @BeforeAll
        static void start() {
            overlap.set(false);
        }

        @Task
        void home(Http http) throws InterruptedException {
            running.set(true);
            if (ParallelBTestCase.running.get()) {
                overlap.set(true);
            }

            http.get("/");
            Thread.sleep(10);
        }

        @Test
        void countsOnlyItsOwnRequests(LoadTestResult result, SampleTarget target) {
            assertThat(result.total().count()).isEqualTo(target.requestsServed());
            assertThat(result.requests()).extracting(RequestStats::key).containsExactly("GET /");
        }
    }

    @LoadTest(duration = "1500ms")
    @Users(count = 3)
    static class ParallelBTestCase {
        static final java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean();
        @RegisterExtension
        static final SampleTargetExtension target = new SampleTargetExtension();

        @Task
        void buggy(Http http) throws InterruptedException {
            running.set(true);

            http.get("/buggy");
            Thread.sleep(10);
        }

        @Test
        void countsOnlyItsOwnRequests(LoadTestResult result, SampleTarget target) {
            assertThat(result.total().count()).isEqualTo(target.requestsServed());
            assertThat(result.requests()).extracting(RequestStats::key).containsExactly("GET /buggy");
        }
    }
}
