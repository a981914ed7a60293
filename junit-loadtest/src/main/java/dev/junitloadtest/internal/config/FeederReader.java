package dev.junitloadtest.internal.config;

import static org.junit.platform.commons.support.AnnotationSupport.findRepeatableAnnotations;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.junitloadtest.Feeder;
import dev.junitloadtest.internal.data.DataFileException;
import dev.junitloadtest.internal.data.DataSet;

/**
 * Reads the {@link Feeder @Feeder}s of a load test class and the files they name, so that a missing, empty or
 * malformed file fails the class before any user starts. Internal.
 */
final class FeederReader {

    private FeederReader() {
    }

    /** The class's data sets, each file read and checked. */
    static List<DataSet> read(Class<?> testClass) {
        List<DataSet> dataSets = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Feeder feeder : findRepeatableAnnotations(testClass, Feeder.class)) {
            if (feeder.name().isBlank()) {
                throw new LoadTestConfigurationException("@Feeder requires that `name` not be blank, but was '"
                        + feeder.name() + "' (for file \"" + feeder.file() + "\").");
            }
            String label = "@Feeder(name = \"" + feeder.name() + "\")";
            if (!names.add(feeder.name())) {
                throw new LoadTestConfigurationException(label + " is declared twice; give each feeder its own `name`.");
            }
            if (feeder.policy() != Feeder.Policy.UNIQUE && feeder.whenExhausted() != Feeder.Exhausted.STOP_USER) {
                throw new LoadTestConfigurationException(label + " requires that `whenExhausted` be left out unless "
                        + "`policy` is UNIQUE, but was " + feeder.whenExhausted() + " with policy " + feeder.policy()
                        + ", which never runs out.");
            }
            Feeder.Format format = feeder.format() == Feeder.Format.BY_EXTENSION ? DataSet.formatOf(feeder.file())
                    : feeder.format();
            if (format == Feeder.Format.BY_EXTENSION) {
                throw new LoadTestConfigurationException(label + " cannot tell the format of \"" + feeder.file()
                        + "\" by its extension (.csv, .jsonl or .ndjson); set `format` to CSV or JSON_LINES.");
            }
            try {
                dataSets.add(DataSet.read(feeder.name(), feeder.file(), format, feeder.policy(),
                        feeder.whenExhausted(), List.of(feeder.columns()), testClass));
            } catch (DataFileException e) {
                throw new LoadTestConfigurationException(label + " cannot use \"" + feeder.file() + "\": "
                        + e.getMessage(), e);
            }
        }
        return dataSets;
    }
}
