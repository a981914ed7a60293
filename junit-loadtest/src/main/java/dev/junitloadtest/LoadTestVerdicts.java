package dev.junitloadtest;

import static org.apiguardian.api.API.Status.INTERNAL;
import static org.apiguardian.api.API.Status.STABLE;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.apiguardian.api.API;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;

import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.result.ThresholdResult;

/**
 * {@code LoadTestVerdicts} gives a load test class a {@code verdicts} node in the test tree, with the run's outcome
 * and each {@code @Threshold} as a test of its own, so IDEs and CI reports show exactly which
 * budget broke, with the figures. Implement it on a {@link LoadTest @LoadTest} class; there is nothing to write:
 * <pre>{@code
 * @LoadTest(duration = "2m")
 * @Users(count = 200, spawnRate = 10)
 * @Threshold("p95 < 500ms")
 * class ApiUserLoadTest implements LoadTestVerdicts { ... }
 * }</pre>
 *
 * <p>Without it, the verdicts are still enforced: the run's node in the test tree fails, every failed verdict listed
 * together.
 */
@API(status = STABLE, since = "0.1")
public interface LoadTestVerdicts {

    /**
     * The run's outcome and the thresholds' verdicts as dynamic tests. Not meant to be called or overridden.
     *
     * @param result the run's result, injected
     * @return one test for the run, then one per threshold
     */
    @TestFactory
    @DisplayName("verdicts")
    default Stream<DynamicTest> verdicts(LoadTestResult result) {
        List<DynamicTest> tests = new ArrayList<>();
        URI source = Verdicts.source(result);
        tests.add(DynamicTest.dynamicTest(Verdicts.runSummary(result), source, () -> Verdicts.verifyRun(result)));
        for (ThresholdResult threshold : result.thresholds()) {
            tests.add(DynamicTest.dynamicTest(threshold.displayName(), source, () -> {
                if (!threshold.passed()) {
                    throw new AssertionFailedError(threshold.message());
                }
            }));
        }
        return tests.stream();
    }

    /** How the run's own verdict is shown. Not part of the API. */
    @API(status = INTERNAL, since = "0.1")
    final class Verdicts {

        private Verdicts() {
        }

        /**
         * The target the run loaded, as the verdicts' test source, or null when it had none. A source that is not a
         * method is what makes Surefire name each verdict in its XML by its display name alone ({@code p95 < 500ms}),
         * where it would otherwise prefix the factory's name ({@code verdicts p95 < 500ms}).
         */
        static URI source(LoadTestResult result) {
            String host = result.profile().host();
            return host.isEmpty() ? null : URI.create(host);
        }

        static String runSummary(LoadTestResult result) {
            return String.format(Locale.ROOT, "%,d requests in %.1f s (%.1f/s), %,d failed (%.2f%%)",
                    result.total().count(), result.elapsed().toNanos() / 1e9, result.total().throughput(),
                    result.total().failures(), result.total().failureRate() * 100);
        }

        static void verifyRun(LoadTestResult result) {
            Map<String, String> failed = runVerdicts(result);
            if (!failed.isEmpty()) {
                throw new AssertionFailedError(String.join(System.lineSeparator(), failed.values()));
            }
        }

        /**
         * Whether the run itself failed, whatever its thresholds say: it ended early, or failed on the generator's
         * side. Every output that shows a verdict asks this, so none shows a pass the test tree does not.
         */
        public static boolean runFailed(LoadTestResult result) {
            return !runVerdicts(result).isEmpty();
        }

        /** The run's own failed verdicts: an early end, and each reason the run failed on the generator's side. */
        private static Map<String, String> runVerdicts(LoadTestResult result) {
            Map<String, String> failed = new LinkedHashMap<>();
            result.stopReason().ifPresent(reason -> failed.put("run", "The run ended early: " + reason));
            for (int i = 0; i < result.runFailures().size(); i++) {
                failed.put(i == 0 ? "run failed" : "run failed (" + (i + 1) + ")",
                        "The run failed: " + result.runFailures().get(i));
            }
            return failed;
        }

        /**
         * The verdicts that failed, by name: the run's and the thresholds'. Used where there are no tests to show
         * them one by one.
         */
        public static Map<String, String> failedVerdicts(LoadTestResult result) {
            Map<String, String> failed = runVerdicts(result);
            for (ThresholdResult threshold : result.thresholds()) {
                if (!threshold.passed()) {
                    failed.put(threshold.displayName(), threshold.message());
                }
            }
            return failed;
        }
    }
}
