package dev.junitloadtest.internal.report;

import static dev.junitloadtest.LoadTestConstants.BASELINE_SAVE_PROPERTY_NAME;
import static dev.junitloadtest.LoadTestConstants.CONSOLE_INTERVAL_PROPERTY_NAME;
import static dev.junitloadtest.LoadTestConstants.CONSOLE_SUMMARY_PROPERTY_NAME;
import static dev.junitloadtest.LoadTestConstants.CSV_FULL_HISTORY_PROPERTY_NAME;
import static dev.junitloadtest.LoadTestConstants.REPORT_DIR_PROPERTY_NAME;
import static dev.junitloadtest.LoadTestConstants.REPORT_FILES_PROPERTY_NAME;
import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import org.apiguardian.api.API;

import dev.junitloadtest.internal.config.ConfigurationParameters;
import dev.junitloadtest.internal.config.DurationSyntax;
import dev.junitloadtest.internal.config.LoadTestConfigurationException;

/**
 * Where and how a load test class reports, read from configuration parameters (which also read system properties and
 * {@code junit-platform.properties}). Immutable. Internal.
 *
 * @param progressInterval how often the live console line is printed; zero when it is off
 * @param consoleSummary whether the tables are printed at the end of the run
 * @param directory the directory the files go to; empty when files are off
 * @param fullHistory whether {@code stats_history.csv} has a row per request name as well as the Aggregated one
 * @param jobSummary the file the Markdown summary is appended to, as the environment variable
 *        {@value #JOB_SUMMARY_ENVIRONMENT_VARIABLE} names it; empty when it is not set
 * @param baselineSave the file the run is saved to as a baseline ({@code <directory>/<TestClassSimpleName>.json}),
 *        empty when it is not saved
 */
@API(status = INTERNAL, since = "0.1")
public record ReportSettings(Duration progressInterval, boolean consoleSummary, Optional<Path> directory,
        boolean fullHistory, Optional<String> jobSummary, Optional<Path> baselineSave) {

    /**
     * Environment variable: the file GitHub Actions shows as the job's summary, to which each run appends its
     * Markdown summary: {@value}.
     */
    public static final String JOB_SUMMARY_ENVIRONMENT_VARIABLE = "GITHUB_STEP_SUMMARY";

    /** The live console line's default interval. */
    public static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofSeconds(5);

    /** The default directory of the files, relative to the working directory. */
    public static final String DEFAULT_REPORT_DIR = "target/loadtest";

    /**
     * The settings of {@code testClass}'s reports, regardless of the environment (no job summary).
     *
     * @throws LoadTestConfigurationException if a parameter has a value it cannot take
     */
    public static ReportSettings read(Class<?> testClass, ConfigurationParameters parameters) {
        return read(testClass, parameters, name -> null);
    }

    /**
     * The settings of {@code testClass}'s reports, with the job summary file taken from {@code environment}
     * ({@code System::getenv} in a real run; null or blank means not set).
     *
     * @throws LoadTestConfigurationException if a parameter has a value it cannot take
     */
    public static ReportSettings read(Class<?> testClass, ConfigurationParameters parameters,
            Function<String, String> environment) {
        Duration interval = parameters.get(CONSOLE_INTERVAL_PROPERTY_NAME).map(ReportSettings::interval)
                .orElse(DEFAULT_PROGRESS_INTERVAL);
        boolean summary = flag(parameters, CONSOLE_SUMMARY_PROPERTY_NAME, true);
        boolean files = flag(parameters, REPORT_FILES_PROPERTY_NAME, true);
        String root = parameters.get(REPORT_DIR_PROPERTY_NAME).orElse(DEFAULT_REPORT_DIR);
        Path directory;
        try {
            directory = Path.of(root).resolve(testClass.getSimpleName());
        } catch (InvalidPathException e) {
            throw new LoadTestConfigurationException("Configuration parameter `" + REPORT_DIR_PROPERTY_NAME
                    + "` requires a directory path, but was '" + root + "': " + e.getReason() + ".", e);
        }
        boolean fullHistory = flag(parameters, CSV_FULL_HISTORY_PROPERTY_NAME, false);
        Optional<String> jobSummary = Optional.ofNullable(environment.apply(JOB_SUMMARY_ENVIRONMENT_VARIABLE))
                .filter(value -> !value.isBlank());
        Optional<Path> baselineSave = parameters.get(BASELINE_SAVE_PROPERTY_NAME).map(dir -> {
            try {
                return Path.of(dir).resolve(testClass.getSimpleName() + ".json");
            } catch (InvalidPathException e) {
                throw new LoadTestConfigurationException("Configuration parameter `" + BASELINE_SAVE_PROPERTY_NAME
                        + "` requires a directory path, but was '" + dir + "': " + e.getReason() + ".", e);
            }
        });
        return new ReportSettings(interval, summary, files ? Optional.of(directory) : Optional.empty(), fullHistory,
                jobSummary, baselineSave);
    }

    /** Whether the live console line is printed. */
    public boolean progress() {
        return !progressInterval.isZero();
    }

    private static Duration interval(String text) {
        if (text.equalsIgnoreCase("off") || text.equals("0")) {
            return Duration.ZERO;
        }
        Duration interval = DurationSyntax.parse(text).orElseThrow(() -> new LoadTestConfigurationException(
                "Configuration parameter `" + CONSOLE_INTERVAL_PROPERTY_NAME + "` requires " + DurationSyntax.FORMAT
                        + ", or off, but was '" + text + "'."));
        if (!interval.isZero() && interval.compareTo(Duration.ofSeconds(1)) < 0) {
            // The figures arrive once a second: a shorter interval would print the same second twice.
            throw new LoadTestConfigurationException("Configuration parameter `" + CONSOLE_INTERVAL_PROPERTY_NAME
                    + "` requires that the interval be at least 1s (the figures arrive once a second), or 0 or off, "
                    + "but was '" + text + "'.");
        }
        return interval;
    }

    private static boolean flag(ConfigurationParameters parameters, String name, boolean otherwise) {
        Optional<String> value = parameters.get(name);
        if (value.isEmpty()) {
            return otherwise;
        }
        return switch (value.get().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new LoadTestConfigurationException("Configuration parameter `" + name
                    + "` requires true or false, but was '" + value.get() + "'.");
        };
    }
}
