package dev.junitloadtest.internal.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

import dev.junitloadtest.LoadTestConstants;

import org.apiguardian.api.API;

/**
 * The check that fails a run on a {@code loadtest.*} key that is none of
 * {@link LoadTestConstants#ALL_PROPERTY_NAMES}: a mistyped key ({@code -Dloadtest.user=5}) would otherwise be ignored,
 * and a load that was not asked for would run. JUnit cannot list its configuration parameters, so the keys are read
 * from where they are usually given: system properties and {@code junit-platform.properties} files. A key added to
 * the code is added there; a test holds that list equal to the README's tables. Internal.
 */
@API(status = INTERNAL, since = "0.1")
public final class ConfigurationKeys {

    /** What every key of junit-loadtest starts with. */
    public static final String PREFIX = LoadTestConstants.PROPERTY_NAME_PREFIX;

    /** The resource JUnit reads configuration parameters from. */
    public static final String PROPERTIES_FILE = "junit-platform.properties";

    private static final String RULE = "junit-loadtest fails on a `loadtest.*` parameter it does not know rather than "
            + "run a load that was not asked for; the README's Configuration parameters and Output settings list the "
            + "known ones.";

    private ConfigurationKeys() {
    }

    /** A key as it was given, and where: {@code system property}, {@code junit-platform.properties at <url>}. */
    public record GivenKey(String key, String source) {
    }

    /** Where keys are given. The run reads {@link #of(Properties, ClassLoader) the real ones}; tests give their own. */
    @FunctionalInterface
    public interface Sources {

        /** The keys given, in the order they are reported. */
        List<GivenKey> keys();
    }

    /**
     * The keys of {@code systemProperties}, then those of every {@value #PROPERTIES_FILE} that {@code loader} finds
     * (JUnit reads the first; a key in any of them is checked).
     */
    public static Sources of(Properties systemProperties, ClassLoader loader) {
        return () -> {
            List<GivenKey> keys = new ArrayList<>();
            systemProperties.stringPropertyNames().stream().sorted()
                    .forEach(key -> keys.add(new GivenKey(key, "system property")));
            try {
                for (URL file : Collections.list(loader.getResources(PROPERTIES_FILE))) {
                    Properties properties = new Properties();
                    try (InputStream in = file.openStream()) {
                        properties.load(in);
                    }
                    properties.stringPropertyNames().stream().sorted()
                            .forEach(key -> keys.add(new GivenKey(key, PROPERTIES_FILE + " at " + file)));
                }
            } catch (IOException | IllegalArgumentException e) {
                throw new LoadTestConfigurationException("Could not read " + PROPERTIES_FILE
                        + " to check its `loadtest.*` parameters: " + e, e);
            }
            return keys;
        };
    }

    /**
     * Fails on every {@code loadtest.*} key of {@code sources} that is not a known one, naming each with where it was
     * given and the nearest known key when one is close. Values are never shown: a mistyped password key stays private.
     *
     * @throws LoadTestConfigurationException if a key is unknown
     */
    public static void requireKnown(Sources sources) {
        List<String> unknown = new ArrayList<>();
        for (GivenKey given : sources.keys()) {
            if (given.key().startsWith(PREFIX) && !LoadTestConstants.ALL_PROPERTY_NAMES.contains(given.key())) {
                unknown.add("`" + given.key() + "` (" + given.source() + ")"
                        + nearest(given.key()).map(known -> ": did you mean `" + known + "`?").orElse("."));
            }
        }
        if (unknown.size() == 1) {
            throw new LoadTestConfigurationException("Unknown configuration parameter " + unknown.get(0) + " " + RULE);
        }
        if (!unknown.isEmpty()) {
            throw new LoadTestConfigurationException("Unknown configuration parameters:\n  "
                    + String.join("\n  ", unknown) + "\n" + RULE);
        }
    }

    /**
     * The known key nearest to {@code key}, if it is close: at most one edit (a character added, removed or changed)
     * for every five characters after {@value #PREFIX}, and never more than two; case is ignored. The first in
     * {@link LoadTestConstants#ALL_PROPERTY_NAMES}'s order wins a tie.
     */
    static Optional<String> nearest(String key) {
        String typed = key.substring(PREFIX.length()).toLowerCase(Locale.ROOT);
        int allowed = Math.max(1, Math.min(2, typed.length() / 5));
        String nearest = null;
        int best = allowed + 1;
        for (String known : LoadTestConstants.ALL_PROPERTY_NAMES) {
            int distance = editDistance(typed, known.substring(PREFIX.length()));
            if (distance < best) {
                best = distance;
                nearest = known;
            }
        }
        return Optional.ofNullable(nearest);
    }

    /** Levenshtein's distance: the fewest characters added, removed or changed to turn {@code a} into {@code b}. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int change = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(change, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
