package dev.junitloadtest.internal.merge;

import static dev.junitloadtest.LoadTestConstants.MERGE_PROPERTY_NAME;
import static dev.junitloadtest.LoadTestConstants.SHARDS_PROPERTY_NAME;
import static dev.junitloadtest.LoadTestConstants.SHARD_INDEX_ENVIRONMENT_VARIABLE;
import static dev.junitloadtest.LoadTestConstants.SHARD_PROPERTY_NAME;
import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apiguardian.api.API;

import dev.junitloadtest.internal.config.ConfigurationParameters;
import dev.junitloadtest.internal.config.LoadTestConfigurationException;
import dev.junitloadtest.internal.config.Shard;

/**
 * What a class's run is beyond one JVM: the shard it runs ({@value dev.junitloadtest.LoadTestConstants#SHARD_PROPERTY_NAME},
 * or {@value dev.junitloadtest.LoadTestConstants#SHARDS_PROPERTY_NAME} with the index in
 * {@value dev.junitloadtest.LoadTestConstants#SHARD_INDEX_ENVIRONMENT_VARIABLE}), which marks its mergeable results,
 * or the folders whose shards it merges instead of running load. Immutable. Internal.
 *
 * @param shard the shard the run is, the whole when not split
 * @param mergeFolders the comma-separated folders to merge, if the run is a merge
 */
@API(status = INTERNAL, since = "0.1")
public record MergeSettings(Shard shard, Optional<String> mergeFolders) {

    private static final Pattern SHARD = Pattern.compile("(\\d{1,9})/(\\d{1,9})");

    /**
     * The settings {@code parameters} give, the shard's index looked up in {@code environment} when only the number
     * of shards is given.
     *
     * @throws LoadTestConfigurationException if a value breaks its rule
     */
    public static MergeSettings read(ConfigurationParameters parameters, Function<String, String> environment) {
        Optional<String> merge = parameters.get(MERGE_PROPERTY_NAME);
        Optional<Shard> shard = parameters.get(SHARD_PROPERTY_NAME).map(MergeSettings::shard);
        Optional<String> count = parameters.get(SHARDS_PROPERTY_NAME);
        if (shard.isEmpty() && count.isPresent()) {
            String index = environment.apply(SHARD_INDEX_ENVIRONMENT_VARIABLE);
            if (index == null || index.isBlank()) {
                throw new LoadTestConfigurationException("Configuration parameter `" + SHARDS_PROPERTY_NAME
                        + "` requires the environment variable " + SHARD_INDEX_ENVIRONMENT_VARIABLE + " (set by a "
                        + "Kubernetes Indexed Job) to give the shard's index, but it is not set.");
            }
            shard = Optional.of(shard(index.strip() + "/" + count.get()));
        }
        if (merge.isPresent() && shard.isPresent()) {
            throw new LoadTestConfigurationException("Configuration parameter `" + MERGE_PROPERTY_NAME + "` runs no "
                    + "load, so it cannot be given with `" + (count.isPresent() ? SHARDS_PROPERTY_NAME
                            : SHARD_PROPERTY_NAME) + "`.");
        }
        return new MergeSettings(shard.orElse(Shard.whole()), merge);
    }

    private static Shard shard(String text) {
        Matcher matcher = SHARD.matcher(text);
        if (matcher.matches()) {
            int index = Integer.parseInt(matcher.group(1));
            int count = Integer.parseInt(matcher.group(2));
            if (count >= 1 && index < count) {
                return new Shard(index, count);
            }
        }
        throw new LoadTestConfigurationException("Configuration parameter `" + SHARD_PROPERTY_NAME + "` requires "
                + "I/N with 0 <= I < N (I counted from 0), but was '" + text + "'.");
    }
}
