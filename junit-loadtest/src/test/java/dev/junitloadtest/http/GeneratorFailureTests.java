package dev.junitloadtest.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;

import dev.junitloadtest.EngineRuns;
import dev.junitloadtest.FixtureRun;
import dev.junitloadtest.LoadTest;
import dev.junitloadtest.Task;
import dev.junitloadtest.Users;
import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.sampletarget.SampleTarget;

/**
 * When the load generator itself fails (HttpClient's I/O thread dies, file descriptors run out), the run stops, fails
 * saying why and what to do, and no request it could not send is counted as the target's failure. Each case runs in a
 * child JVM (a small heap, a low file limit), bounded in time; the target runs in this JVM.
 */
class GeneratorFailureTests {

    /** Longest a child may run: its load test lasts 10 s at most, plus its stop. */
    private static final long CHILD_LIMIT_SECONDS = 60;

    @Test
    void anOutOfMemoryErrorThatKillsAnIoThreadStopsAndFailsTheRun(@TempDir Path dir) throws Exception {
        // Bodies of 256 MB: HttpClient holds a response whole while it arrives, and a 64 MB heap cannot, so the
        // OutOfMemoryError is thrown on the I/O thread that reads it. Before the fix, the users went on and recorded
        // thousands of instant IOReactorShutdownException "failures" for requests never sent, and the run passed.
        // HttpClient's I/O threads exist on its transport only (on the lean one the user's own thread gets the error).
        try (TrickleServer server = new TrickleServer(256, 1 << 20, 0)) {
            Map<String, String> child = runChild(dir, List.of("-Xmx64m", "-XX:ActiveProcessorCount=2",
                    "-Dchild.transport=httpclient"),
                    BigBodiesTestCase.class, server.baseUri(), "");

            assertThat(child.get("runFailures")).startsWith("The load generator failed: HttpClient's I/O thread "
                    + "loadtest-http-BigBodiesTestCase-").contains(" died of java.lang.OutOfMemoryError: Java heap "
                    + "space, so requests could no longer be sent. The run was stopped at once. Every response is "
                    + "held in memory whole while it arrives, for all users at once, and the heap of this JVM is ")
                    .endsWith(" MB: give the test JVM more heap (-Xmx, e.g. in Surefire's argLine), run fewer users, or "
                            + "request smaller bodies.");
            assertThat(child.get("failedNode")).contains("The run failed: The load generator failed");
            assertThat(child.get("stopReason")).isEqualTo("the load generator failed");
            assertThat(child.get("failures")).doesNotContain("IOReactorShutdown").doesNotContain("shut down");
            // Every request recorded reached the server; none was counted as its failure for want of memory here.
            assertThat(Long.parseLong(child.get("total")) + Long.parseLong(child.get("warmUpTotal")))
                    .isLessThanOrEqualTo(server.requests());
            assertThat(Long.parseLong(child.get("elapsedSeconds"))).as("stopped at once, well before its 10 s")
                    .isLessThan(10);
        }
    }

    @Test
    void runningOutOfFileDescriptorsSaysSoAndFailsTheRun(@TempDir Path dir) throws Exception {
        // 400 users, each with its own connection, in a JVM allowed 200 open files: before the fix, part of the
        // requests failed with "Too many open files" as if the target had refused them, and the run passed.
        try (SampleTarget target = SampleTarget.start()) {
            Map<String, String> child = runChild(dir, List.of(), ManyUsersTestCase.class, target.baseUri().toString(),
                    "ulimit -n 200; ");

            assertThat(child.get("runFailures")).isEqualTo("The load generator ran out of file descriptors (Too many "
                    + "open files): this JVM may have 200 open at once (files, sockets, pipes), and every virtual user "
                    + "keeps its own connection. Raise the limit in the shell or service that starts the build (ulimit "
                    + "-n 65536, below the hard limit shown by ulimit -Hn; the JVM raises its own limit to the hard one "
                    + "unless run with -XX:-MaxFDLimit), or run fewer users per JVM. Requests that could not be sent "
                    + "are counted apart; the run was stopped at once.");
            assertThat(child.get("failedNode")).contains("The run failed: The load generator ran out of file");
            assertThat(child.get("notSent")).startsWith("{no file descriptor was left to open a connection=");
            assertThat(child.get("failures")).doesNotContain("Too many open files");
            // What was recorded is exactly what the target received (after the child's warm-up run).
            assertThat(Long.parseLong(child.get("total")))
                    .isEqualTo(target.requestsServed() - Long.parseLong(child.get("warmUpTotal")));
        }
    }

