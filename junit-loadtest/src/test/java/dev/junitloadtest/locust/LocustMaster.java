package dev.junitloadtest.locust;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.junitloadtest.ChildProcess;
import dev.junitloadtest.json.Json;
import dev.junitloadtest.json.JsonValue;

/**
 * A real Locust master (the {@code locust} command, Debian's python3-locust 2.12.1 in CI) in a process of its own, on
 * loopback, its output in a log file. Tests that need it are skipped when Locust is not installed, unless
 * {@value #REQUIRE_LOCUST_PROPERTY} is true (as in CI). Close it to kill it if it still runs.
 */
final class LocustMaster implements AutoCloseable {

    /** System property that makes the tests needing Locust fail rather than skip without it. */
    static final String REQUIRE_LOCUST_PROPERTY = "junitloadtest.test.require-locust";

    private static final HttpClient WEB = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final ChildProcess process;
    private final int webPort;

    private LocustMaster(ChildProcess process, int webPort) {
        this.process = process;
        this.webPort = webPort;
    }

    /** Skips the calling test when there is no {@code locust} command, or fails it when Locust is required. */
    static void requireLocust() {
        boolean installed;
        try {
            Process probe = new ProcessBuilder("locust", "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            installed = probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            installed = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            installed = false;
        }
        String missing = "Locust is not installed (no `locust` command; apt-get install python3-locust)";
        if (!installed && Boolean.getBoolean(REQUIRE_LOCUST_PROPERTY)) {
            throw new IllegalStateException(missing + " (-D" + REQUIRE_LOCUST_PROPERTY + "=true: not skipped)");
        }
        assumeTrue(installed, missing);
    }

    /** A free TCP port on loopback. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts {@code locust -f locustfile --master --master-bind-host 127.0.0.1 --master-bind-port port} followed by
     * {@code arguments}, in {@code workDirectory}, logging to {@code master.log} there.
     */
    static LocustMaster start(Path locustfile, int port, int webPort, Path workDirectory, String... arguments) {
        List<String> command = new ArrayList<>(List.of("locust", "-f", locustfile.toString(), "--master",
                "--master-bind-host", "127.0.0.1", "--master-bind-port", Integer.toString(port)));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDirectory.toFile());
        // After a ramp-up the master waits this long (default 1 s) for its workers to say their users run before
        // it logs the users; a worker JVM on a loaded machine can take longer for its first users.
        builder.environment().put("LOCUST_WAIT_FOR_WORKERS_REPORT_AFTER_RAMP_UP", "10");
        return new LocustMaster(ChildProcess.start("Locust master", builder, workDirectory.resolve("master.log")),
                webPort);
    }

    /** Waits for the master to end, at most {@code limit}; returns its exit code. */
    int awaitExit(Duration limit) throws InterruptedException {
        return process.awaitExit(limit);
    }

    /** Asks the master to shut down as Ctrl-C would (it then tells its workers to quit). */
    void terminate() {
        process.terminate();
    }

    /** What the master logged so far. */
    String log() {
        return process.output();
    }

    /** The master's {@code /stats/requests} (state, user_count, workers, stats), from its web UI. */
    JsonValue stats() {
        return Json.parse(get("/stats/requests"));
    }

    /** {@code GET path} on the master's web UI. */
    String get(String path) {
        return send(HttpRequest.newBuilder(web(path)).GET().build());
    }

    /** {@code POST path} on the master's web UI with {@code form} (already URL-encoded). */
    String post(String path, String form) {
        return send(HttpRequest.newBuilder(web(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    private URI web(String path) {
        return URI.create("http://127.0.0.1:" + webPort + path);
    }

    private static String send(HttpRequest request) {
        try {
            HttpResponse<String> response = WEB.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError(request.uri() + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
