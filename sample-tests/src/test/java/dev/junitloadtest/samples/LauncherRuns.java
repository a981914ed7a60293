package dev.junitloadtest.samples;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs load test classes through the JUnit Platform launcher, as a build would, with configuration parameters: for
 * samples that run one class several times (a baseline saved, then compared) or compare classes (two dynos). Their
 * results are read from the files they write, as a CI job reads its artefacts.
 */
public final class LauncherRuns {

    private LauncherRuns() {
    }

    /** Runs {@code classes} with {@code parameters}; returns what failed, as {@code name: exception} lines. */
    public static List<String> failures(Map<String, String> parameters, Class<?>... classes) {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(Arrays.stream(classes).map(c -> selectClass(c)).toList())
                .configurationParameters(parameters).build(), listener);
        TestExecutionSummary summary = listener.getSummary();
        return summary.getFailures().stream().map(failure -> failure.getTestIdentifier().getDisplayName() + ": "
                + failure.getException()).toList();
    }
}
