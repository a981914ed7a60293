package dev.junitloadtest.data;

import static dev.junitloadtest.EngineRuns.configurationError;
import static dev.junitloadtest.EngineRuns.runLoad;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.junitloadtest.DataRow;
import dev.junitloadtest.Feeder;
import dev.junitloadtest.FixtureRun;
import dev.junitloadtest.LoadTest;
import dev.junitloadtest.OnStart;
import dev.junitloadtest.OnStop;
import dev.junitloadtest.Task;
import dev.junitloadtest.Users;
import dev.junitloadtest.VirtualUser;
import dev.junitloadtest.WaitTime;
import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.result.TaskStats;

/** What users get from {@code @Feeder}s, policy by policy, through the real engine. */
class FeederTests {

    static LoadTestResult runAndGet(Class<?> testClass, Map<String, String> parameters) {
        FixtureRun run = runLoad(testClass, parameters);
        run.allEvents().assertStatistics(stats -> stats.failed(0));
        return run.result();
    }

    @Test
    void uniqueHandsEachRowToOneUserAndStopsTheUsersLeftWithout() {
        UniqueAccountsTestCase.reset();

        LoadTestResult result = runAndGet(UniqueAccountsTestCase.class, Map.of());

        // 5 users, 3 rows: 3 users signed in with 3 different accounts; 2 stopped in @OnStart and ran no task.
        assertThat(UniqueAccountsTestCase.accounts.values()).containsExactlyInAnyOrder("ann", "bob", "cid");
        assertThat(UniqueAccountsTestCase.stopped).hasSize(5);
        assertThat(UniqueAccountsTestCase.taskUsers).isEqualTo(UniqueAccountsTestCase.accounts.keySet());
        assertThat(result.exceptions()).isEmpty();
        assertThat(result.runFailures()).isEmpty();
    }

