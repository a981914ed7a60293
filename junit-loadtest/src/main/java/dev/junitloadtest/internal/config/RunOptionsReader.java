package dev.junitloadtest.internal.config;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import dev.junitloadtest.LoadTest;
import dev.junitloadtest.LoadTestConstants;

/** Reads the run's own options of {@link LoadTest @LoadTest}: the stop timeout and the seed. Internal. */
final class RunOptionsReader {

    private static final Setting<Duration> STOP_TIMEOUT = Setting.of(LoadTestConstants.STOP_TIMEOUT_PROPERTY_NAME,
            Parser.DURATION);
    private static final Setting<String> SEED = Setting.of(LoadTestConstants.SEED_PROPERTY_NAME, Parser.TEXT);

    private RunOptionsReader() {
    }

    /** How long in-flight tasks may finish at the end; zero allowed. */
    static Duration stopTimeout(LoadTest loadTest, ConfigurationParameters parameters) {
        return STOP_TIMEOUT.read(parameters,
                () -> Attributes.duration("@LoadTest", "stopTimeout", loadTest.stopTimeout(), true)).value();
    }

    /** The seed of the run's random choices: the one given, else a random one. */
    static long seed(LoadTest loadTest, ConfigurationParameters parameters) {
        Optional<String> text = SEED.find(parameters, () -> Optional.of(loadTest.seed()).filter(s -> !s.isBlank()))
                .map(Setting.Value::value);
        if (text.isEmpty()) {
            return ThreadLocalRandom.current().nextLong();
        }
        try {
            return Long.parseLong(text.get().trim());
        } catch (NumberFormatException e) {
            throw new LoadTestConfigurationException("Seed requires a whole number (a long), but was '" + text.get()
                    + "' (@LoadTest `seed` or configuration parameter `" + SEED.key() + "`).", e);
        }
    }
}
