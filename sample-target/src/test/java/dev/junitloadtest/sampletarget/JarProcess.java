package dev.junitloadtest.sampletarget;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code java -jar target/sample-target.jar} run as a real process by the Java of the running JVM, with its
 * output lines collected as they come. Closing it kills the process if it still runs.
 */
final class JarProcess implements AutoCloseable {

    static final Pattern READY = Pattern.compile("sample-target listening on http://(\\S+):(\\d+)");

    private final Process process;
    private final List<String> out = new CopyOnWriteArrayList<>();
    private final List<String> err = new CopyOnWriteArrayList<>();
    private final Thread outReader;
    private final Thread errReader;

    private JarProcess(Process process) {
        this.process = process;
        this.outReader = Thread.ofVirtual().start(() -> collect(process.getInputStream(), out));
        this.errReader = Thread.ofVirtual().start(() -> collect(process.getErrorStream(), err));
    }

    /** Starts the jar with {@code args}; {@code env} entries are added, {@code PORT} removed unless given. */
    static JarProcess start(Map<String, String> env, String... args) throws IOException {
        Path jar = Path.of(System.getProperty("sample-target.jar", "target/sample-target.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " does not exist: run `mvn package` first");
        }
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new ArrayList<>(List.of(java, "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("PORT");
        builder.environment().putAll(env);
        return new JarProcess(builder.start());
    }

    private static void collect(InputStream stream, List<String> lines) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the ready line and returns its match: group 1 the host, group 2 the port. */
    Matcher awaitReady() {
        await().atMost(Duration.ofSeconds(20)).until(() -> !out.isEmpty() || !process.isAlive());
        Matcher matcher = READY.matcher(out.isEmpty() ? "" : out.get(0));
        if (!matcher.matches()) {
            throw new AssertionError("no ready line; stdout: " + out + ", stderr: " + err);
        }
        return matcher;
    }

    /**
     * Sends SIGTERM and waits for the exit status, output included. Through the {@link ProcessHandle}: on Linux
     * {@link Process#destroy()} sends the same signal but also closes our end of the output pipes, losing the
     * lines printed during shutdown.
     */
    int terminate() throws InterruptedException {
        process.toHandle().destroy();
        return awaitExit();
    }

    /** Waits for the process to exit and its output to be read; returns the exit status. */
    int awaitExit() throws InterruptedException {
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            throw new AssertionError("still running after 20 s; stdout: " + out + ", stderr: " + err);
        }
        outReader.join(Duration.ofSeconds(5));
        errReader.join(Duration.ofSeconds(5));
        return process.exitValue();
    }

    List<String> out() {
        return List.copyOf(out);
    }

    List<String> err() {
        return List.copyOf(err);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
