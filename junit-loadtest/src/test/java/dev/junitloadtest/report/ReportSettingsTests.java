package dev.junitloadtest.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.reporting.ReportEntry;

import dev.junitloadtest.LoadTest;
import dev.junitloadtest.Task;
import dev.junitloadtest.Users;
import dev.junitloadtest.internal.config.LoadTestConfigurationException;
import dev.junitloadtest.internal.report.ReportSettings;

/** The configuration parameters of the outputs: defaults, overrides, switches, and the messages of bad values. */
class ReportSettingsTests {

    @Test
    void defaultsPrintEveryFiveSecondsAndWriteUnderTargetLoadtestInADirectoryNamedAfterTheClass() {
        ReportSettings settings = ReportSettings.read(QuietTestCase.class, key -> Optional.empty());
        assertThat(settings.progressInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.consoleSummary()).isTrue();
        assertThat(settings.directory()).contains(Path.of("target", "loadtest", "QuietTestCase"));
        assertThat(settings.fullHistory()).isFalse();
    }

    @Test
    void parametersOverrideEachSetting() {
        ReportSettings settings = ReportSettings.read(QuietTestCase.class, parameters(Map.of(
                "loadtest.console.interval", "30s", "loadtest.console.summary", "false",
                "loadtest.report-dir", "/var/reports", "loadtest.csv.full-history", "TRUE")));
        assertThat(settings.progressInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.consoleSummary()).isFalse();
        assertThat(settings.directory()).contains(Path.of("/var/reports", "QuietTestCase"));
        assertThat(settings.fullHistory()).isTrue();
        assertThat(ReportSettings.read(QuietTestCase.class, parameters(Map.of("loadtest.report-files", "false")))
                .directory()).isEmpty();
        assertThat(ReportSettings.read(QuietTestCase.class, parameters(Map.of("loadtest.console.interval", "OFF")))
                .progress()).isFalse();
    }

    @Test
    void badValuesNameTheParameterTheRuleAndTheValue() {
        assertThatThrownBy(() -> ReportSettings.read(QuietTestCase.class,
                parameters(Map.of("loadtest.console.interval", "often"))))
                .isInstanceOf(LoadTestConfigurationException.class)
                .hasMessage("Configuration parameter `loadtest.console.interval` requires a duration such as 500ms, "
                        + "30s, 2m, 1h30m or PT2M, or off, but was 'often'.");
        assertThatThrownBy(() -> ReportSettings.read(QuietTestCase.class,
                parameters(Map.of("loadtest.console.interval", "500ms"))))
                .hasMessage("Configuration parameter `loadtest.console.interval` requires that the interval be at "
                        + "least 1s (the figures arrive once a second), or 0 or off, but was '500ms'.");
        assertThatThrownBy(() -> ReportSettings.read(QuietTestCase.class,
                parameters(Map.of("loadtest.report-files", "no"))))
                .hasMessage("Configuration parameter `loadtest.report-files` requires true or false, but was 'no'.");
        assertThatThrownBy(() -> ReportSettings.read(QuietTestCase.class,
                parameters(Map.of("loadtest.report-dir", "bad\0dir"))))
                .hasMessageStartingWith("Configuration parameter `loadtest.report-dir` requires a directory path, "
                        + "but was 'bad\0dir': ");
    }

    @Test
    void withEverythingOffARunPrintsAndWritesNothing(@TempDir Path reports) {
        EngineRun run = EngineRun.of(QuietTestCase.class, Map.of("loadtest.report-dir", reports.toString(),
                "loadtest.report-files", "false", "loadtest.console.interval", "off",
                "loadtest.console.summary", "false"));
        run.results().testEvents().assertStatistics(stats -> stats.failed(0).succeeded(1));
        assertThat(run.out()).doesNotContain("QuietTestCase");
        assertThat(reports.resolve("QuietTestCase")).doesNotExist();
        Map<String, String> entries = new HashMap<>();
        run.results().allEvents().reportingEntryPublished().stream()
                .map(event -> event.getRequiredPayload(ReportEntry.class))
                .forEach(entry -> entries.putAll(entry.getKeyValuePairs()));
        // The headline numbers are still attached; only the files are gone.
        assertThat(entries).containsKeys("loadtest.requests", "loadtest.failure-rate", "loadtest.p99.ms")
                .doesNotContainKey("loadtest.report-dir");
        assertThat(run.results().allEvents().fileEntryPublished().count()).isZero();
    }

    @Test
    void aBadValueFailsTheClassAtStartBeforeAnyLoadRuns(@TempDir Path reports) throws Exception {
        EngineRun run = EngineRun.of(QuietTestCase.class, Map.of("loadtest.report-dir", reports.toString(),
                "loadtest.console.summary", "maybe"));
        assertThat(run.results().containerEvents().failed().stream()
                .map(event -> event.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                        .getThrowable().orElseThrow()))
                .singleElement().satisfies(failure -> {
                    assertThat(failure).isInstanceOf(ExtensionConfigurationException.class);
                    assertThat(failure).hasMessage("Configuration parameter `loadtest.console.summary` requires "
                            + "true or false, but was 'maybe'.");
                });
        assertThat(run.results().testEvents().started().count()).isZero();
        try (var files = Files.list(reports)) {
            assertThat(files).isEmpty();
        }
    }

    private static dev.junitloadtest.internal.config.ConfigurationParameters parameters(Map<String, String> map) {
        return key -> Optional.ofNullable(map.get(key));
    }

    @LoadTest(duration = "1s")
    @Users(count = 1)
    static class QuietTestCase {

        @Task
        void think() throws InterruptedException {
            Thread.sleep(50);
        }
    }
}
