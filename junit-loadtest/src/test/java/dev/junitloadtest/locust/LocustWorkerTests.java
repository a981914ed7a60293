package dev.junitloadtest.locust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.junitloadtest.ChildJvm;
import dev.junitloadtest.EngineRuns;
import dev.junitloadtest.LoadTest;
import dev.junitloadtest.Task;
import dev.junitloadtest.UserType;
import dev.junitloadtest.Users;
import dev.junitloadtest.WaitTime;
import dev.junitloadtest.http.Http;
import dev.junitloadtest.json.Json;
import dev.junitloadtest.json.JsonValue;
import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.sampletarget.SampleTarget;

/**
 * Load test classes run as workers of a real Locust master (Debian's python3-locust 2.12.1 in CI), over Locust's own
 * protocol: two worker JVMs against the sample target, the master headless or driven through its web API. What the
 * target served, what each worker recorded and what the master counted must agree exactly. The commands are the
 * README's.
 */
class LocustWorkerTests {

    private static final Pattern RUNS = Pattern.compile("WorkerTestCase runs \\{([^}]*)\\} users, as the Locust "
            + "master asked\\.");

    @Test
    void twoWorkersOfAHeadlessMasterRecordExactlyWhatTheTargetServedAndTheMasterCounted(@TempDir Path dir)
            throws Exception {
        LocustMaster.requireLocust();
        int port = LocustMaster.freePort();
        try (SampleTarget target = SampleTarget.start();
                ChildJvm one = worker(port, dir, 1);
                ChildJvm two = worker(port, dir, 2)) {
            Path locustfile = locustfileOf(one, dir, 1);
            long before = target.requestsServed();
            try (LocustMaster master = LocustMaster.start(locustfile, port, 0, dir, "--headless",
                    "--expect-workers", "2", "--expect-workers-max-wait", "60", "-u", "6", "-r", "100", "-t", "4s",
                    "--csv", dir.resolve("master").toString(), "--host", target.baseUri().toString())) {
                assertThat(master.awaitExit(Duration.ofSeconds(120))).as("the master's exit code; its log:%n%s",
                        master.log()).isZero();
                assertThat(one.awaitExit(Duration.ofSeconds(60))).as("worker 1:%n%s", one.output()).isZero();
                assertThat(two.awaitExit(Duration.ofSeconds(60))).as("worker 2:%n%s", two.output()).isZero();

                long first = recorded(dir, 1);
                long second = recorded(dir, 2);
                assertThat(first).as("worker 1's count").isPositive();
                assertThat(second).as("worker 2's count").isPositive();
                assertThat(first + second).as("the workers' counts add up to what the target served")
                        .isEqualTo(target.requestsServed() - before);
                // The workers' own exact results merge into the whole, as a split's shards do.
                LoadTestResult merged = EngineRuns.runLoad(WorkerTestCase.class, Map.of("loadtest.merge",
                        dir.toString(), "loadtest.report-dir", dir.resolve("merged").toString())).result();
                assertThat(merged.total().count()).as("the merge of the workers' results").isEqualTo(first + second);
                assertThat(merged.warnings()).filteredOn(warning -> warning.startsWith("Locust worker run "))
                        .hasSize(2);
                // At its time limit the master tells its workers to quit and listens half a second more for their
                // last reports: on a loaded machine one may come later, so its summary and CSV hold at most the
                // workers' sum here (the web API test, which stops before it ends, checks they equal it).
                assertThat(printedTotal(master.log())).as("the master's final summary").isBetween(0L, first + second);
                String[] aggregated = masterRow(dir.resolve("master_stats.csv"), "Aggregated");
                assertThat(Long.parseLong(aggregated[2])).as("the master's CSV: %s", String.join(",", aggregated))
                        .isBetween(0L, first + second);
                assertThat(Long.parseLong(aggregated[3])).as("failures").isZero();

                assertThat(sum(lastRun(one.output()), lastRun(two.output())))
                        .as("users the workers ran, as the master split -u 6 over weights 2:1")
                        .isEqualTo(Map.of("Reader", 4, "Writer", 2));
                assertThat(lastRun(one.output()).values().stream().mapToInt(Integer::intValue).sum())
                        .as("worker 1's share").isEqualTo(3);
                // The master logs the users its workers said they run, once they all did.
                assertThat(master.log()).contains("All users spawned: {\"Reader\": 4, \"Writer\": 2} (6 total users)")
                        .doesNotContain("Traceback");
            }
        }
    }

