package dev.junitloadtest.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.DataFormatException;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.junitloadtest.EngineRuns;
import dev.junitloadtest.FixtureRun;
import dev.junitloadtest.LoadTest;
import dev.junitloadtest.Task;
import dev.junitloadtest.Threshold;
import dev.junitloadtest.Users;
import dev.junitloadtest.http.Http;
import dev.junitloadtest.json.Json;
import dev.junitloadtest.json.JsonValue;
import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.samples.SampleTargetExtension;

/**
 * Three shards run through the real engine, each against its own sample target, then merged by a run of the same
 * class with {@code loadtest.merge}: the merge's counts are what the targets served, its percentiles those of one
 * histogram holding every shard's samples (read from the shards' files, not from the merge), its threshold fails where
 * each shard's passed, and its outputs are those of a run in one JVM. Then every way a merge can be refused.
 */
class ShardMergeTests {

    /** Requests each shard sends: a shard's count is exact, so a count budget splits cleanly. */
    static final int PER_SHARD = 20;

    @TempDir
    static Path shards;

    static final List<Long> served = new ArrayList<>();
    static final List<FixtureRun> shardRuns = new ArrayList<>();

    @BeforeAll
    static void runThreeShards() {
        for (int index = 0; index < 3; index++) {
            FixtureRun run = EngineRuns.runLoad(ShardTestCase.class, Map.of("loadtest.shard", index + "/3",
                    "loadtest.report-files", "true", "loadtest.report-dir", shards.resolve("shard-" + index).toString()));
            shardRuns.add(run);
            served.add(ShardTestCase.target.target().requestsServed());
        }
    }

    @Test
    void eachShardPassesItsBudgetAndLeavesItsMergeableResultsMarkedWithItsShard() throws IOException {
        for (int index = 0; index < 3; index++) {
            FixtureRun run = shardRuns.get(index);
            run.containerEvents().assertStatistics(stats -> stats.failed(0));
            assertThat(run.result().total().count()).isEqualTo(served.get(index)).isEqualTo(PER_SHARD);
            assertThat(run.result().thresholds()).singleElement().satisfies(t -> assertThat(t.passed()).isTrue());
            JsonValue file = Json.parse(Files.readString(mergeable(index)));
            assertThat(file.get("format").asText()).isEqualTo("junit-loadtest/mergeable/v1");
            assertThat(file.get("shard").asText()).isEqualTo(index + "/3");
            assertThat(file.get("testClass").asText()).isEqualTo(ShardTestCase.class.getName());
            assertThat(file.get("count").asLong()).isEqualTo(PER_SHARD);
            assertThat(file.get("complete").asBoolean()).isTrue();
        }
    }