    @Test
    void uniqueNeverRepeatsARowForOneUserEither() {
        UniqueDrawsTestCase.lines.clear();

        LoadTestResult result = runAndGet(UniqueDrawsTestCase.class, Map.of());

        // One user, a row per task: rows 1 to 10 (lines 2 to 11) in order, then the eleventh task found none left
        // and stopped the user, without an exception.
        assertThat(UniqueDrawsTestCase.lines).containsExactly(2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        assertThat(result.tasks()).singleElement().satisfies(task -> {
            assertThat(task.iterations()).isEqualTo(11);
            assertThat(task.exceptions()).isZero();
        });
    }

    @Test
    void uniqueWithFailRunStopsTheRunAndSaysWhichFeederRanOut() {
        assertThat(configurationError(UniqueFailRunTestCase.class)).isEqualTo("@Feeder(name = \"accounts\") ran out "
                + "of rows: all 3 rows of \"feeders/accounts.csv\" were handed out (policy UNIQUE, whenExhausted "
                + "FAIL_RUN), and another user asked for one. Add rows to the file, or run fewer users or iterations.");
    }

    @Test
    void circularHandsRowsOutInFileOrderAndStartsOver() {
        CircularOneUserTestCase.lines.clear();

        runAndGet(CircularOneUserTestCase.class, Map.of());

        assertThat(CircularOneUserTestCase.lines).containsExactly(2, 3, 4, 2, 3, 4, 2);
    }

    @Test
    void circularIsOneOrderSharedByAllUsers() {
        CircularSharedTestCase.terms.clear();

        runAndGet(CircularSharedTestCase.class, Map.of());

        // 4 users x 15 draws of 10 rows, from one shared cursor: 60 draws take every row exactly 6 times.
        Map<String, Long> counts = CircularSharedTestCase.terms.stream()
                .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
        assertThat(counts).hasSize(10).allSatisfy((term, count) -> assertThat(count).as(term).isEqualTo(6));
    }

    @Test
    void randomDrawsFromTheUsersSeededRandomSoASeedRepeatsTheDraws() {
        Map<Integer, List<String>> first = randomDraws("42");
        Map<Integer, List<String>> again = randomDraws("42");
        Map<Integer, List<String>> otherSeed = randomDraws("43");

        assertThat(first).hasSize(3).isEqualTo(again).isNotEqualTo(otherSeed);
        List<String> all = first.values().stream().flatMap(List::stream).toList();
        assertThat(all).hasSize(60).hasSizeGreaterThan((int) all.stream().distinct().count());
        assertThat(Set.copyOf(all)).hasSizeGreaterThan(5).isSubsetOf("alpha", "bravo", "charlie", "delta", "echo",
                "foxtrot", "golf", "hotel", "india", "juliet");
    }

    private static Map<Integer, List<String>> randomDraws(String seed) {
        RandomTestCase.draws.clear();
        runAndGet(RandomTestCase.class, Map.of("loadtest.seed", seed));
        return Map.copyOf(RandomTestCase.draws);
    }

    @Test
    void csvFollowsRfc4180QuotingWithABomCrlfAndBlankLines() {
        QuotingTestCase.rows.clear();

        runAndGet(QuotingTestCase.class, Map.of());

        assertThat(QuotingTestCase.rows).extracting(DataRow::line).containsExactly(2, 4, 5, 8, 9);
        assertThat(QuotingTestCase.rows.get(0).columns()).containsExactly("id", "text", "note");
        assertThat(QuotingTestCase.rows).extracting(DataRow::asMap).containsExactly(
                Map.of("id", "1", "text", "a, b", "note", "plain"),
                Map.of("id", "2", "text", "she said \"hi\"", "note", " spaced "),
                Map.of("id", "3", "text", "two\r\nlines", "note", ""),
                Map.of("id", "4", "text", "", "note", "5\" screen"),
                Map.of("id", "5", "text", "", "note", "last"));
    }

    @Test
    void jsonLinesKeysAreColumnsAndValuesTheirText() {
        ProductsTestCase.rows.clear();

        runAndGet(ProductsTestCase.class, Map.of());

        List<DataRow> rows = ProductsTestCase.rows;
        assertThat(rows).extracting(DataRow::line).containsExactly(1, 3, 4);
        assertThat(rows.get(0).columns()).containsExactly("sku", "price", "inStock", "tags", "extra");
        assertThat(rows.get(0).asMap()).containsExactly(entry("sku", "A-1"), entry("price", "12.50"),
                entry("inStock", "true"), entry("tags", "[\"x\",\"y\"]"), entry("extra", null));
        assertThat(rows.get(1).get("tags")).isNull();
        assertThat(rows.get(1).get("price")).isEqualTo("7");
        assertThat(rows.get(2).get("price")).isEqualTo("1e2");
        assertThat(rows.get(2).get("extra")).isEqualTo("{\"k\":\"v\"}");
    }

    @Test
    void aFileIsFoundByItsPathWhenItIsNotOnTheClassPath() {
        FilePathTestCase.usernames.clear();

        runAndGet(FilePathTestCase.class, Map.of());

        assertThat(FilePathTestCase.usernames).containsExactly("ann");
    }

    @Test
    void anUnknownFeederOrColumnInTaskCodeIsATaskExceptionThatNamesTheKnownOnes() {
        FixtureRun run = runLoad(UnknownNamesTestCase.class, Map.of());
        run.testEvents().assertStatistics(stats -> stats.failed(2));
        LoadTestResult result = run.result();

        assertThat(result.exceptions()).extracting(e -> e.message()).containsExactlyInAnyOrder(
                "java.lang.IllegalArgumentException: No @Feeder is named \"account\"; the load test declares \"accounts\".",
                "java.lang.IllegalArgumentException: Feeder \"accounts\" has no column \"user\"; its columns are username, "
                        + "password.");
        assertThat(result.tasks()).extracting(TaskStats::exceptions).allSatisfy(n -> assertThat(n).isPositive());
    }

    @LoadTest(duration = "1s")
    @Users(count = 5)
    @WaitTime(min = "10ms", max = "10ms")
    @Feeder(name = "accounts", file = "feeders/accounts.csv", columns = {"username", "password"},
            policy = Feeder.Policy.UNIQUE)
    static class UniqueAccountsTestCase {
        static final Map<Integer, String> accounts = new ConcurrentHashMap<>();
        static final Set<Integer> stopped = ConcurrentHashMap.newKeySet();
        static final Set<Integer> taskUsers = ConcurrentHashMap.newKeySet();

        static void reset() {
            accounts.clear();
            stopped.clear();
            taskUsers.clear();
        }

        @OnStart
        void signIn(VirtualUser user) {
            accounts.put(user.id(), user.data("accounts").get("username"));
        }

        @Task
        void work(VirtualUser user) {
            taskUsers.add(user.id());
        }

        @OnStop
        void signOut(VirtualUser user) {
            stopped.add(user.id());
        }
    }

    @LoadTest(duration = "1s")
    @Users(count = 1)
    @Feeder(name = "terms", file = "feeders/terms.csv", policy = Feeder.Policy.UNIQUE)
    static class UniqueDrawsTestCase {
        static final Queue<Integer> lines = new ConcurrentLinkedQueue<>();

        @Task
        void draw(VirtualUser user) {
            lines.add(user.data("terms").line());
        }
    }

    @LoadTest(duration = "5s")
    @Users(count = 5)
    @Feeder(name = "accounts", file = "feeders/accounts.csv", policy = Feeder.Policy.UNIQUE,
            whenExhausted = Feeder.Exhausted.FAIL_RUN)
    static class UniqueFailRunTestCase {

        @OnStart
        void signIn(VirtualUser user) {
            user.data("accounts");
        }

        @Task
        void work() {
        }
    }

    @LoadTest(duration = "1s")
    @Users(count = 1)
    @Feeder(name = "accounts", file = "feeders/accounts.csv")
    static class CircularOneUserTestCase {
        static final Queue<Integer> lines = new ConcurrentLinkedQueue<>();

        @Task
        void draw(VirtualUser user) {
            lines.add(user.data("accounts").line());
            if (lines.size() == 7) {
                user.stop();
            }
        }
    }

    @LoadTest(duration = "1s")
    @Users(count = 4)
    @Feeder(name = "terms", file = "feeders/terms.csv", policy = Feeder.Policy.CIRCULAR)
    static class CircularSharedTestCase {
        static final Queue<String> terms = new ConcurrentLinkedQueue<>();

        @Task
        void draw(VirtualUser user) {
            for (int i = 0; i < 15; i++) {
                terms.add(user.data("terms").get("term"));
            }
            user.stop();
        }
    }

    @LoadTest(duration = "1s")
    @Users(count = 3)
    @Feeder(name = "terms", file = "feeders/terms.csv", policy = Feeder.Policy.RANDOM)
    static class RandomTestCase {
        static final Map<Integer, List<String>> draws = new ConcurrentHashMap<>();

        @Task
        void draw(VirtualUser user) {
            List<String> mine = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                mine.add(user.data("terms").get("term"));
            }
            draws.put(user.id(), mine);
            user.stop();
        }
    }

