package dev.junitloadtest.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import dev.junitloadtest.ChildJvm;
import dev.junitloadtest.LoadTest;
import dev.junitloadtest.Task;
import dev.junitloadtest.Users;
import dev.junitloadtest.WaitTime;
import dev.junitloadtest.http.Http;
import dev.junitloadtest.internal.engine.LoadRun;
import dev.junitloadtest.json.Json;
import dev.junitloadtest.json.JsonValue;
import dev.junitloadtest.samples.SampleTargetExtension;
import dev.junitloadtest.sampletarget.SampleTarget;

/**
 * A run stopped from outside (Ctrl-C, a cancelled CI job, an evicted pod) still writes every output of what it measured,
 * each saying why it stopped, with a total equal to what the target received; and a run never leaves its folder mixed
 * with the previous run's files. Each run is a child JVM, since the signal ends the whole process.
 */
class StoppedRunTests {

    @RegisterExtension
    static final SampleTargetExtension sampleTarget = new SampleTargetExtension();

    @ParameterizedTest(name = "SIG{0}")
    @ValueSource(strings = {"TERM", "INT"})
    void aSignalledRunWritesEveryOutputSayingWhy(String signal, @TempDir Path reports) throws Exception {
        SampleTarget target = sampleTarget.target();
        Path folder = reports.resolve(SignalledTestCase.class.getSimpleName());
        leaveAPreviousRun(folder);
        target.resetCounter();
        long servedBefore = target.requestsServed();

        try (ChildJvm child = ChildJvm.start(SignalledTestCase.class, properties(reports), reports.resolve("out.txt"))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> target.requestsServed() - servedBefore >= 300
                    || !child.isAlive());
            assertThat(child.isAlive()).as("the child runs until signalled; its output:%n%s", child.output()).isTrue();
            child.signal(signal);
            child.awaitExit(LoadRun.SHUTDOWN_GRACE.plusSeconds(30));

            assertThat(folder).isDirectoryContaining("glob:**/stats.csv").isDirectoryContaining("glob:**/report.html");
            assertThat(Files.list(folder).map(path -> path.getFileName().toString()).sorted().toList())
                    .as("every output, and none of the previous run's").containsExactly("exceptions.csv",
                            "failures.csv", "report.html", "response-times.hlog", "results.mergeable.json",
                            "stats.csv", "stats_history.csv", "summary.json", "summary.md");
            JsonValue summary = Json.parse(Files.readString(folder.resolve("summary.json")));
            assertThat(summary.get("stopReason").asText()).isEqualTo(LoadRun.SHUTDOWN_REASON);
            assertThat(summary.at("/aggregated/count").asLong()).as("recorded = served")
                    .isEqualTo(target.requestsServed() - servedBefore).isGreaterThanOrEqualTo(300);
            assertThat(Files.readString(folder.resolve("report.html"))).contains("Stopped early.")
                    .doesNotContain("STALE");
            assertThat(child.output()).contains("stopped early: " + LoadRun.SHUTDOWN_REASON);
            assertThat(Files.readString(folder.resolve("summary.md")))
                    .contains("**Stopped early:** interrupted: the JVM is shutting down");
            String[] row = Files.readString(folder.resolve("stats.csv")).lines().filter(l -> l.startsWith("GET,/,"))
                    .findFirst().orElseThrow().split(",");
            assertThat(Long.parseLong(row[2])).isEqualTo(target.requestsServed() - servedBefore);
            // Only requests cut in flight by the stop may have failed: at most one per user.
            assertThat(Long.parseLong(row[3])).isLessThanOrEqualTo(10);
        }
    }

    @Test
    void aKilledRunLeavesNoneOfThePreviousRunsFilesBesideItsOwn(@TempDir Path reports) throws Exception {
        SampleTarget target = sampleTarget.target();
        Path folder = reports.resolve(SignalledTestCase.class.getSimpleName());
        leaveAPreviousRun(folder);
        long servedBefore = target.requestsServed();

        try (ChildJvm child = ChildJvm.start(SignalledTestCase.class, properties(reports), reports.resolve("out.txt"))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> target.requestsServed() - servedBefore >= 300
                    || !child.isAlive());
            // The streamed history has its first rows: the run has started and cleared the folder.
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.isRegularFile(folder.resolve("stats_history.csv"))
                    && Files.readAllLines(folder.resolve("stats_history.csv")).size() > 1);
            child.signal("KILL");
            child.awaitExit(Duration.ofSeconds(30));
        }
        // No mergeable results, not even half of them: a merge refuses this shard rather than count part of it.
        assertThat(Files.list(folder).map(path -> path.getFileName().toString()).sorted().toList())
                .containsExactly("response-times.hlog", "stats_history.csv");
    }

    private static Map<String, String> properties(Path reports) {
        return Map.of("loadtest.host", sampleTarget.baseUri().toString(), "loadtest.report-dir", reports.toString(),
                "loadtest.console.interval", "off");
    }

    private static void leaveAPreviousRun(Path folder) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("report.html"), "<html>STALE</html>");
        Files.writeString(folder.resolve("summary.json"), "{\"stale\": true}");
        Files.writeString(folder.resolve("notes-from-another-tool.txt"), "STALE");
    }

    @LoadTest(duration = "2m")
    @Users(count = 10)
    @WaitTime(min = "5ms", max = "5ms")
    static class SignalledTestCase {
        @Task
        void home(Http http) {
            http.get("/");
        }
    }
}
