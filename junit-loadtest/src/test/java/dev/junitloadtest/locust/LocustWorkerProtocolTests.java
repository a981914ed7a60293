package dev.junitloadtest.locust;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;

import dev.junitloadtest.EngineRuns;
import dev.junitloadtest.FixtureRun;
import dev.junitloadtest.LoadTest;
import dev.junitloadtest.Task;
import dev.junitloadtest.Users;
import dev.junitloadtest.WaitTime;
import dev.junitloadtest.http.Http;
import dev.junitloadtest.internal.locust.LocustMessage;
import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.sampletarget.SampleTarget;

/**
 * The worker's side of Locust's protocol against a scripted master: the message sequence of a newer Locust (2.19+
 * answers heartbeats, 2.29+ sends spawning_complete back, newer masters send message types a worker does not know),
 * a spawn naming a user class the class does not have, every message complete, and reports that add up to exactly
 * what the run recorded. Also what a worker does without a master to talk to.
 */
class LocustWorkerProtocolTests {

    private static final List<String> ENTRY_FIELDS = List.of("name", "method", "last_request_timestamp", "start_time",
            "num_requests", "num_none_requests", "num_failures", "total_response_time", "max_response_time",
            "min_response_time", "total_content_length", "response_times", "num_reqs_per_sec", "num_fail_per_sec");

    @Test
    void aNewerMastersSequenceGetsCompleteMessagesAndReportsThatAddUpToTheRun() throws Exception {
        AtomicBoolean quitSent = new AtomicBoolean();
        try (SampleTarget target = SampleTarget.start();
                FakeMaster master = new FakeMaster((message, reply) -> {
                    switch (message.type()) {
                        case "client_ready" -> {
                            reply.send("ack", Map.of("index", 0));
                            reply.send("spawn", Map.of("timestamp", 1764600000.25, "user_classes_count",
                                    Map.of("ProtocolTestCase", 2, "Ghost", 1), "host", target.baseUri().toString(),
                                    "stop_timeout", 0, "parsed_options", Map.of("num_users", 3)));
                        }
                        case "heartbeat" -> {
                            reply.send("heartbeat", null);
                            reply.send("update_user_class", Map.of("user_class_name", "ProtocolTestCase"));
                        }
                        case "spawning_complete" -> reply.send("spawning_complete", Map.of("user_count", 2));
                        case "stats" -> {
                            if (requests(message) > 0 && quitSent.compareAndSet(false, true)) {
                                reply.send("quit", null);
                            }
                        }
                        default -> {
                        }
                    }
                })) {
            long before = target.requestsServed();
            FixtureRun run = EngineRuns.runLoad(ProtocolTestCase.class, Map.of("loadtest.locust.master",
                    "127.0.0.1:" + master.port(), "loadtest.locust.timeout", "20s"));
            LoadTestResult result = run.result();
            List<LocustMessage> sent = master.received();

            assertThat(result.profile().loadModel()).isEqualTo("users set by the Locust master at 127.0.0.1:"
                    + master.port());
            assertThat(result.profile().host()).isEqualTo(target.baseUri().toString());
            assertThat(result.profile().hostSource()).isEqualTo("the Locust master (--host)");
            assertThat(sent.getFirst().type()).isEqualTo("client_ready");
            assertThat(sent.getFirst().data()).isEqualTo(-1L);
            assertThat(sent).extracting(LocustMessage::nodeId).containsOnly(sent.getFirst().nodeId());
            assertThat(sent.getFirst().nodeId()).matches(".+_[0-9a-f]{32}");
            assertThat(master.received("heartbeat")).isNotEmpty().allSatisfy(heartbeat -> assertThat(
                    heartbeat.dataMap().keySet()).containsExactly("state", "current_cpu_usage",
                            "current_memory_usage"));
            assertThat(types(sent)).containsSubsequence("spawning", "spawning_complete", "stats", "quit");
            assertThat(sent.getLast().type()).as("the worker says quit last").isEqualTo("quit");
            assertThat(master.received("spawning_complete").getFirst().dataMap()).isEqualTo(Map.of(
                    "user_classes_count", Map.of("ProtocolTestCase", 2L), "user_count", 2L));

            String ghost = "The Locust master asked for users of class Ghost, but ProtocolTestCase has no user type "
                    + "of that name (its user types: ProtocolTestCase); write its locustfile's user classes with "
                    + "those names (see locustfile.py in the class's output folder).";
            assertThat(master.received("exception")).extracting(message -> message.dataMap().get("msg"))
                    .contains(ghost, "java.lang.IllegalStateException: out of stock");
            assertThat(master.received("exception")).allSatisfy(exception -> assertThat(exception.dataMap().keySet())
                    .containsExactly("msg", "traceback"));
            assertThat(result.runFailures()).contains(ghost);

            List<LocustMessage> stats = master.received("stats");
            assertThat(stats).allSatisfy(report -> {
                assertThat(report.dataMap().keySet()).containsExactly("stats", "stats_total", "errors",
                        "user_classes_count", "user_count");
                assertThat(entry(report).keySet()).containsExactlyElementsOf(ENTRY_FIELDS);
                for (Object entry : (List<?>) report.dataMap().get("stats")) {
                    assertThat(List.copyOf(((Map<?, ?>) entry).keySet())).isEqualTo(ENTRY_FIELDS);
                }
            });
            long reported = stats.stream().mapToLong(LocustWorkerProtocolTests::requests).sum();
            long bucketed = stats.stream().flatMap(report -> ((Map<?, ?>) entry(report).get("response_times"))
                    .values().stream()).mapToLong(count -> (Long) count).sum();
            long perSecond = stats.stream().flatMap(report -> ((Map<?, ?>) entry(report).get("num_reqs_per_sec"))
                    .values().stream()).mapToLong(count -> (Long) count).sum();
            assertThat(result.total().count()).isEqualTo(target.requestsServed() - before).isPositive();
            assertThat(reported).as("the reports' deltas add up to the run").isEqualTo(result.total().count());
            assertThat(bucketed).isEqualTo(reported);
            assertThat(perSecond).isEqualTo(reported);
            assertThat(stats.getLast().dataMap().get("user_count")).as("no user runs after quit").isEqualTo(0L);

            long failures = stats.stream().mapToLong(report -> (Long) entry(report).get("num_failures")).sum();
            List<Map<Object, Object>> errors = stats.stream().flatMap(report -> map(report.dataMap().get("errors"))
                    .values().stream()).map(LocustWorkerProtocolTests::map).toList();
            assertThat(failures).isEqualTo(result.total().failures()).isPositive();
            assertThat(errors).allSatisfy(error -> assertThat(error).containsOnlyKeys("name", "method", "error",
                    "occurrences").containsEntry("name", "/buggy").containsEntry("method", "GET")
                    .containsEntry("error", "HTTP 500 Internal Server Error"));
            assertThat(errors.stream().mapToLong(error -> (Long) error.get("occurrences")).sum()).isEqualTo(failures);
        }
    }