    @Test
    void theMastersWebApiLowersStopsAndRestartsTheWorkersUsers(@TempDir Path dir) throws Exception {
        LocustMaster.requireLocust();
        int port = LocustMaster.freePort();
        int webPort = LocustMaster.freePort();
        try (SampleTarget target = SampleTarget.start();
                ChildJvm one = worker(port, dir, 1);
                ChildJvm two = worker(port, dir, 2)) {
            Path locustfile = locustfileOf(one, dir, 1);
            long before = target.requestsServed();
            try (LocustMaster master = LocustMaster.start(locustfile, port, webPort, dir, "--web-host", "127.0.0.1",
                    "--web-port", Integer.toString(webPort), "--csv", dir.resolve("master").toString())) {
                await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                        .until(() -> master.stats().get("workers").size() == 2);
                String host = "&host=" + URLEncoder.encode(target.baseUri().toString(), StandardCharsets.UTF_8);

                master.post("/swarm", "user_count=4&spawn_rate=100" + host);
                await().atMost(Duration.ofSeconds(30)).until(() -> users(master) == 4
                        && target.requestsServed() - before >= 100);

                // Fewer users while running: each worker stops some of its own.
                master.post("/swarm", "user_count=2&spawn_rate=100" + host);
                await().atMost(Duration.ofSeconds(30)).until(() -> users(master) == 2);
                assertThat(sum(lastRun(one.output()), lastRun(two.output())))
                        .isEqualTo(Map.of("Reader", 1, "Writer", 1));

                master.get("/stop");
                await().atMost(Duration.ofSeconds(30)).until(() -> "stopped".equals(master.stats().get("state")
                        .asText()) && users(master) == 0 && readyWorkers(master) == 2);
                long atStop = target.requestsServed();
                assertThat(lastRun(one.output()).values()).containsOnly(0);
                assertThat(lastRun(two.output()).values()).containsOnly(0);
                // The workers report every 3 s: soon after the stop, the master has every request of the first run.
                await().atMost(Duration.ofSeconds(30)).until(() -> masterTotal(master) == atStop - before);

                master.post("/swarm", "user_count=2&spawn_rate=100" + host);
                await().atMost(Duration.ofSeconds(30)).until(() -> users(master) == 2
                        && target.requestsServed() - atStop >= 100);
                assertThat(sum(lastRun(one.output()), lastRun(two.output())))
                        .isEqualTo(Map.of("Reader", 1, "Writer", 1));

                master.get("/stop");
                await().atMost(Duration.ofSeconds(30)).until(() -> users(master) == 0 && readyWorkers(master) == 2);
                long served = target.requestsServed() - before;
                // A new run starts the master's statistics afresh; the workers keep counting the whole session.
                long servedSinceRestart = target.requestsServed() - atStop;
                await().atMost(Duration.ofSeconds(30)).until(() -> masterTotal(master) == servedSinceRestart);
                Path csv = dir.resolve("master_stats.csv");
                await().atMost(Duration.ofSeconds(30)).until(() -> Files.isRegularFile(csv)
                        && Long.parseLong(masterRow(csv, "Aggregated")[2]) == servedSinceRestart);
                master.terminate();
                master.awaitExit(Duration.ofSeconds(60));
                assertThat(one.awaitExit(Duration.ofSeconds(60))).as("worker 1:%n%s", one.output()).isZero();
                assertThat(two.awaitExit(Duration.ofSeconds(60))).as("worker 2:%n%s", two.output()).isZero();
                assertThat(recorded(dir, 1) + recorded(dir, 2)).isEqualTo(served);
                assertThat(master.log()).doesNotContain("Traceback");
            }
        }
    }

