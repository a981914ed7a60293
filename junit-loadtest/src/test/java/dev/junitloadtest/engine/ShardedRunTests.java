package dev.junitloadtest.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.junitloadtest.ArrivalRate;
import dev.junitloadtest.EngineRuns;
import dev.junitloadtest.Feeder;
import dev.junitloadtest.FixtureRun;
import dev.junitloadtest.LoadTest;
import dev.junitloadtest.OnStart;
import dev.junitloadtest.RampStage;
import dev.junitloadtest.Task;
import dev.junitloadtest.UserType;
import dev.junitloadtest.Users;
import dev.junitloadtest.VirtualUser;
import dev.junitloadtest.WaitTime;
import dev.junitloadtest.http.Http;
import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.result.RunProfile;
import dev.junitloadtest.sampletarget.SampleTarget;

/**
 * One fixture run as shards 0, 1 and 2 of 3, one after another in this JVM, against the sample target: each shard
 * runs its share, and the shards together run exactly the whole.
 */
class ShardedRunTests {

    private static SampleTarget target;

    @BeforeAll
    static void startTarget() {
        target = SampleTarget.start();
    }

    @AfterAll
    static void stopTarget() {
        target.close();
    }

    @Test
    void threeShardsRunTheWholesUsersWithTheirTypesIdsAndRandomsAndAddUpToWhatTheTargetServed() {
        Map<Integer, String> whole = users(run(MixTestCase.class, Map.of()));

        Map<Integer, String> sharded = new HashMap<>();
        long servedBefore = target.requestsServed();
        long recorded = 0;
        for (int index = 0; index < 3; index++) {
            long before = target.requestsServed();
            MixTestCase.users.clear();
            LoadTestResult result = run(MixTestCase.class, Map.of("loadtest.shard", index + "/3"));
            int shard = index;
            // Ids as the whole numbers the users a shard runs: I+1, I+4, I+7...
            assertThat(MixTestCase.users.keySet()).allSatisfy(id -> assertThat((id - 1) % 3).isEqualTo(shard));
            sharded.putAll(MixTestCase.users);
            int share = index == 0 ? 4 : 3;
            assertThat(MixTestCase.users).hasSize(share);
            assertThat(result.profile().loadModel()).isEqualTo("shard " + index + "/3: " + share + " of 10 users; "
                    + share + " users started at once for 1s");
            assertThat(result.total().count()).as("shard %d/3's requests", index).isPositive()
                    .isEqualTo(target.requestsServed() - before);
            recorded += result.total().count();
        }
        // Same seed: each user has the whole run's type and random numbers, so shards never draw the same ones.
        assertThat(sharded).isEqualTo(whole);
        assertThat(whole.values().stream().filter(user -> user.startsWith("Shopper"))).hasSize(6);
        assertThat(recorded).isEqualTo(target.requestsServed() - servedBefore);
    }

    @Test
    void eachShardRampsThroughItsShareOfEveryStage() {
        List<Integer> peaks = new ArrayList<>();
        Set<Integer> ids = new TreeSet<>();
        for (int index = 0; index < 3; index++) {
            StagesTestCase.ids.clear();
            LoadTestResult result = run(StagesTestCase.class, Map.of("loadtest.shard", index + "/3"));
            assertThat(result.profile().stages()).extracting(RunProfile.StageInfo::users)
                    .containsExactlyElementsOf(List.of(List.of(2, 3, 1), List.of(2, 3, 1), List.of(1, 2, 0)).get(index));
            peaks.add(StagesTestCase.ids.size());
            ids.addAll(StagesTestCase.ids);
        }
        // Users that ramp up never stop by themselves: the shard created exactly its share of the peak.
        assertThat(peaks).containsExactly(3, 3, 2);
        assertThat(ids).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    }