    /**
     * Runs {@code fixture} in a child JVM with {@code jvmOptions}, its host {@code host}, after the shell commands
     * {@code shellPrefix}, and returns what {@link #main} printed.
     */
    private static Map<String, String> runChild(Path dir, List<String> jvmOptions, Class<?> fixture, String host,
            String shellPrefix) throws IOException, InterruptedException {
        List<String> java = new ArrayList<>();
        java.add(ProcessHandle.current().info().command().orElseThrow());
        java.addAll(jvmOptions);
        java.addAll(List.of("-cp", System.getProperty("java.class.path"), GeneratorFailureTests.class.getName(),
                fixture.getName(), host, shellPrefix.isEmpty() ? "" : "warm-up"));
        List<String> command = new ArrayList<>(List.of("bash", "-c", shellPrefix + "exec \"$@\"", "child"));
        command.addAll(java);
        Path output = dir.resolve("child.out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(CHILD_LIMIT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("The child JVM did not end within " + CHILD_LIMIT_SECONDS + " s; it printed:\n"
                    + Files.readString(output, StandardCharsets.UTF_8));
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : printed.split("\n")) {
            int eq = line.indexOf('=');
            if (line.startsWith("child.") && eq > 0) {
                values.put(line.substring("child.".length(), eq), line.substring(eq + 1).replace("\\n", "\n"));
            }
        }
        assertThat(values).as("what the child printed:\n" + printed).containsKeys("total", "runFailures");
        return values;
    }

    /** The child: runs a fixture against the host given, and prints what the parent checks, one value a line. */
    public static void main(String[] args) throws ClassNotFoundException {
        Class<?> fixture = Class.forName(args[0]);
        long warmUp = 0;
        if (args.length > 2 && args[2].equals("warm-up")) {
            // A short run first loads the engine's classes: loading a class opens its file, which a JVM out of file
            // descriptors cannot do.
            warmUp = EngineRuns.runLoad(fixture, Map.of("loadtest.host", args[1], "loadtest.users", "1",
                    "loadtest.duration", "500ms")).result().total().count();
        }
        print("warmUpTotal", Long.toString(warmUp));
        Map<String, String> parameters = new java.util.HashMap<>(Map.of("loadtest.host", args[1]));
        if (System.getProperty("child.transport") != null) {
            parameters.put("loadtest.http.transport", System.getProperty("child.transport"));
        }
        FixtureRun results = EngineRuns.runLoad(fixture, parameters);
        LoadTestResult result = results.result();
        List<String> failedNodes = new ArrayList<>();
        results.allEvents().failed().stream().forEach(event -> event.getRequiredPayload(TestExecutionResult.class)
                .getThrowable().ifPresent(thrown -> failedNodes.add(String.valueOf(thrown.getMessage()))));
        print("failedNode", String.join(" | ", failedNodes));
        print("stopReason", result.stopReason().orElse(""));
        print("runFailures", String.join(" | ", result.runFailures()));
        print("failures", result.failures().toString());
        print("notSent", result.notSent().toString());
        print("elapsedSeconds", Long.toString(result.elapsed().toSeconds()));
        print("total", Long.toString(result.total().count()));
        System.exit(0);
    }

    private static void print(String key, String value) {
        System.out.println("child." + key + "=" + value.replace("\n", "\\n"));
    }

    @LoadTest(duration = "10s", stopTimeout = "2s")
    @Users(count = 4)
    static class BigBodiesTestCase {

        @Task
        void big(Http http) {
            http.get("/big");
        }
    }

    @LoadTest(duration = "10s", stopTimeout = "2s")
    @Users(count = 400)
    static class ManyUsersTestCase {

        @Task
        void home(Http http) {
            http.get("/");
        }
    }
}
