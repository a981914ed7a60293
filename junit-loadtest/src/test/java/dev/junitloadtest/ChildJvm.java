package dev.junitloadtest;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * A load test class run in a JVM of its own, through the real JUnit launcher, for what one process cannot show about
 * itself: a signal, a crash, a limit of the operating system. The child runs on the same JDK and class path as the
 * tests, its configuration given as system properties (which JUnit reads as configuration parameters), and its
 * output goes to a file. Close it to kill it if it is still running.
 */
public final class ChildJvm implements AutoCloseable {

    private final ChildProcess process;

    private ChildJvm(ChildProcess process) {
        this.process = process;
    }

    /**
     * Starts a JVM running {@code testClass} with {@code properties} as system properties and {@code jvmOptions}
     * (e.g. {@code -Xmx64m}) before them, its standard output and error going to {@code output}. Options that must
     * wrap the java command (a shell's {@code ulimit}) go in {@code prefix}, e.g. {@code bash -c 'ulimit -n 256; exec
     * "$@"' bash}; empty for none.
     */
    public static ChildJvm start(Class<?> testClass, Map<String, String> properties, List<String> jvmOptions,
            List<String> prefix, Path output) {
        List<String> command = new ArrayList<>(prefix);
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ChildJvm.class.getName(),
                testClass.getName()));
        return new ChildJvm(ChildProcess.start("child JVM", new ProcessBuilder(command), output));
    }

    /** Starts a JVM running {@code testClass} with {@code properties}; see {@link #start(Class, Map, List, List, Path)}. */
    public static ChildJvm start(Class<?> testClass, Map<String, String> properties, Path output) {
        return start(testClass, properties, List.of(), List.of(), output);
    }

    /** Sends the signal named {@code name} ({@code TERM}, {@code INT}, {@code KILL}) to the child. */
    public void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits for the child to end, at most {@code limit}; returns its exit code. */
    public int awaitExit(Duration limit) throws InterruptedException {
        return process.awaitExit(limit);
    }

    /** What the child printed so far. */
    public String output() {
        return process.output();
    }

    /** Whether the child is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.close();
    }

    /** The child's entry point: runs the class named by the first argument; exits 0 when every test passed. */
    public static void main(String[] args) throws ClassNotFoundException {
        Class<?> testClass = Class.forName(args[0]);
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass))
                .build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);
        TestExecutionSummary summary = listener.getSummary();
        summary.printTo(new java.io.PrintWriter(System.out, true, StandardCharsets.UTF_8));
        summary.printFailuresTo(new java.io.PrintWriter(System.out, true, StandardCharsets.UTF_8), 20);
        System.exit(summary.getTotalFailureCount() == 0 ? 0 : 1);
    }
}
