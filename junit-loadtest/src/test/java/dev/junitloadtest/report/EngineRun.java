package dev.junitloadtest.report;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.platform.engine.OutputDirectoryCreator;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import dev.junitloadtest.FixtureRun;
import dev.junitloadtest.ResultCapture;
import dev.junitloadtest.result.LoadTestResult;

/**
 * Runs a fixture class through the real Jupiter engine with configuration parameters, capturing what it printed on
 * {@code System.out} and {@code System.err} (the run happens on the calling thread, and the sampler thread that
 * prints progress lines has ended when the engine returns).
 *
 * @param run the engine's events and the fixture's result
 * @param out what was printed on standard output
 * @param err what was printed on standard error
 */
record EngineRun(FixtureRun run, String out, String err) {

    /** The engine's events. */
    EngineExecutionResults results() {
        return run.results();
    }

    /** The fixture's result. */
    LoadTestResult result() {
        return run.result();
    }

    /** Runs {@code fixture} with JUnit's file outputs disabled, as {@code EngineTestKit} has them by default. */
    static EngineRun of(Class<?> fixture, Map<String, String> parameters) {
        return of(fixture, parameters, null);
    }

    /** Runs {@code fixture} with the files it publishes written under {@code outputs} (when not null). */
    static EngineRun of(Class<?> fixture, Map<String, String> parameters, Path outputs) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        FixtureRun run;
        try (ResultCapture capture = ResultCapture.open()) {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            EngineTestKit.Builder engine = EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture))
                    .configurationParameters(capture.parametersWith(parameters));
            if (outputs != null) {
                engine.outputDirectoryCreator(new OutputDirectoryCreator() {
                    @Override
                    public Path getRootDirectory() {
                        return outputs;
                    }

                    @Override
                    public Path createOutputDirectory(TestDescriptor descriptor) throws IOException {
                        String name = descriptor.getUniqueId().toString().replaceAll("[^A-Za-z0-9.-]+", "_");
                        return Files.createDirectories(outputs.resolve(name));
                    }
                });
            }
            run = new FixtureRun(engine.execute(), capture.results());
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        // Shown in the build log too, so a failing assertion on the console can be read against it.
        originalOut.print(printed);
        return new EngineRun(run, printed, err.toString(StandardCharsets.UTF_8));
    }
}
