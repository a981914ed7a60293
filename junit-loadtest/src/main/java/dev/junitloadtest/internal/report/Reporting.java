package dev.junitloadtest.internal.report;

import java.util.List;

import dev.junitloadtest.internal.config.ConfigurationParameters;
import dev.junitloadtest.internal.config.LoadProfile;
import dev.junitloadtest.internal.recording.RunListener;
import dev.junitloadtest.result.LoadTestResult;

/**
 * Every output of one run: the live console while it goes, and at its end the console tables and the files under
 * {@code target/loadtest/<class>/}. Internal.
 */
public final class Reporting {

    private Reporting() {
    }

    /** The reporting of a run of {@code profile}, for {@code testClass}. */
    public static Reporting create(Class<?> testClass, LoadProfile profile, ConfigurationParameters parameters) {
        return new Reporting();
    }

    /** Listeners for the live outputs. */
    public List<RunListener> listeners() {
        return List.of();
    }

    /**
     * Writes the final outputs of {@code result} (thresholds judged); returns what should be attached to the JUnit
     * result: report entries and files.
     */
    public Attachments finish(LoadTestResult result) {
        return new Attachments(java.util.Map.of(), List.of());
    }

    /**
     * What the JUnit adapter attaches to the test class's result.
     *
     * @param entries report entries (name → value)
     * @param files files to publish (e.g. the HTML report)
     */
    public record Attachments(java.util.Map<String, String> entries, List<java.nio.file.Path> files) {
    }
}