    @Test
    void withoutAMasterTheRunFailsNamingWhereItLooked() {
        int port = LocustMaster.freePort();
        String message = runFailure(Map.of("loadtest.locust.master", "127.0.0.1:" + port,
                "loadtest.locust.timeout", "1s"));
        assertThat(message).isEqualTo("No Locust master answered at 127.0.0.1:" + port + " within 1s "
                + "(-Dloadtest.locust.master=127.0.0.1:" + port + ", -Dloadtest.locust.timeout=1s): start it with "
                + "`locust -f locustfile.py --master --master-bind-port " + port + "`, and check that this machine "
                + "can reach that host and port. The worker stopped without running.");
    }

    @Test
    void aMasterThatNeverStartsTheLoadFailsTheRunAfterTheTimeout() throws Exception {
        try (FakeMaster master = new FakeMaster((message, reply) -> {
            if (message.type().equals("client_ready")) {
                reply.send("ack", Map.of("index", 0));
            }
        })) {
            String message = runFailure(Map.of("loadtest.locust.master", "127.0.0.1:" + master.port(),
                    "loadtest.locust.timeout", "3s"));
            assertThat(message).isEqualTo("The Locust master at 127.0.0.1:" + master.port() + " started no load "
                    + "within 3s (-Dloadtest.locust.master=127.0.0.1:" + master.port() + ", "
                    + "-Dloadtest.locust.timeout=3s): start it from the master's web UI, or run the master "
                    + "--headless with -u, -r and -t. The worker stopped without running.");
            assertThat(types(master.received())).startsWith("client_ready").contains("heartbeat").last()
                    .isEqualTo("quit");
        }
    }

    @Test
    void aBadMasterAddressFailsTheClassBeforeAnyUserStarts() {
        assertThat(EngineRuns.configurationError(ProtocolTestCase.class, Map.of("loadtest.locust.master",
                "127.0.0.1:99999"))).isEqualTo("Configuration parameter `loadtest.locust.master` must be HOST or "
                        + "HOST:PORT (port 1 to 65535, default 5557; an IPv6 address in brackets), but was "
                        + "\"127.0.0.1:99999\".");
        assertThat(EngineRuns.configurationError(ProtocolTestCase.class, Map.of("loadtest.locust.master",
                "127.0.0.1", "loadtest.locust.timeout", "soon"))).isEqualTo("Configuration parameter "
                        + "`loadtest.locust.timeout` must be a duration such as 500ms, 30s, 2m, 1h30m or PT2M, "
                        + "greater than 0, but was 'soon'.");
        assertThat(EngineRuns.configurationError(ProtocolTestCase.class, Map.of("loadtest.locust.master",
                "127.0.0.1", "loadtest.shard", "1/3"))).isEqualTo("Configuration parameter "
                        + "`loadtest.locust.master` cannot be given with `loadtest.shard`: a Locust master decides "
                        + "each worker's users, so a worker runs neither a shard of the class's own load nor a merge.");
    }

    private static String runFailure(Map<String, String> parameters) {
        FixtureRun run = EngineRuns.runLoad(ProtocolTestCase.class, parameters);
        return run.allEvents().failed().stream()
                .map(event -> event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow())
                .map(Throwable::getMessage).findFirst()
                .orElseThrow(() -> new AssertionError("nothing failed: " + run.allEvents().list()));
    }

    private static List<String> types(List<LocustMessage> messages) {
        return messages.stream().map(LocustMessage::type).toList();
    }

    private static Map<Object, Object> entry(LocustMessage report) {
        return map(report.dataMap().get("stats_total"));
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> map(Object decoded) {
        return (Map<Object, Object>) decoded;
    }

    private static long requests(LocustMessage report) {
        return (Long) entry(report).get("num_requests");
    }

    @LoadTest(duration = "1s")
    @Users(count = 1)
    @WaitTime(min = "10ms", max = "10ms")
    static class ProtocolTestCase {
        @Task(weight = 9)
        void home(Http http) {
            http.get("/");
        }

        @Task(weight = 3)
        void buggy(Http http) {
            // The sample target fails one request in five here.
            http.get("/buggy");
        }

        @Task
        void broken() {
            throw new IllegalStateException("out of stock");
        }
    }
}
