package dev.junitloadtest.internal.config;

import java.time.Duration;

/**
 * Checks of annotation attributes written as text, failing with a {@link LoadTestConfigurationException} worded
 * {@code @Annotation requires that `attribute` be <rule>, but was '<value>'.} Internal.
 */
final class Attributes {

    private Attributes() {
    }

    /** The duration {@code annotation}'s {@code attribute} is set to; zero only if {@code zeroAllowed}. */
    static Duration duration(String annotation, String attribute, String value, boolean zeroAllowed) {
        Duration duration = DurationSyntax.parse(value).orElseThrow(() -> new LoadTestConfigurationException(
                annotation + " requires that `" + attribute + "` be " + DurationSyntax.FORMAT + ", but was '" + value
                        + "'."));
        if (!zeroAllowed && duration.isZero()) {
            throw new LoadTestConfigurationException(
                    annotation + " requires that `" + attribute + "` be > 0, but was '" + value + "'.");
        }
        return duration;
    }
}
