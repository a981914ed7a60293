package dev.junitloadtest.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import dev.junitloadtest.LoadTest;
import dev.junitloadtest.LoadTestVerdicts;
import dev.junitloadtest.Task;
import dev.junitloadtest.Threshold;
import dev.junitloadtest.Users;
import dev.junitloadtest.http.Http;
import dev.junitloadtest.samples.SampleTargetExtension;

/**
 * GitHub Actions' job summary, through the real engine with the environment variable {@code GITHUB_STEP_SUMMARY}
 * pointed at a file. The variable is set in the environment of a child JVM ({@link Job}), which runs the fixture
 * classes through {@code EngineTestKit} and prints what the parent asserts on: this JVM's environment is never
 * touched.
 */
class JobSummaryTests {

    @TempDir
    Path temp;

    @Test
    void eachLoadTestClassOfAJobAppendsItsSectionAndAFailedThresholdShowsFailedWithItsFigures() throws IOException {
        Path jobSummary = temp.resolve("step-summary.md");
        Files.writeString(jobSummary, "# An earlier step\n\n");
        List<String> printed = Job.run(jobSummary, temp.resolve("reports"), MetTestCase.class,
                BreachedTestCase.class);

        assertThat(printed).contains("failed: failures == 0 [GET /buggy]", "succeeded: 5", "failed: 1");
        String met = Files.readString(temp.resolve("reports/MetTestCase/summary.md"));
        String breached = Files.readString(temp.resolve("reports/BreachedTestCase/summary.md"));
        assertThat(Files.readString(jobSummary)).isEqualTo("# An earlier step\n\n" + met + breached);
        assertThat(met).startsWith("## MetTestCase: ✅ PASSED\n\nAll 1 thresholds passed. ")
                .contains("| ✅ passed | `failure_rate < 1%` | failure\\_rate of all requests was 0% (0 of ");
        assertThat(breached).startsWith("## BreachedTestCase: ❌ FAILED\n\n1 of 1 thresholds failed. ");
        // The sample target's /buggy fails its 1st, 6th, 11th ... request: the figures are those of the run.
        Matcher figures = Pattern.compile("\\| ❌ failed \\| `failures == 0 \\[GET /buggy\\]` \\| failures of GET "
                + "/buggy was ([\\d,]+), budget == 0 \\(n=([\\d,]+)\\) \\|\n").matcher(breached);
        assertThat(figures.find()).as("the failed threshold's row in\n%s", breached).isTrue();
        long count = Long.parseLong(figures.group(2).replace(",", ""));
        assertThat(Long.parseLong(figures.group(1).replace(",", ""))).isEqualTo((count + 4) / 5);
        assertThat(breached).contains("| GET | /buggy | " + figures.group(2) + " | " + figures.group(1) + " | ");
    }

    @Test
    void aJobSummaryThatCannotBeWrittenDoesNotFailTheTestButIsAReportProblem() throws IOException {
        Path notAFile = Files.createDirectories(temp.resolve("a-directory"));
        List<String> printed = Job.run(notAFile, temp.resolve("reports"), MetTestCase.class);

        assertThat(printed).contains("succeeded: 3", "failed: 0", "loadtest.report-problems: Could not append to "
                + "the job summary " + notAFile + " (environment variable GITHUB_STEP_SUMMARY): "
                + "java.nio.file.FileSystemException: " + notAFile + ": Is a directory");
        assertThat(temp.resolve("reports/MetTestCase/summary.md")).isRegularFile();
    }

    /** Runs classes through the engine in a child JVM; what it prints, the parent reads. */
    static final class Job {

        /** Runs {@code fixtures} in a child JVM whose {@code GITHUB_STEP_SUMMARY} is {@code jobSummary}. */
        static List<String> run(Path jobSummary, Path reports, Class<?>... fixtures) {
            List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                    "-cp", System.getProperty("java.class.path"), "-Dloadtest.report-dir=" + reports,
                    "-Dloadtest.console.interval=off", "-Dloadtest.console.summary=false", Job.class.getName()));
            for (Class<?> fixture : fixtures) {
                command.add(fixture.getName());
            }
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("GITHUB_STEP_SUMMARY", jobSummary.toString());
            try {
                Process process = builder.start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("The child JVM did not end within 60 s:\n" + output);
                }
                assertThat(process.exitValue()).as("exit value of the child JVM, which printed\n%s", output)
                        .isZero();
                return output.lines().toList();
            } catch (IOException e) {
                throw new AssertionError("Could not start a child JVM: " + command, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted", e);
            }
        }

        /** In the child: runs the named classes, prints failed tests, report problems and counts. */
        public static void main(String[] classNames) throws ClassNotFoundException {
            EngineTestKit.Builder engine = EngineTestKit.engine("junit-jupiter");
            // EngineTestKit reads no system properties: the parent's -Dloadtest.* become configuration parameters.
            System.getProperties().stringPropertyNames().stream().filter(key -> key.startsWith("loadtest."))
                    .forEach(key -> engine.configurationParameter(key, System.getProperty(key)));
            for (String name : classNames) {
                engine.selectors(selectClass(Class.forName(name)));
            }
            EngineExecutionResults results = engine.execute();
            results.testEvents().failed().stream().forEach(event -> {
                System.out.println("failed: " + event.getTestDescriptor().getDisplayName());
                event.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable)
                        .ifPresent(Throwable::printStackTrace);
            });
            results.allEvents().reportingEntryPublished().stream()
                    .map(event -> event.getRequiredPayload(ReportEntry.class).getKeyValuePairs())
                    .filter(entries -> entries.containsKey("loadtest.report-problems"))
                    .forEach(entries -> System.out.println("loadtest.report-problems: "
                            + entries.get("loadtest.report-problems")));
            System.out.println("succeeded: " + results.testEvents().succeeded().count());
            System.out.println("failed: " + results.testEvents().failed().count());
        }
    }

    /** Each fixture starts its own sample target, so its counts are its own. */
    abstract static class BuggyTarget {

        @RegisterExtension
        static final SampleTargetExtension target = new SampleTargetExtension();
    }

    @LoadTest(duration = "1s")
    @Users(count = 2)
    @Threshold("failure_rate < 1%")
    static class MetTestCase extends BuggyTarget implements LoadTestVerdicts {

        @Task
        void home(Http http) {
            http.get("/");
        }
    }

    @LoadTest(duration = "1s")
    @Users(count = 2)
    @Threshold(value = "failures == 0", request = "GET /buggy")
    static class BreachedTestCase extends BuggyTarget implements LoadTestVerdicts {

        @Task
        void buggy(Http http) {
            http.get("/buggy");
        }
    }
}
