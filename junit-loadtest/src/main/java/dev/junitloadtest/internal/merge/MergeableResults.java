package dev.junitloadtest.internal.merge;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.apiguardian.api.API;

import dev.junitloadtest.internal.config.Shard;
import dev.junitloadtest.internal.recording.Histograms;
import dev.junitloadtest.json.Json;
import dev.junitloadtest.json.JsonValue;
import dev.junitloadtest.result.ExceptionStats;
import dev.junitloadtest.result.FailureStats;
import dev.junitloadtest.result.GeneratorHealth;
import dev.junitloadtest.result.LatencyDistribution;
import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.result.RequestStats;
import dev.junitloadtest.result.ResultBuilder;
import dev.junitloadtest.result.StopReason;
import dev.junitloadtest.result.TaskStats;

/**
 * A run's mergeable results, {@value #FILE_NAME} in its class's output folder: everything a merge needs to rebuild the
 * whole of several shards exactly, in the format {@value #FORMAT}. Per request (method and name): the exact counts and
 * the full response- and service-time HdrHistograms; every recorded interval with its own histograms, counts and
 * users, on the run's clock, with the run's wall-clock start to align shards by; the failures, exceptions and task
 * tables; the generator's health with its histograms; the stop reason, the run failures and warnings; a run id and
 * the shard. Histograms are HdrHistogram's compressed encoding in base64 (as in {@code .hlog} lines and
 * {@code summary.json}). The file is written last, to a temporary file renamed into place, so a file that is there
 * is whole, and a run that died while writing it leaves {@value #TEMPORARY_NAME} behind. Internal.
 */
@API(status = INTERNAL, since = "0.1")
public final class MergeableResults {

    /** The file's name in the class's output folder. */
    public static final String FILE_NAME = "results.mergeable.json";

    /** The name it is written under before it is renamed into place. */
    public static final String TEMPORARY_NAME = FILE_NAME + ".partial";

    /** The format's identifier; a change that is not an addition gets a new version. */
    public static final String FORMAT = "junit-loadtest/mergeable/v1";

    /** The shard of a run that was not split. */
    static final String WHOLE = "whole";

    /** The shard of a Locust worker's run: its master decided its users, so it is one of any number. */
    static final String LOCUST_WORKER = "locust-worker";

    private MergeableResults() {
    }

