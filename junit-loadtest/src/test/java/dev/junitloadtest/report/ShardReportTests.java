package dev.junitloadtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.junitloadtest.LoadTest;
import dev.junitloadtest.Task;
import dev.junitloadtest.Users;
import dev.junitloadtest.WaitTime;
import dev.junitloadtest.http.Http;
import dev.junitloadtest.samples.SampleTargetExtension;

/** The console and the summaries of a shard's run say which shard ran, and its part of the whole. */
class ShardReportTests {

    @TempDir
    Path reports;

    @Test
    void theConsoleAndTheSummariesNameTheShardAndItsShare() throws IOException {
        EngineRun run = EngineRun.of(ShardTestCase.class, Map.of("loadtest.shard", "1/3",
                "loadtest.report-dir", reports.toString(), "loadtest.console.interval", "1s"));
        run.results().testEvents().assertStatistics(stats -> stats.failed(0));
        String load = "shard 1/3: 4 of 11 users; 4 users started at once for 1s";
        assertThat(run.out()).contains("[ShardTestCase] running " + load + " against http://")
                .containsPattern("\\[ShardTestCase\\] [0-9,]+ requests, 0 failures \\(0\\.00%\\) in [0-9.]+ s \\("
                        + load.replace(".", "\\.") + "\\)");
        Path dir = reports.resolve("ShardTestCase");
        assertThat(Files.readString(dir.resolve("summary.md"), StandardCharsets.UTF_8)).contains("(" + load
                + " against http://");
        assertThat(Files.readString(dir.resolve("summary.json"), StandardCharsets.UTF_8))
                .contains("\"loadModel\": \"" + load + "\"");
    }

    @LoadTest(duration = "1s")
    @Users(count = 11)
    @WaitTime(min = "50ms", max = "50ms")
    static class ShardTestCase {

        @RegisterExtension
        static final SampleTargetExtension target = new SampleTargetExtension();

        @Task
        void home(Http http) {
            http.get("/");
        }
    }
}
