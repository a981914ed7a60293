package dev.junitloadtest.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.junitloadtest.ChildJvm;
import dev.junitloadtest.LoadTest;
import dev.junitloadtest.Task;
import dev.junitloadtest.Threshold;
import dev.junitloadtest.Users;
import dev.junitloadtest.http.Http;
import dev.junitloadtest.json.Json;
import dev.junitloadtest.json.JsonValue;
import dev.junitloadtest.samples.SampleTargetExtension;
import dev.junitloadtest.sampletarget.SampleTarget;

/**
 * The README's recipe, as a Kubernetes Indexed Job runs it: three shard JVMs at once, each given
 * {@code -Dloadtest.shards=3} and its index in {@code JOB_COMPLETION_INDEX}, writing to a folder of its own on a shared
 * volume; then a fourth JVM merges them with {@code -Dloadtest.merge}. The merge counts what the target served, its
 * p99 is that of one histogram of every shard's samples, and its budget fails where every shard's passed.
 */
class ShardedJvmsTests {

    @RegisterExtension
    static final SampleTargetExtension sampleTarget = new SampleTargetExtension();

    @Test
    void threeShardJvmsAndAMergeJudgeTheWhole(@TempDir Path results, @TempDir Path merged) throws Exception {
        SampleTarget target = sampleTarget.target();
        long before = target.requestsServed();
        List<ChildJvm> shards = new ArrayList<>();
        try {
            for (int index = 0; index < 3; index++) {
                shards.add(ChildJvm.start(JvmShardTestCase.class, Map.of("loadtest.shards", "3",
                        "loadtest.report-dir", results.resolve("shard-" + index).toString(),
                        "loadtest.host", target.baseUri().toString(), "loadtest.console.interval", "off"),
                        List.of(), List.of("env", "JOB_COMPLETION_INDEX=" + index),
                        results.resolve("shard-" + index + ".txt")));
            }
            for (ChildJvm shard : shards) {
                assertThat(shard.awaitExit(Duration.ofMinutes(3))).as("a shard passes its budget; its output:%n%s",
                        shard.output()).isZero();
            }
        } finally {
            shards.forEach(ChildJvm::close);
        }
        long served = target.requestsServed() - before;

        Histogram all = new Histogram(3);
        for (int index = 0; index < 3; index++) {
            JsonValue file = Json.parse(Files.readString(results.resolve("shard-" + index)
                    .resolve(JvmShardTestCase.class.getSimpleName()).resolve("results.mergeable.json")));
            assertThat(file.get("shard").asText()).isEqualTo(index + "/3");
            assertThat(file.get("count").asLong()).as("shard %d sent its 20 requests", index).isEqualTo(20);
            for (JsonValue request : file.get("requests").elements()) {
                all.add(Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder()
                        .decode(request.get("responseTimes").asText())), 0));
            }
        }

        try (ChildJvm merge = ChildJvm.start(JvmShardTestCase.class, Map.of("loadtest.merge", results.toString(),
                "loadtest.report-dir", merged.toString(), "loadtest.host", target.baseUri().toString(),
                "loadtest.console.interval", "off"), results.resolve("merge.txt"))) {
            assertThat(merge.awaitExit(Duration.ofMinutes(2))).as("the whole fails its budget; the merge's output:%n%s",
                    merge.output()).isEqualTo(1);
            assertThat(merge.output()).contains("count < 50: count of all requests was 60, budget < 50");
        }
        JsonValue summary = Json.parse(Files.readString(merged.resolve(JvmShardTestCase.class.getSimpleName())
                .resolve("summary.json")));
        assertThat(summary.at("/aggregated/count").asLong()).isEqualTo(served).isEqualTo(60);
        assertThat(all.getTotalCount()).isEqualTo(served);
        assertThat(summary.at("/aggregated/responseTimeMs/p99").asDecimal().doubleValue())
                .isEqualTo(all.getValueAtPercentile(99) / 1000.0);
        assertThat(Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder()
                .decode(summary.at("/aggregated/histogram").asText())), 0)).isEqualTo(all);
        assertThat(summary.at("/thresholds/0/passed").asBoolean()).isFalse();
    }

    /** Sends exactly 20 requests per JVM, whatever its users, then idles: see {@code ShardMergeTests.ShardTestCase}. */
    // Time to send them on a crowded machine, where a cold JVM's requests have been seen to take a second each.
    @LoadTest(duration = "5s", stopTimeout = "1s")
    @Users(count = 6)
    @Threshold("count < 50")
    static class JvmShardTestCase {

        static final AtomicInteger SENT = new AtomicInteger();

        @Task
        void send(Http http) throws InterruptedException {
            int sent = SENT.getAndIncrement();
            if (sent < 20) {
                http.get(sent % 2 == 0 ? "/" : "/buggy");
            } else {
                Thread.sleep(50);
            }
        }
    }
}
