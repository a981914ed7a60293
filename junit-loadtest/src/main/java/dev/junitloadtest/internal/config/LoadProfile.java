package dev.junitloadtest.internal.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apiguardian.api.API;

import dev.junitloadtest.internal.data.DataSet;

/**
 * Everything a run needs, validated and immutable: the single source of truth the engine runs from. Built by
 * {@link ProfileReader} from annotations and configuration parameters. Internal.
 *
 * @param testName the load test's name (its class's simple name)
 * @param userTypes the user types, at least one
 * @param model how many users run and when
 * @param stopTimeout how long in-flight tasks may finish at the end before being interrupted
 * @param host base URI of relative paths, if any
 * @param hostSource where {@code host} came from, for reports ({@link HostResolution.Host#source()})
 * @param seed seed of the run's random choices
 * @param http HTTP client settings
 * @param trust safety rails, TLS trust and secret names
 * @param feeders the data sets users draw rows from ({@code @Feeder}), their files read
 * @param shard the part of the load this run runs ({@link Shard#whole()} unless sharded); {@code model} is that part
 * @param wholeModel the load model of all shards together; {@code model} itself for the whole
 * @param start when the load starts, if a common start is set ({@code loadtest.shard.start})
 */
@API(status = INTERNAL, since = "0.1")
public record LoadProfile(String testName, List<UserTypeSpec> userTypes, LoadModel model, Duration stopTimeout,
        Optional<URI> host, String hostSource, long seed, HttpSettings http, TrustSettings trust,
        List<DataSet> feeders, Shard shard, LoadModel wholeModel, Optional<Instant> start) {

    /** Copies the user types and data sets. */
    public LoadProfile {
        userTypes = List.copyOf(userTypes);
        feeders = List.copyOf(feeders);
    }

    /** The host as shown in reports: its user info, if any, masked. Empty when there is no host. */
    public String displayHost() {
        return host.map(uri -> uri.getRawUserInfo() == null ? uri.toString()
                : uri.toString().replace(uri.getRawUserInfo() + "@", "****@")).orElse("");
    }

    /** This profile with another model, for tests and overrides. */
    public LoadProfile withModel(LoadModel newModel) {
        return new LoadProfile(testName, userTypes, newModel, stopTimeout, host, hostSource, seed, http, trust,
                feeders, shard, shard.isWhole() ? newModel : wholeModel, start);
    }

    /** This profile aimed at {@code newHost}, which {@code source} gave (as reports name it). */
    public LoadProfile withHost(URI newHost, String source) {
        return new LoadProfile(testName, userTypes, model, stopTimeout, Optional.of(newHost), source, seed, http, trust,
                feeders, shard, wholeModel, start);
    }

    /**
     * The load model in words for reports, led for a shard by what it runs of the whole:
     * {@code shard 1/3: 4 of 10 users; 4 users started at once for 10s}.
     */
    public String describeModel() {
        return shard.isWhole() ? model.describe()
                : ShardSplit.describe(wholeModel, model, shard) + "; " + model.describe();
    }
}
