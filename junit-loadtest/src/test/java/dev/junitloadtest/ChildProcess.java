package dev.junitloadtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A process a test started, its standard output and error going to a file: a {@link ChildJvm}, a Locust master.
 * Close it to kill it if it is still running.
 */
public final class ChildProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path output;

    private ChildProcess(String name, Process process, Path output) {
        this.name = name;
        this.process = process;
        this.output = output;
    }

    /** Starts {@code builder}'s command, named {@code name} in messages, its output going to {@code output}. */
    public static ChildProcess start(String name, ProcessBuilder builder, Path output) {
        try {
            Process process = builder.redirectErrorStream(true).redirectOutput(output.toFile()).start();
            return new ChildProcess(name, process, output);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + builder.command(), e);
        }
    }

    /** The process's id. */
    public long pid() {
        return process.pid();
    }

    /** Waits for the process to end, at most {@code limit}; returns its exit code. */
    public int awaitExit(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("The " + name + " did not end within " + limit + "; its output:\n" + output());
        }
        return process.exitValue();
    }

    /** What the process printed so far. */
    public String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the process is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Asks the process to end, as SIGTERM does. */
    public void terminate() {
        process.destroy();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