    @Test
    void theMergeCountsExactlyAddsTheHistogramsAndFailsTheBudgetEveryShardPassed(@TempDir Path merged)
            throws IOException {
        ShardTestCase.SEEN.clear();
        FixtureRun run = EngineRuns.runLoad(ShardTestCase.class, Map.of("loadtest.merge", shards.toString(),
                "loadtest.report-files", "true", "loadtest.report-dir", merged.toString()));
        LoadTestResult result = run.result();

        long servedInAll = served.stream().mapToLong(Long::longValue).sum();
        assertThat(result.total().count()).isEqualTo(servedInAll).isEqualTo(3 * PER_SHARD);
        assertThat(result.total().failures()).isEqualTo(shardRuns.stream()
                .mapToLong(shard -> shard.result().total().failures()).sum()).isPositive();
        assertThat(result.history().stream().mapToLong(point -> point.requests()).sum()).isEqualTo(servedInAll);
        assertThat(result.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.key()).isEqualTo("GET /buggy");
            assertThat(failure.occurrences()).isEqualTo(result.total().failures());
        });
        assertThat(result.tasks()).singleElement().satisfies(task -> assertThat(task.iterations())
                .isEqualTo(shardRuns.stream().mapToLong(s -> s.result().tasks().getFirst().iterations()).sum()));

        // One histogram of every shard's samples, read from the shards' files.
        Histogram all = new Histogram(3);
        for (int index = 0; index < 3; index++) {
            for (JsonValue request : Json.parse(Files.readString(mergeable(index))).get("requests").elements()) {
                all.add(decode(request.get("responseTimes").asText()));
            }
        }
        assertThat(all.getTotalCount()).isEqualTo(servedInAll);
        assertThat(result.total().percentile(99)).isEqualTo(Duration.ofNanos(all.getValueAtPercentile(99) * 1000));
        assertThat(result.total().responseTimes().histogram()).isEqualTo(all);

        // count < 50: 20 per shard pass, the 60 of the whole do not.
        assertThat(result.thresholds()).singleElement().satisfies(verdict -> {
            assertThat(verdict.passed()).isFalse();
            assertThat(verdict.expression()).isEqualTo("count < 50");
        });
        run.containerEvents().assertStatistics(stats -> stats.failed(1));
        assertThat(ShardTestCase.SEEN).containsExactly(servedInAll);
        // Each shard's generator health is kept, in every output's warnings.
        for (int index = 0; index < 3; index++) {
            String shard = "Shard " + index + "/3 (run " + runId(mergeable(index)) + ", 20 requests, from "
                    + mergeable(index) + "): load generator ";
            assertThat(result.warnings()).filteredOn(w -> w.startsWith(shard)).singleElement()
                    .satisfies(w -> assertThat(w).containsAnyOf("healthy: CPU", "SKEWED: CPU"));
        }

        // Every output of a run in one JVM, from the merged result; no mergeable results of its own.
        Path folder = merged.resolve(ShardTestCase.class.getSimpleName());
        assertThat(Files.list(folder).map(path -> path.getFileName().toString()).sorted().toList())
                .containsExactly("exceptions.csv", "failures.csv", "report.html", "response-times.hlog", "stats.csv",
                        "stats_history.csv", "summary.json", "summary.md");
        JsonValue summary = Json.parse(Files.readString(folder.resolve("summary.json")));
        assertThat(summary.at("/aggregated/count").asLong()).isEqualTo(servedInAll);
        assertThat(summary.at("/thresholds/0/passed").asBoolean()).isFalse();
        assertThat(Files.readString(folder.resolve("summary.md"))).startsWith("## ShardTestCase: ❌ FAILED");
        List<String> history = Files.readAllLines(folder.resolve("stats_history.csv"));
        String[] last = history.getLast().split(",");
        assertThat(Long.parseLong(last[17])).as("Total Request Count of the last row").isEqualTo(servedInAll);
        Histogram logged = new Histogram(3);
        org.HdrHistogram.HistogramLogReader log = new org.HdrHistogram.HistogramLogReader(
                folder.resolve("response-times.hlog").toFile());
        for (org.HdrHistogram.EncodableHistogram interval = log.nextIntervalHistogram(); interval != null;
                interval = log.nextIntervalHistogram()) {
            if (interval.getTag() == null) {
                logged.add((Histogram) interval);
            }
        }
        assertThat(logged).as("the .hlog's untagged intervals, all requests").isEqualTo(all);
    }

    @Test
    void theSameShardFoundThroughTwoFoldersIsCountedOnce() {
        ShardTestCase.SEEN.clear();
        Path first = mergeable(0).getParent();
        FixtureRun run = EngineRuns.runLoad(ShardTestCase.class, Map.of("loadtest.merge",
                shards + "," + first, "loadtest.report-files", "false"));

        assertThat(run.result().total().count()).isEqualTo(3 * PER_SHARD);
        String runId = Json.parse(read(mergeable(0))).get("runId").asText();
        assertThat(run.result().warnings()).contains("Shard 0/3 (run " + runId + ") was found twice, at "
                + mergeable(0).toAbsolutePath() + " and at " + mergeable(0).toAbsolutePath() + ": counted once.");
    }

    @Test
    void theHistoryIsAlignedOnTheWallClockWithEveryShardsUsersSummed(@TempDir Path folders) throws IOException {
        // The shards as if they had run together, started 0, 250 and 750 ms apart.
        copyShards(folders, 0, 1, 2);
        java.time.Instant start = java.time.Instant.parse(Json.parse(read(copied(folders, 0))).get("startedAt")
                .asText());
        long[] offsetsMillis = {0, 250, 750};
        for (int index = 1; index < 3; index++) {
            String startedAt = Json.parse(read(copied(folders, index))).get("startedAt").asText();
            edit(copied(folders, index), "\"startedAt\":\"" + startedAt + "\"",
                    "\"startedAt\":\"" + start.plusMillis(offsetsMillis[index]) + "\"");
        }
        // What each wall-clock second from the first start holds: every shard interval whose middle falls in it.
        Map<Long, long[]> expected = new java.util.TreeMap<>();
        long mostUsersOfOneShard = 0;
        java.time.Instant end = start;
        for (int index = 0; index < 3; index++) {
            JsonValue file = Json.parse(read(copied(folders, index)));
            java.time.Instant shardEnd = java.time.Instant.parse(file.get("startedAt").asText())
                    .plusNanos(file.get("elapsedNanos").asLong());
            end = shardEnd.isAfter(end) ? shardEnd : end;
            for (JsonValue interval : Json.parse(read(copied(folders, index))).get("intervals").elements()) {
                long middle = offsetsMillis[index] * 1_000_000 + (interval.get("startNanos").asLong()
                        + interval.get("endNanos").asLong()) / 2;
                long[] second = expected.computeIfAbsent(middle / 1_000_000_000, k -> new long[3]);
                second[0] += interval.get("users").asLong();
                mostUsersOfOneShard = Math.max(mostUsersOfOneShard, interval.get("users").asLong());
                second[1] += interval.get("requests").elements().stream().mapToLong(r -> r.get("count").asLong())
                        .sum();
                second[2]++;
            }
        }

        LoadTestResult result = EngineRuns.runLoad(ShardTestCase.class, Map.of("loadtest.merge", folders.toString(),
                "loadtest.report-files", "false")).result();

        List<dev.junitloadtest.result.HistoryPoint> history = result.history();
        assertThat(history.getFirst().start()).isEqualTo(Duration.ZERO);
        assertThat(history).allSatisfy(point -> assertThat(point.end().minus(point.start()))
                .isLessThanOrEqualTo(Duration.ofSeconds(1)));
        expected.forEach((second, figures) -> {
            dev.junitloadtest.result.HistoryPoint point = history.get(second.intValue());
            assertThat(point.start()).isEqualTo(Duration.ofSeconds(second));
            assertThat(point.requests()).as("requests in second %d", second).isEqualTo(figures[1]);
            if (figures[2] == 3) {
                // One interval of each shard in this second: the users are theirs summed.
                assertThat(point.users()).as("users in second %d", second).isEqualTo(figures[0]);
            }
        });
        long most = mostUsersOfOneShard;
        assertThat(expected.values()).as("a second where the shards' users add up to more than one shard's")
                .anyMatch(figures -> figures[2] == 3 && figures[0] > most);
        assertThat(result.elapsed()).isEqualTo(Duration.between(start, end));
    }

    @Test
    void aShardsRunFailuresAndEarlyStopAreTheWholesNamingTheShard(@TempDir Path folders) throws IOException {
        copyShards(folders, 0, 1, 2);
        edit(copied(folders, 1), "\"runFailures\":[]", "\"runFailures\":[\"2 user(s) could not start\"]");
        edit(copied(folders, 1), "\"stop\":null", "\"stop\":{\"kind\":\"SHUTDOWN\",\"description\":"
                + "\"interrupted: the JVM is shutting down\",\"threshold\":null}");

        FixtureRun run = EngineRuns.runLoad(ShardTestCase.class, Map.of("loadtest.merge", folders.toString(),
                "loadtest.report-files", "false"));

        assertThat(run.result().runFailures()).containsExactly("Shard 1/3: 2 user(s) could not start");
        assertThat(run.result().stopReason()).contains("shard 1/3 interrupted: the JVM is shutting down");
        assertThat(run.result().total().count()).isEqualTo(3 * PER_SHARD);
        run.containerEvents().assertStatistics(stats -> stats.failed(1));
    }

    // Refusals

    @Test
    void aFolderWithoutMergeableResultsIsNamed(@TempDir Path empty) {
        assertThat(mergeError(empty.toString())).isEqualTo("Configuration parameter `loadtest.merge` found no "
                + "mergeable results of ShardTestCase under " + empty.toAbsolutePath() + ": a run writes them last, "
                + "as ShardTestCase/results.mergeable.json in its output folder; give each shard's output folder or a "
                + "folder above it.");
    }

    @Test
    void aHalfWrittenShardIsNamed(@TempDir Path folders) throws IOException {
        Path partial = copyShards(folders, 0, 1).resolve("shard-2/ShardTestCase/results.mergeable.json.partial");
        Files.createDirectories(partial.getParent());
        Files.writeString(partial, read(mergeable(2)).substring(0, 100));

        assertThat(mergeError(folders.toString())).isEqualTo("Configuration parameter `loadtest.merge` found "
                + "half-written mergeable results at " + partial.toAbsolutePath() + ": the run that wrote them ended "
                + "before it finished; run that shard again.");
    }

    @Test
    void aTruncatedFileIsNamed(@TempDir Path folders) throws IOException {
        Path truncated = copyShards(folders, 0, 1, 2).resolve("shard-1/ShardTestCase/results.mergeable.json");
        String whole = read(truncated);
        Files.writeString(truncated, whole.substring(0, whole.length() / 2));

        assertThat(mergeError(folders.toString())).startsWith("Configuration parameter `loadtest.merge` could not "
                + "read " + truncated.toAbsolutePath() + " as mergeable results (").endsWith("): the file is damaged "
                + "or truncated.");
    }

    @Test
    void aMissingShardIsNamed(@TempDir Path folders) throws IOException {
        copyShards(folders, 0, 2);

        assertThat(mergeError(folders.toString())).isEqualTo("Configuration parameter `loadtest.merge` is missing "
                + "shard 1/3 of ShardTestCase: found shard 0/3 at " + copied(folders, 0) + ", shard 2/3 at "
                + copied(folders, 2) + ".");
    }

    @Test
    void shardsOfDifferentSplitsAreRefused(@TempDir Path folders) throws IOException {
        copyShards(folders, 0, 1, 2);
        edit(copied(folders, 1), "\"shard\":\"1/3\"", "\"shard\":\"1/2\"");

        assertThat(mergeError(folders.toString())).isEqualTo("Configuration parameter `loadtest.merge` found shards "
                + "of different splits: shard 0/3 at " + copied(folders, 0) + ", shard 1/2 at " + copied(folders, 1)
                + ".");
    }

    @Test
    void twoRunsClaimingOneShardAreRefused(@TempDir Path folders) throws IOException {
        copyShards(folders, 0, 1, 2);
        edit(copied(folders, 2), "\"shard\":\"2/3\"", "\"shard\":\"1/3\"");
        String first = runId(copied(folders, 1));
        String second = runId(copied(folders, 2));

        assertThat(mergeError(folders.toString())).isEqualTo("Configuration parameter `loadtest.merge` found two "
                + "different runs claiming shard 1/3 of ShardTestCase: run " + first + " at " + copied(folders, 1)
                + " and run " + second + " at " + copied(folders, 2) + ".");
    }

    @Test
    void anotherClassesResultsAreRefused(@TempDir Path folders) throws IOException {
        copyShards(folders, 0, 1, 2);
        edit(copied(folders, 1), ShardTestCase.class.getName(), "com.example.OtherLoadTest");

        assertThat(mergeError(folders.toString())).isEqualTo("Configuration parameter `loadtest.merge` found results "
                + "of com.example.OtherLoadTest at " + copied(folders, 1) + ", not of " + ShardTestCase.class.getName()
                + ".");
    }

    @Test
    void anotherFormatIsRefused(@TempDir Path folders) throws IOException {
        copyShards(folders, 0, 1, 2);
        edit(copied(folders, 0), "junit-loadtest/mergeable/v1", "junit-loadtest/mergeable/v9");

        assertThat(mergeError(folders.toString())).isEqualTo("Configuration parameter `loadtest.merge` found "
                + copied(folders, 0) + " in format 'junit-loadtest/mergeable/v9', but this version of junit-loadtest "
                + "reads junit-loadtest/mergeable/v1.");
    }

    @Test
    void aMergeIntoAShardsOwnFolderIsRefused() {
        Path root = mergeable(0).getParent().getParent();

        assertThat(EngineRuns.configurationError(ShardTestCase.class, Map.of("loadtest.merge", shards.toString(),
                "loadtest.report-files", "true", "loadtest.report-dir", root.toString()))).isEqualTo("Configuration parameter `loadtest.merge` found "
                        + "shard 0/3 at " + mergeable(0).toAbsolutePath() + ", in the folder the merge writes its own "
                        + "outputs to, which would replace them: give the merge another `loadtest.report-dir`.");
    }

    @Test
    void aMergeRunsNoLoadSoItTakesNoShard() {
        assertThat(EngineRuns.configurationError(ShardTestCase.class, Map.of("loadtest.merge", shards.toString(),
                "loadtest.shard", "0/3"))).isEqualTo("Configuration parameter `loadtest.merge` runs no load, so it "
                        + "cannot be given with `loadtest.shard` or `loadtest.shards` (shard 0/3).");
    }

    private static String mergeError(String folders) {
        return EngineRuns.configurationError(ShardTestCase.class, Map.of("loadtest.merge", folders));
    }

    private static Path mergeable(int index) {
        return shards.resolve("shard-" + index).resolve("ShardTestCase").resolve("results.mergeable.json")
                .toAbsolutePath();
    }

    private static Path copied(Path folders, int index) {
        return folders.resolve("shard-" + index).resolve("ShardTestCase").resolve("results.mergeable.json")
                .toAbsolutePath();
    }

    private static Path copyShards(Path folders, int... indexes) throws IOException {
        for (int index : indexes) {
            Files.createDirectories(copied(folders, index).getParent());
            Files.copy(mergeable(index), copied(folders, index));
        }
        return folders;
    }

    private static void edit(Path file, String from, String to) throws IOException {
        String text = read(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to));
    }

    private static String runId(Path file) {
        return Json.parse(read(file)).get("runId").asText();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Histogram decode(String base64) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
        } catch (DataFormatException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Sends exactly {@link #PER_SHARD} requests per run, half of them to {@code /buggy} (which fails one in five),
     * whatever the users, then idles: a shard's count is known, so {@code count < 50} passes on each of three shards
     * and fails on their whole.
     */
    // Time to send them on a crowded machine, where a cold JVM's requests have been seen to take a second each.
    @LoadTest(duration = "5s", stopTimeout = "1s")
    @Users(count = 6)
    @Threshold("count < 50")
    static class ShardTestCase {

        @RegisterExtension
        static final SampleTargetExtension target = new SampleTargetExtension();

        static final AtomicInteger SENT = new AtomicInteger();
        static final List<Long> SEEN = new CopyOnWriteArrayList<>();

        @BeforeAll
        static void reset() {
            SENT.set(0);
        }

        @Task
        void send(Http http) throws InterruptedException {
            int sent = SENT.getAndIncrement();
            if (sent < PER_SHARD) {
                http.get(sent % 2 == 0 ? "/" : "/buggy");
            } else {
                Thread.sleep(50);
            }
        }

        @org.junit.jupiter.api.Test
        void receivesTheResult(LoadTestResult result) {
            SEEN.add(result.total().count());
        }
    }
}
