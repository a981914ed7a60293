package dev.junitloadtest.internal.config;

import static org.junit.platform.commons.support.AnnotationSupport.findAnnotation;

import java.time.Duration;
import java.util.Optional;

import dev.junitloadtest.LoadTestConstants;
import dev.junitloadtest.Pacing;
import dev.junitloadtest.WaitTime;

/**
 * Reads what a user type's users do between tasks: {@code loadtest.wait-time}, else its {@link WaitTime @WaitTime} or
 * {@link Pacing @Pacing}, else no wait. Internal.
 */
final class WaitReader {

    private static final String RANGE = " or a range such as 5s..9s";

    /** {@code loadtest.wait-time}: a duration, or a range {@code min..max}; replaces every user type's own. */
    static final Setting<WaitStrategy> WAIT_TIME = Setting.of(LoadTestConstants.WAIT_TIME_PROPERTY_NAME,
            WaitReader::parse);

    private final ConfigurationParameters parameters;

    WaitReader(ConfigurationParameters parameters) {
        this.parameters = parameters;
    }

    /** The wait of {@code type}'s users. */
    WaitStrategy read(Class<?> type) {
        return WAIT_TIME.read(parameters, () -> annotated(type), new WaitStrategy.None()).value();
    }

    private static WaitStrategy parse(String text, String where) {
        String[] bounds = text.split("\\.\\.", -1);
        if (bounds.length > 2) {
            throw Parser.broken(where, "a duration" + RANGE, text);
        }
        Duration min = bound(bounds[0], text, where);
        Duration max = bounds.length == 2 ? bound(bounds[1], text, where) : min;
        if (max.compareTo(min) < 0) {
            throw Parser.broken(where, "that the longest wait be at least the shortest", text);
        }
        return min.isZero() && max.isZero() ? new WaitStrategy.None() : new WaitStrategy.Between(min, max);
    }

    private static Duration bound(String bound, String text, String where) {
        return DurationSyntax.parse(bound).orElseThrow(() -> Parser.broken(where, DurationSyntax.FORMAT + RANGE, text));
    }

    private static Optional<WaitStrategy> annotated(Class<?> type) {
        Optional<WaitTime> waitTime = findAnnotation(type, WaitTime.class);
        Optional<Pacing> pacing = findAnnotation(type, Pacing.class);
        String typeName = type.getSimpleName();
        if (waitTime.isPresent() && pacing.isPresent()) {
            throw new LoadTestConfigurationException(typeName + " has both @WaitTime and @Pacing; they are two ways "
                    + "of spacing tasks, declare one.");
        }
        if (pacing.isPresent()) {
            return Optional.of(new WaitStrategy.Pacing(
                    Attributes.duration("@Pacing", "value", pacing.get().value(), false)));
        }
        return waitTime.map(wait -> {
            Duration min = Attributes.duration("@WaitTime", "min", wait.min(), true);
            Duration max = wait.max().isBlank() ? min : Attributes.duration("@WaitTime", "max", wait.max(), true);
            if (max.compareTo(min) < 0) {
                throw new LoadTestConfigurationException("@WaitTime requires that `max` be >= `min`, but was '"
                        + wait.max() + "' < '" + wait.min() + "' (on " + typeName + ").");
            }
            return new WaitStrategy.Between(min, max);
        });
    }
}