    private static ChildJvm worker(int port, Path dir, int number) {
        return ChildJvm.start(WorkerTestCase.class, Map.of("loadtest.locust.master", "127.0.0.1:" + port,
                "loadtest.locust.timeout", "60s", "loadtest.report-dir", dir.resolve("worker-" + number).toString(),
                "loadtest.console.interval", "off"), dir.resolve("worker-" + number + ".txt"));
    }

    /** The locustfile the worker wrote for the master, once complete. */
    private static Path locustfileOf(ChildJvm worker, Path dir, int number) {
        Path file = dir.resolve("worker-" + number).resolve("WorkerTestCase").resolve("locustfile.py");
        await().atMost(Duration.ofSeconds(60)).until(() -> !worker.isAlive()
                || Files.isRegularFile(file) && Files.readString(file).contains("class Writer(User):"));
        assertThat(worker.isAlive()).as("the worker waits for its master; its output:%n%s", worker.output()).isTrue();
        return file;
    }

    private static long recorded(Path dir, int number) throws IOException {
        JsonValue summary = Json.parse(Files.readString(dir.resolve("worker-" + number).resolve("WorkerTestCase")
                .resolve("summary.json")));
        return summary.at("/aggregated/count").asLong();
    }

    private static final Pattern PRINTED_TOTAL = Pattern.compile("(?m)^\\s+Aggregated\\s+(\\d+)\\s+\\d+\\(");

    /** The request count of the master's last printed statistics table. */
    private static long printedTotal(String log) {
        Matcher matcher = PRINTED_TOTAL.matcher(log);
        long last = -1;
        while (matcher.find()) {
            last = Long.parseLong(matcher.group(1));
        }
        return last;
    }

    private static String[] masterRow(Path csv, String name) throws IOException {
        return Files.readAllLines(csv).stream().map(line -> line.split(",", -1))
                .filter(row -> row.length > 3 && row[1].replace("\"", "").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("No " + name + " row in " + csv + ":\n" + read(csv)));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The user counts of the worker's last spawn, by type. */
    private static Map<String, Integer> lastRun(String output) {
        Matcher matcher = RUNS.matcher(output);
        String last = null;
        while (matcher.find()) {
            last = matcher.group(1);
        }
        assertThat(last).as("a spawn in the worker's output:%n%s", output).isNotNull();
        Map<String, Integer> counts = new TreeMap<>();
        for (String pair : last.split(", ")) {
            String[] parts = pair.split("=");
            counts.put(parts[0], Integer.parseInt(parts[1]));
        }
        return counts;
    }

    private static Map<String, Integer> sum(Map<String, Integer> one, Map<String, Integer> two) {
        Map<String, Integer> sum = new TreeMap<>(one);
        two.forEach((type, count) -> sum.merge(type, count, Integer::sum));
        return sum;
    }

    private static int users(LocustMaster master) {
        return master.stats().get("user_count").asInt();
    }

    private static long readyWorkers(LocustMaster master) {
        List<JsonValue> workers = master.stats().get("workers").elements();
        return workers.stream().filter(worker -> worker.get("state").asText().equals("ready")).count();
    }

    private static long masterTotal(LocustMaster master) {
        return master.stats().get("stats").elements().stream()
                .filter(entry -> entry.get("name").asText().equals("Aggregated"))
                .mapToLong(entry -> entry.get("num_requests").asLong()).findFirst().orElse(-1);
    }

    @LoadTest(duration = "2s")
    @Users(count = 1)
    @UserType(value = Reader.class, weight = 2)
    @UserType(value = Writer.class, weight = 1)
    static class WorkerTestCase {
        @Test
        void ran() {
            // The run's own outputs are what the tests read.
        }
    }

    @WaitTime(min = "20ms", max = "20ms")
    static class Reader {
        @Task
        void read(Http http) {
            http.get("/");
        }
    }

    @WaitTime(min = "20ms", max = "20ms")
    static class Writer {
        @Task
        void write(Http http) {
            http.get("/");
        }
    }
}