    @LoadTest(duration = "1s")
    @Users(count = 1)
    @Feeder(name = "quoting", file = "feeders/quoting.csv", columns = {"id", "text", "note"},
            policy = Feeder.Policy.UNIQUE)
    static class QuotingTestCase {
        static final List<DataRow> rows = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Task
        void read(VirtualUser user) {
            rows.add(user.data("quoting"));
        }
    }

    @LoadTest(duration = "1s")
    @Users(count = 1)
    @Feeder(name = "products", file = "feeders/products.jsonl", columns = {"sku", "price"},
            policy = Feeder.Policy.UNIQUE)
    static class ProductsTestCase {
        static final List<DataRow> rows = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Task
        void read(VirtualUser user) {
            rows.add(user.data("products"));
        }
    }

    @LoadTest(duration = "1s")
    @Users(count = 1)
    @Feeder(name = "accounts", file = "src/test/resources/feeders/accounts.csv")
    static class FilePathTestCase {
        static final Queue<String> usernames = new ConcurrentLinkedQueue<>();

        @Task
        void read(VirtualUser user) {
            usernames.add(user.data("accounts").get("username"));
            user.stop();
        }
    }

    @LoadTest(duration = "1s")
    @Users(count = 1)
    @WaitTime(min = "50ms", max = "50ms")
    @Feeder(name = "accounts", file = "feeders/accounts.csv")
    static class UnknownNamesTestCase {

        @Task
        void unknownFeeder(VirtualUser user) {
            user.data("account");
        }

        @Task
        void unknownColumn(VirtualUser user) {
            user.data("accounts").get("user");
        }
    }
}
