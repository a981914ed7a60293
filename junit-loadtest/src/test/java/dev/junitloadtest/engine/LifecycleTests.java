package dev.junitloadtest.engine;

import static dev.junitloadtest.EngineRuns.run;
import static dev.junitloadtest.EngineRuns.runLoad;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.junitloadtest.FixtureRun;
import dev.junitloadtest.LoadTest;
import dev.junitloadtest.OnStart;
import dev.junitloadtest.OnStop;
import dev.junitloadtest.Task;
import dev.junitloadtest.Users;
import dev.junitloadtest.VirtualUser;
import dev.junitloadtest.WaitTime;
import dev.junitloadtest.result.LoadTestResult;

/** Each virtual user is a fresh instance on its own virtual thread, with its hooks run once, and the user carries on. */
class LifecycleTests {

    @Test
    void eachUserIsAFreshInstanceWithHooksRunOncePerUser() {
        HooksTestCase.reset();
        run(HooksTestCase.class).testEvents().assertStatistics(stats -> stats.failed(0));

        assertThat(HooksTestCase.started).containsOnlyKeys(1, 2, 3, 4, 5);
        assertThat(HooksTestCase.started.values()).allMatch(count -> count.get() == 1);
        assertThat(HooksTestCase.stopped).containsOnlyKeys(1, 2, 3, 4, 5);
        assertThat(HooksTestCase.stopped.values()).allMatch(count -> count.get() == 1);
        // Fields are per-user state: every task saw the token its own user's @OnStart set.
        assertThat(HooksTestCase.mismatches).hasValue(0);
        assertThat(HooksTestCase.threads).hasSize(5).allMatch(Thread::isVirtual);
        assertThat(HooksTestCase.instances).hasSize(5);
        assertThat(HooksTestCase.iterationsWhileStopping).hasValue(0);
    }

    @Test
    void aThrowingTaskIsRecordedAndTheUserCarriesOn() {
        FixtureRun results = runLoad(ThrowingTestCase.class);

        LoadTestResult result = results.result();
        long thrown = result.tasks().stream().filter(t -> t.task().equals("flaky")).findFirst().orElseThrow()
                .exceptions();
        long fine = result.tasks().stream().filter(t -> t.task().equals("steady")).findFirst().orElseThrow()
                .iterations();
        assertThat(thrown).isPositive();
        // The users kept going after their exceptions: the steady task kept running alongside.
        assertThat(fine).isGreaterThan(thrown / 4);
        assertThat(result.exceptions()).singleElement().satisfies(e -> {
            assertThat(e.count()).isEqualTo(thrown);
            assertThat(e.message()).isEqualTo("java.lang.IllegalStateException: no luck this time");
            assertThat(e.where()).containsExactly("ThrowingTestCase.flaky");
            assertThat(e.traceback()).contains("at dev.junitloadtest.engine.LifecycleTests$ThrowingTestCase.flaky(");
        });
        // The task that threw shows as a failed test, named with its counts; the other passes.
        results.testEvents().failed().assertThatEvents().singleElement().satisfies(event ->
                assertThat(event.getTestDescriptor().getDisplayName()).endsWith("threw"));
        results.testEvents().succeeded().assertThatEvents().anySatisfy(event ->
                assertThat(event.getTestDescriptor().getDisplayName()).endsWith("runs, no exceptions"));
    }

    @Test
    void aUserThatStopsItselfIsNotReplaced() {
        StoppingTestCase.reset();
        FixtureRun run = runLoad(StoppingTestCase.class);
        run.testEvents().assertStatistics(stats -> stats.failed(0));

        LoadTestResult result = run.result();
        // Four users each ran their task exactly three times, then stopped; none was replaced.
        assertThat(result.tasks()).singleElement().satisfies(task -> assertThat(task.iterations()).isEqualTo(12));
        assertThat(StoppingTestCase.stops).hasValue(4);
    }

    @Test
    void eachUserDrawsFromItsOwnRandomStream() {
        RandomTestCase.draws.clear();
        run(RandomTestCase.class).testEvents().assertStatistics(stats -> stats.failed(0));

        // Ten users, eight draws each: independent streams share no value. Streams that were one sequence shifted
        // by the user's number (as seeds of the form seed + id * gamma give) would share seven of eight.
        List<Long> all = RandomTestCase.draws.values().stream().flatMap(List::stream).toList();
        assertThat(RandomTestCase.draws).hasSize(10);
        assertThat(all).hasSize(80).doesNotHaveDuplicates();
    }

    @LoadTest(duration = "5s")
    @Users(count = 10)
    static class RandomTestCase {
        static final Map<Integer, List<Long>> draws = new ConcurrentHashMap<>();

        @Task
        void draw(VirtualUser user) {
            List<Long> mine = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                mine.add(user.random().nextLong());
            }
            draws.put(user.id(), mine);
            user.stop();
        }
    }

    @LoadTest(duration = "1s")
    @Users(count = 5)
    @WaitTime(min = "10ms", max = "20ms")
    static class HooksTestCase {

        static final Map<Integer, AtomicInteger> started = new ConcurrentHashMap<>();
        static final Map<Integer, AtomicInteger> stopped = new ConcurrentHashMap<>();
        static final AtomicInteger mismatches = new AtomicInteger();
        static final AtomicInteger iterationsWhileStopping = new AtomicInteger();
        static final Set<Thread> threads = ConcurrentHashMap.newKeySet();
        static final Set<Object> instances = ConcurrentHashMap.newKeySet();

        static void reset() {
            started.clear();
            stopped.clear();
            mismatches.set(0);
            iterationsWhileStopping.set(0);
            threads.clear();
            instances.clear();
        }

        String token;

        @OnStart
        void login(VirtualUser user) {
            started.computeIfAbsent(user.id(), id -> new AtomicInteger()).incrementAndGet();
            token = "token-" + user.id();
        }

        @Task
        void work(VirtualUser user) {
            threads.add(Thread.currentThread());
            instances.add(this);
            if (!("token-" + user.id()).equals(token)) {
                mismatches.incrementAndGet();
            }
            if (stopped.containsKey(user.id())) {
                iterationsWhileStopping.incrementAndGet();
            }
        }

        @OnStop
        void logout(VirtualUser user) {
            stopped.computeIfAbsent(user.id(), id -> new AtomicInteger()).incrementAndGet();
        }
    }

    @LoadTest(duration = "1s")
    @Users(count = 3)
    @WaitTime(min = "5ms")
    static class ThrowingTestCase {

        @Task
        void flaky(VirtualUser user) {
            throw new IllegalStateException("no luck this time");
        }

        @Task
        void steady() {
        }
    }

    @LoadTest(duration = "2s")
    @Users(count = 4)
    static class StoppingTestCase {

        static final AtomicInteger stops = new AtomicInteger();
        static final List<Integer> ids = new CopyOnWriteArrayList<>();

        static void reset() {
            stops.set(0);
            ids.clear();
        }

        int runs;

        @Task
        void work(VirtualUser user) {
            if (++runs == 3) {
                user.stop();
            }
        }

        @OnStop
        void stopped() {
            stops.incrementAndGet();
        }
    }
}