    @Test
    void eachShardStartsEveryThirdIterationOfTheWholesSchedule() {
        // 20 iterations/s for 2 s: iterations 0..39 of the whole, 14 of them (0, 3, ... 39) in shard 0.
        long before = target.requestsServed();
        List<Long> counts = new ArrayList<>();
        for (int index = 0; index < 3; index++) {
            LoadTestResult result = run(OpenTestCase.class, Map.of("loadtest.shard", index + "/3"));
            assertThat(result.droppedIterations()).isZero();
            counts.add(result.total().count());
            assertThat(result.profile().loadModel()).isEqualTo("shard " + index + "/3: 6.667 of 20 iterations/s, at "
                    + "most 2 of 6 users; 6.667 iterations/s, at most 2 users, for 2s");
        }
        assertThat(counts).containsExactly(14L, 13L, 13L);
        assertThat(target.requestsServed() - before).isEqualTo(40);
    }

    @Test
    void aShardWithoutUsersRunsNoLoadAndSaysSo() {
        FixtureRun run = EngineRuns.runLoad(FewUsersTestCase.class, Map.of("loadtest.shard", "2/3",
                "loadtest.host", target.baseUri().toString()));
        // The @Test passes; the task's node is skipped as aborted, saying why, as for any task that never ran.
        run.testEvents().assertStatistics(stats -> stats.started(2).succeeded(1).aborted(1).failed(0));
        assertThat(run.testEvents().aborted().list()).singleElement().satisfies(event -> assertThat(
                event.getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class).getThrowable()
                        .orElseThrow()).hasMessage("work() never ran (shard 2/3: 0 of 2 users, so this shard runs no "
                                + "load; 0 users started at once for 1s)"));
        assertThat(run.result().total().count()).isZero();
        assertThat(run.result().profile().loadModel()).isEqualTo("shard 2/3: 0 of 2 users, so this shard runs no "
                + "load; 0 users started at once for 1s");
    }

    @Test
    void aUniqueFeedersRowsArePartitionedSoEachIsUsedOnceAcrossShards() {
        List<List<Integer>> lines = new ArrayList<>();
        for (int index = 0; index < 3; index++) {
            UniqueTestCase.lines.clear();
            run(UniqueTestCase.class, Map.of("loadtest.shard", index + "/3"));
            lines.add(UniqueTestCase.lines.stream().sorted().toList());
        }
        // terms.csv: a header on line 1, then 10 rows; blocks of 4, 3 and 3 rows.
        assertThat(lines).containsExactly(List.of(2, 3, 4, 5), List.of(6, 7, 8), List.of(9, 10, 11));
    }

    @Test
    void shardsWaitForTheCommonStart() {
        Instant start = Instant.now().plusMillis(1500);
        LoadTestResult result = run(FewUsersTestCase.class, Map.of("loadtest.shard", "0/3",
                "loadtest.shard.start", start.toString()));
        assertThat(result.startedAt()).isAfterOrEqualTo(start);
        assertThat(result.warnings()).noneMatch(warning -> warning.contains("loadtest.shard.start"));
    }

    @Test
    void aClassTimeoutBoundsTheWaitForTheCommonStart() {
        Instant start = Instant.now().plusSeconds(60);
        FixtureRun run = EngineRuns.runLoad(TimeoutTestCase.class, Map.of("loadtest.shard", "0/3",
                "loadtest.shard.start", start.toString(), "loadtest.host", target.baseUri().toString()));
        assertThat(run.result().stopReason()).hasValue("stopped by @Timeout(1 seconds) after 1s");
        assertThat(run.result().total().count()).isZero();
        assertThat(run.result().startedAt()).isBefore(start);
    }

    @Test
    void aShardLateForTheCommonStartStartsAtOnceAndWarns() {
        Instant start = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        LoadTestResult result = run(FewUsersTestCase.class, Map.of("loadtest.shard", "1/3",
                "loadtest.shard.start", start.toString()));
        assertThat(result.warnings()).filteredOn(warning -> warning.contains("loadtest.shard.start")).singleElement()
                .asString().matches("The load started 6\\d\\.\\d s after "
                + "loadtest\\.shard\\.start \\(" + start.toString().replace(".", "\\.") + "\\): shards that started "
                + "on time ran without this one at first\\.");
        assertThat(result.total().count()).isPositive();
    }

    private static LoadTestResult run(Class<?> testClass, Map<String, String> parameters) {
        Map<String, String> all = new HashMap<>(parameters);
        all.put("loadtest.host", target.baseUri().toString());
        FixtureRun run = EngineRuns.runLoad(testClass, all);
        run.testEvents().assertStatistics(stats -> stats.failed(0));
        return run.result();
    }

    private static Map<Integer, String> users(LoadTestResult result) {
        assertThat(result.profile().loadModel()).isEqualTo("10 users started at once for 1s");
        Map<Integer, String> users = new HashMap<>(MixTestCase.users);
        MixTestCase.users.clear();
        assertThat(users.keySet()).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        return users;
    }

    @LoadTest(duration = "1s", seed = "42")
    @Users(count = 10)
    @UserType(value = Shopper.class, weight = 3)
    @UserType(value = Browser.class, weight = 2)
    static class MixTestCase {
        /** Each user's id: its type and the first number it drew. */
        static final Map<Integer, String> users = new ConcurrentHashMap<>();

        @org.junit.jupiter.api.Test
        void ran() {
        }
    }

    @WaitTime(min = "20ms", max = "20ms")
    static class Shopper {
        @OnStart
        void arrive(VirtualUser user) {
            MixTestCase.users.put(user.id(), user.userType() + " " + user.random().nextLong());
        }

        @Task
        void shop(Http http) {
            http.get("/");
        }
    }

    @WaitTime(min = "20ms", max = "20ms")
    static class Browser {
        @OnStart
        void arrive(VirtualUser user) {
            MixTestCase.users.put(user.id(), user.userType() + " " + user.random().nextLong());
        }

        @Task
        void browse(Http http) {
            http.get("/");
        }
    }

    @LoadTest
    @RampStage(duration = "400ms", users = 5, spawnRate = 20)
    @RampStage(duration = "400ms", users = 8, spawnRate = 20)
    @RampStage(duration = "400ms", users = 2, spawnRate = 20)
    @WaitTime(min = "20ms", max = "20ms")
    static class StagesTestCase {
        static final Set<Integer> ids = ConcurrentHashMap.newKeySet();

        @OnStart
        void arrive(VirtualUser user) {
            ids.add(user.id());
        }

        @Task
        void work(Http http) {
            http.get("/");
        }
    }

    @LoadTest(duration = "2s")
    @ArrivalRate(value = 20, maxUsers = 6)
    static class OpenTestCase {
        @Task
        void work(Http http) {
            http.get("/");
        }
    }

    @LoadTest(duration = "1s")
    @Users(count = 2)
    @WaitTime(min = "20ms", max = "20ms")
    static class FewUsersTestCase {
        @Task
        void work(Http http) {
            http.get("/");
        }

        @org.junit.jupiter.api.Test
        void ran() {
        }
    }

    @LoadTest(duration = "1s")
    @Users(count = 2)
    @org.junit.jupiter.api.Timeout(1)
    static class TimeoutTestCase {
        @Task
        void work(Http http) {
            http.get("/");
        }
    }

    @LoadTest(duration = "1s")
    @Users(count = 3)
    @WaitTime(min = "5ms", max = "5ms")
    @Feeder(name = "terms", file = "feeders/terms.csv", policy = Feeder.Policy.UNIQUE)
    static class UniqueTestCase {
        static final Queue<Integer> lines = new ConcurrentLinkedQueue<>();

        @Task
        void draw(VirtualUser user) {
            lines.add(user.data("terms").line());
        }
    }
}
