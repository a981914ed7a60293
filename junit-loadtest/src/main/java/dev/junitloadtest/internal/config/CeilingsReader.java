package dev.junitloadtest.internal.config;

import java.time.Duration;
import java.util.Locale;

import dev.junitloadtest.LoadTestConstants;

/**
 * Rejects a load model above the ceilings on users and duration, which catch typos (200000 users for 20000, 100h for
 * 100s); configuration parameters raise them. Internal.
 */
final class CeilingsReader {

    private static final Setting<Integer> USERS_CEILING = Setting.of(LoadTestConstants.USERS_CEILING_PROPERTY_NAME,
            Parser.wholeNumber(1));
    private static final Setting<Duration> DURATION_CEILING = Setting.of(
            LoadTestConstants.DURATION_CEILING_PROPERTY_NAME, Parser.POSITIVE_DURATION);

    private CeilingsReader() {
    }

    /**
     * Checks {@code model} of {@code testClass} against the ceilings.
     *
     * @throws LoadTestConfigurationException if it asks for more users or a longer run than they allow
     */
    static void check(Class<?> testClass, LoadModel model, ConfigurationParameters parameters) {
        int usersCeiling = USERS_CEILING.orDefault(parameters, TrustSettings.DEFAULT_USERS_CEILING);
        Duration durationCeiling = DURATION_CEILING.orDefault(parameters, TrustSettings.DEFAULT_DURATION_CEILING);
        int users = switch (model) {
            case LoadModel.Closed closed -> closed.peakUsers();
            case LoadModel.Open open -> open.maxUsers();
            case LoadModel.Controlled controlled -> 0;
        };
        if (users > usersCeiling) {
            throw new LoadTestConfigurationException(String.format(Locale.ROOT, "%s asks for %,d users, "
                    + "above the ceiling of %,d that guards against typos. If you mean it, raise the ceiling: "
                    + "-D%s=%d", testClass.getSimpleName(), users, usersCeiling, USERS_CEILING.key(), users));
        }
        if (model.duration().compareTo(durationCeiling) > 0) {
            throw new LoadTestConfigurationException(testClass.getSimpleName() + " asks to run for "
                    + DurationSyntax.format(model.duration()) + ", above the ceiling of "
                    + DurationSyntax.format(durationCeiling) + " that guards against typos. If you mean it, raise the "
                    + "ceiling: -D" + DURATION_CEILING.key() + "=" + DurationSyntax.format(model.duration()));
        }
    }
}
