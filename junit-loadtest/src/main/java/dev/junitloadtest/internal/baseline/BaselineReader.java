package dev.junitloadtest.internal.baseline;

import static dev.junitloadtest.LoadTestConstants.BASELINE_FAILURE_RATE_TOLERANCE_PROPERTY_NAME;
import static dev.junitloadtest.LoadTestConstants.BASELINE_FLOOR_PROPERTY_NAME;
import static dev.junitloadtest.LoadTestConstants.BASELINE_PROPERTY_NAME;
import static dev.junitloadtest.LoadTestConstants.BASELINE_TOLERANCE_PROPERTY_NAME;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.platform.commons.support.AnnotationSupport;

import dev.junitloadtest.Baseline;
import dev.junitloadtest.internal.config.ConfigurationParameters;
import dev.junitloadtest.internal.config.DurationSyntax;
import dev.junitloadtest.internal.config.LoadTestConfigurationException;

/**
 * Reads a class's {@link Baseline @Baseline} and the parameters that override it (a parameter wins over the attribute,
 * the attribute over the default), finds the baseline file and reads it, all before any load: a missing, unreadable or
 * other class's baseline is a configuration error naming the file and what is wrong with it. Internal.
 */
final class BaselineReader {

    private static final Pattern PERCENTAGE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*%");
    private static final String ANNOTATION_SOURCE = "@Baseline `value`";
    private static final String PARAMETER_SOURCE = "Configuration parameter `" + BASELINE_PROPERTY_NAME + "`";

    private final Class<?> testClass;
    private final ConfigurationParameters parameters;
    private final Optional<Baseline> annotation;

    BaselineReader(Class<?> testClass, ConfigurationParameters parameters) {
        this.testClass = testClass;
        this.parameters = parameters;
        this.annotation = AnnotationSupport.findAnnotation(testClass, Baseline.class);
    }

    /** The comparison the class asks for, or empty when it compares with no baseline. */
    Optional<BaselineComparison> read() {
        Optional<String> parameter = parameters.get(BASELINE_PROPERTY_NAME);
        if (parameter.isPresent() && parameter.get().equalsIgnoreCase("off")
                || parameter.isEmpty() && annotation.isEmpty()) {
            return Optional.empty();
        }
        // The tolerances are checked before the file, so a typo in them is reported even while the file is missing.
        Tolerance tolerance = new Tolerance(
                percentage(BASELINE_TOLERANCE_PROPERTY_NAME, "tolerance", annotation.map(Baseline::tolerance)),
                duration(BASELINE_FLOOR_PROPERTY_NAME, "floor", annotation.map(Baseline::floor)),
                percentage(BASELINE_FAILURE_RATE_TOLERANCE_PROPERTY_NAME, "failureRateTolerance",
                        annotation.map(Baseline::failureRateTolerance)));
        BaselineRun run = parameter.isPresent() ? fromParameter(parameter.get())
                : file(ANNOTATION_SOURCE, annotation.get().value());
        if (!run.testClass().equals(testClass.getName())) {
            throw new LoadTestConfigurationException(source(parameter) + " names the baseline file '" + run.file()
                    + "', a run of " + run.testClass() + ", not of " + testClass.getName()
                    + ": a baseline is compared only with runs of the class it was saved from.");
        }
        return Optional.of(new BaselineComparison(run, tolerance));
    }

    private static String source(Optional<String> parameter) {
        return parameter.isPresent() ? PARAMETER_SOURCE : ANNOTATION_SOURCE;
    }

    /** A file ending in {@code .json}, or a directory of baselines or of a previous run's report directories. */
    private BaselineRun fromParameter(String value) {
        if (value.toLowerCase(Locale.ROOT).endsWith(".json")) {
            return file(PARAMETER_SOURCE, value);
        }
        Path directory = path(PARAMETER_SOURCE, value);
        if (!Files.isDirectory(directory)) {
            throw new LoadTestConfigurationException(PARAMETER_SOURCE + " names '" + value + "', which is neither a "
                    + ".json file nor a directory (looked for " + directory.toAbsolutePath() + ").");
        }
        String name = testClass.getSimpleName();
        for (String candidate : new String[] {name + ".json", name + "/summary.json"}) {
            if (Files.exists(directory.resolve(candidate))) {
                return file(PARAMETER_SOURCE, directory.resolve(candidate).toString());
            }
        }
        throw new LoadTestConfigurationException(PARAMETER_SOURCE + " names the directory '" + value + "', which "
                + "holds no baseline of " + name + ": neither " + name + ".json nor " + name + "/summary.json is in "
                + directory.toAbsolutePath() + ".");
    }

    private static BaselineRun file(String source, String value) {
        if (value.isBlank()) {
            throw new LoadTestConfigurationException(source + " requires the path of a baseline file, but was '"
                    + value + "'.");
        }
        Path file = path(source, value);
        if (!Files.isRegularFile(file)) {
            throw new LoadTestConfigurationException(source + " names the baseline file '" + value + "', which does "
                    + "not exist (looked for " + file.toAbsolutePath() + "). Save a run as a baseline with -D"
                    + "loadtest.baseline.save=<directory>, or keep the summary.json of a run of the class.");
        }
        try {
            return BaselineFile.read(file, value);
        } catch (BaselineFile.Unreadable e) {
            throw unreadable(source, value, e.getMessage(), e);
        } catch (IOException e) {
            throw unreadable(source, value, "it could not be read (" + e + ")", e);
        }
    }

    private static LoadTestConfigurationException unreadable(String source, String value, String reason,
            Exception cause) {
        return new LoadTestConfigurationException(source + " names the baseline file '" + value + "', which cannot "
                + "be read as a baseline: " + reason + ".", cause);
    }

    private static Path path(String source, String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new LoadTestConfigurationException(source + " requires the path of a baseline file, but was '"
                    + value + "': " + e.getReason() + ".", e);
        }
    }

    private double percentage(String parameter, String attribute, Optional<String> annotated) {
        Setting setting = setting(parameter, attribute, annotated);
        Matcher matcher = PERCENTAGE.matcher(setting.value());
        if (!matcher.matches()) {
            throw new LoadTestConfigurationException(setting.requires("a percentage >= 0 such as 20%"));
        }
        return new BigDecimal(matcher.group(1)).movePointLeft(2).doubleValue();
    }

    private Duration duration(String parameter, String attribute, Optional<String> annotated) {
        Setting setting = setting(parameter, attribute, annotated);
        return DurationSyntax.parse(setting.value()).filter(d -> !d.isNegative()).orElseThrow(
                () -> new LoadTestConfigurationException(setting.requires(DurationSyntax.FORMAT + ", >= 0")));
    }

    /** The value of a setting and where it came from: the parameter, else the attribute, else its default. */
    private Setting setting(String parameter, String attribute, Optional<String> annotated) {
        Optional<String> given = parameters.get(parameter);
        if (given.isPresent()) {
            return new Setting("Configuration parameter `" + parameter + "` requires ", given.get());
        }
        String value = annotated.orElseGet(() -> defaultOf(attribute));
        return new Setting("@Baseline requires that `" + attribute + "` be ", value);
    }

    private static String defaultOf(String attribute) {
        try {
            return (String) Baseline.class.getMethod(attribute).getDefaultValue();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Setting(String prefix, String value) {

        String requires(String rule) {
            return prefix + rule + ", but was '" + value + "'.";
        }
    }
}