    /**
     * Writes {@code result}, the unjudged result of a run of {@code testClass} as shard {@code shard} (or as a Locust
     * {@code worker}), to {@value #FILE_NAME} in {@code directory}, under a new run id; returns the file.
     */
    public static Path write(Path directory, Class<?> testClass, Shard shard, boolean worker, LoadTestResult result)
            throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", FORMAT);
        json.put("testClass", testClass.getName());
        json.put("test", result.profile().testName());
        json.put("runId", UUID.randomUUID().toString());
        json.put("shard", worker ? LOCUST_WORKER : shard.isWhole() ? WHOLE : shard.toString());
        json.put("startedAt", result.startedAt().toString());
        json.put("elapsedNanos", result.elapsed().toNanos());
        json.put("count", result.total().count());
        json.put("failureCount", result.total().failures());
        List<Object> requests = new ArrayList<>();
        for (RequestStats stats : result.requests()) {
            Map<String, Object> request = key(stats.method(), stats.name());
            request.put("count", stats.count());
            request.put("failures", stats.failures());
            request.put("bytes", stats.totalBytes());
            request.put("responseTimes", Histograms.base64(stats.responseTimes().histogram()));
            request.put("serviceTimes", Histograms.base64(stats.serviceTimes().histogram()));
            requests.add(request);
        }
        json.put("requests", requests);
        List<Object> intervals = new ArrayList<>();
        for (ResultBuilder.Interval interval : ResultBuilder.intervals(result)) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("startNanos", interval.start().toNanos());
            entry.put("endNanos", interval.end().toNanos());
            entry.put("users", interval.users());
            List<Object> slices = new ArrayList<>();
            for (ResultBuilder.IntervalRequest request : interval.requests()) {
                Map<String, Object> slice = key(request.method(), request.name());
                slice.put("count", request.count());
                slice.put("failures", request.failures());
                slice.put("bytes", request.bytes());
                slice.put("responseTimes", Base64.getEncoder().encodeToString(request.responseTimes()));
                slice.put("serviceTimes", request.serviceTimes() == null ? null
                        : Base64.getEncoder().encodeToString(request.serviceTimes()));
                slices.add(slice);
            }
            entry.put("requests", slices);
            intervals.add(entry);
        }
        json.put("intervals", intervals);
        json.put("failures", result.failures().stream().map(failure -> {
            Map<String, Object> row = key(failure.method(), failure.name());
            row.put("error", failure.error());
            row.put("occurrences", failure.occurrences());
            return row;
        }).toList());
        json.put("exceptions", result.exceptions().stream().map(exception -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("count", exception.count());
            row.put("message", exception.message());
            row.put("traceback", exception.traceback());
            row.put("where", exception.where().stream().sorted().toList());
            return row;
        }).toList());
        json.put("tasks", result.tasks().stream().map(task -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("userType", task.userType());
            row.put("task", task.task());
            row.put("iterations", task.iterations());
            row.put("exceptions", task.exceptions());
            return row;
        }).toList());
        json.put("droppedIterations", result.droppedIterations());
        json.put("notSent", result.notSent());
        json.put("warnings", result.warnings());
        json.put("runFailures", result.runFailures());
        json.put("stop", result.stop().map(stop -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("kind", stop.kind().name());
            row.put("description", stop.description());
            row.put("threshold", stop.threshold());
            return row;
        }));
        json.put("generator", generator(result.generatorHealth()));
        // Last: a reader that finds it has the whole file, whatever copied it.
        json.put("complete", true);
        Files.createDirectories(directory);
        Path temporary = directory.resolve(TEMPORARY_NAME);
        Path file = directory.resolve(FILE_NAME);
        Files.writeString(temporary, Json.write(json), StandardCharsets.UTF_8);
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    /**
     * Reads the mergeable results in {@code file}.
     *
     * @throws IllegalArgumentException with the reason, if it is not a whole file of format {@value #FORMAT}
     */
    static ShardRun read(Path file) throws IOException {
        JsonValue json;
        try {
            json = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (!json.isObject()) {
            throw new IllegalArgumentException("it is not a JSON object");
        }
        String format = json.get("format").text().orElse("");
        if (!format.equals(FORMAT)) {
            throw new UnknownFormatException(format);
        }
        if (!json.get("complete").isMissing() && json.get("complete").asBoolean()) {
            return parse(file, json);
        }
        throw new IllegalArgumentException("it does not end with \"complete\": true");
    }

    private static ShardRun parse(Path file, JsonValue json) {
        try {
            String shardText = json.get("shard").asText();
            boolean worker = shardText.equals(LOCUST_WORKER);
            Shard shard = shardText.equals(WHOLE) || worker ? Shard.whole() : Shard.parse(shardText)
                    .orElseThrow(() -> new IllegalArgumentException("its shard '" + shardText + "' is not I/N"));
            List<ShardRun.Request> requests = new ArrayList<>();
            for (JsonValue request : json.get("requests").elements()) {
                requests.add(new ShardRun.Request(request.get("method").asText(), request.get("name").asText(),
                        request.get("count").asLong(), request.get("failures").asLong(), request.get("bytes").asLong(),
                        Histograms.fromBase64(request.get("responseTimes").asText()),
                        Histograms.fromBase64(request.get("serviceTimes").asText())));
            }
            List<ShardRun.Interval> intervals = new ArrayList<>();
            for (JsonValue interval : json.get("intervals").elements()) {
                List<ResultBuilder.IntervalRequest> slices = new ArrayList<>();
                for (JsonValue slice : interval.get("requests").elements()) {
                    slices.add(new ResultBuilder.IntervalRequest(slice.get("method").asText(),
                            slice.get("name").asText(), bytes(slice.get("responseTimes").asText()),
                            slice.get("serviceTimes").isNull() ? null : bytes(slice.get("serviceTimes").asText()),
                            slice.get("count").asLong(), slice.get("failures").asLong(), slice.get("bytes").asLong()));
                }
                intervals.add(new ShardRun.Interval(interval.get("startNanos").asLong(),
                        interval.get("endNanos").asLong(), interval.get("users").asInt(), slices));
            }
            List<FailureStats> failures = json.get("failures").elements().stream().map(row -> new FailureStats(
                    row.get("method").asText(), row.get("name").asText(), row.get("error").asText(),
                    row.get("occurrences").asLong())).toList();
            List<ExceptionStats> exceptions = json.get("exceptions").elements().stream().map(row ->
                    new ExceptionStats(row.get("count").asLong(), row.get("message").asText(),
                            row.get("traceback").asText(), new LinkedHashSet<>(
                                    row.get("where").elements().stream().map(JsonValue::asText).toList())))
                    .toList();
            List<TaskStats> tasks = json.get("tasks").elements().stream().map(row -> new TaskStats(
                    row.get("userType").asText(), row.get("task").asText(), row.get("iterations").asLong(),
                    row.get("exceptions").asLong())).toList();
            Map<String, Long> notSent = new LinkedHashMap<>();
            json.get("notSent").fields().forEach((reason, count) -> notSent.put(reason, count.asLong()));
            JsonValue stopJson = json.get("stop");
            Optional<StopReason> stop = stopJson.isNull() || stopJson.isMissing() ? Optional.empty()
                    : Optional.of(new StopReason(StopReason.Kind.valueOf(stopJson.get("kind").asText()),
                            stopJson.get("description").asText(), stopJson.get("threshold").isNull()
                                    ? Optional.empty() : Optional.of(stopJson.get("threshold").asText())));
            return new ShardRun(file, json.get("testClass").asText(), json.get("runId").asText(), shard, worker,
                    Instant.parse(json.get("startedAt").asText()), Duration.ofNanos(json.get("elapsedNanos").asLong()),
                    json.get("count").asLong(), json.get("failureCount").asLong(), requests, intervals, failures,
                    exceptions, tasks, json.get("droppedIterations").asLong(), notSent, texts(json.get("warnings")),
                    texts(json.get("runFailures")), stop, generator(json.get("generator")));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static List<String> texts(JsonValue array) {
        return array.elements().stream().map(JsonValue::asText).toList();
    }

    private static Map<String, Object> key(String method, String name) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("method", method);
        json.put("name", name);
        return json;
    }

    private static Map<String, Object> generator(GeneratorHealth health) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("cores", health.cores());
        json.put("cpuAverage", health.cpuAverage());
        json.put("cpuPeak", health.cpuPeak());
        json.put("saturatedSeconds", health.saturatedSeconds());
        json.put("measuredSeconds", health.measuredSeconds());
        json.put("pauses", Histograms.base64(health.pauses().histogram()));
        json.put("schedulingLag", Histograms.base64(health.schedulingLag().histogram()));
        json.put("gcTimeNanos", health.gcTime().toNanos());
        json.put("problems", health.problems());
        return json;
    }

    private static GeneratorHealth generator(JsonValue json) {
        return new GeneratorHealth(json.get("cores").asInt(), json.get("cpuAverage").asDouble(),
                json.get("cpuPeak").asDouble(), json.get("saturatedSeconds").asLong(),
                json.get("measuredSeconds").asLong(),
                LatencyDistribution.ofMicros(Histograms.fromBase64(json.get("pauses").asText())),
                LatencyDistribution.ofMicros(Histograms.fromBase64(json.get("schedulingLag").asText())),
                Duration.ofNanos(json.get("gcTimeNanos").asLong()), texts(json.get("problems")));
    }

    private static byte[] bytes(String base64) {
        return Base64.getDecoder().decode(base64);
    }

    /** A file of another format than {@value #FORMAT}: a later version, or not junit-loadtest's. */
    static final class UnknownFormatException extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        UnknownFormatException(String format) {
            super(format);
        }
    }
}
