package dev.junitloadtest.internal.merge;

import static dev.junitloadtest.LoadTestConstants.MERGE_PROPERTY_NAME;
import static dev.junitloadtest.LoadTestConstants.SHARDS_PROPERTY_NAME;
import static dev.junitloadtest.LoadTestConstants.SHARD_PROPERTY_NAME;
import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Optional;

import org.apiguardian.api.API;

import dev.junitloadtest.internal.config.ConfigurationParameters;
import dev.junitloadtest.internal.config.LoadTestConfigurationException;
import dev.junitloadtest.internal.config.Shard;

/**
 * Whether a class's run is a merge ({@value dev.junitloadtest.LoadTestConstants#MERGE_PROPERTY_NAME}) rather than a
 * load: the folders whose shards it merges. Internal.
 */
@API(status = INTERNAL, since = "0.1")
public final class MergeSettings {

    private MergeSettings() {
    }

    /**
     * The comma-separated folders {@code parameters} give to merge, if the run is a merge; {@code shard} is the part
     * of the load the configuration would run.
     *
     * @throws LoadTestConfigurationException if a merge is given with a shard: a merge runs no load
     */
    public static Optional<String> mergeFolders(ConfigurationParameters parameters, Shard shard) {
        Optional<String> merge = parameters.get(MERGE_PROPERTY_NAME);
        if (merge.isPresent() && !shard.isWhole()) {
            throw new LoadTestConfigurationException("Configuration parameter `" + MERGE_PROPERTY_NAME + "` runs no "
                    + "load, so it cannot be given with `" + SHARD_PROPERTY_NAME + "` or `" + SHARDS_PROPERTY_NAME
                    + "` (shard " + shard + ").");
        }
        return merge;
    }
}
