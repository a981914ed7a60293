package dev.junitloadtest.internal.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import static org.junit.platform.commons.support.AnnotationSupport.findAnnotation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import dev.junitloadtest.LoadTest;
import dev.junitloadtest.internal.data.DataSet;

import org.apiguardian.api.API;

/**
 * Reads a load test class's annotations and the configuration parameters that override them into one validated
 * {@link LoadProfile}, or fails with a {@link LoadTestConfigurationException} whose message names the annotation or
 * parameter, the attribute, the value and the rule. Composes the focused readers, in the order their checks run;
 * every one follows {@link Setting}'s rule. The configuration is read once; each profile is built whole from it and
 * a host resolved by {@link HostResolution}. Touches nothing outside the class. Internal.
 */
@API(status = INTERNAL, since = "0.1")
public final class ProfileReader {

    private record Configuration(List<UserTypeSpec> userTypes, LoadModel model, Duration stopTimeout, long seed,
            HttpSettings http, TrustSettings trust, HostResolution host, List<DataSet> feeders,
            ShardReader.Sharding sharding, LoadModel part) {
    }

    private final Class<?> testClass;
    private final ConfigurationParameters parameters;
    private final Function<String, String> environment;
    private Configuration configuration;

    /** A reader of {@code testClass}, with overrides from {@code parameters} and {@code environment} variables. */
    public ProfileReader(Class<?> testClass, ConfigurationParameters parameters, Function<String, String> environment) {
        this.testClass = testClass;
        this.parameters = parameters;
        this.environment = environment;
    }

    /** Reads and validates the profile; its host is the one set by parameter, annotation or environment, if any. */
    public LoadProfile read() {
        return read(HostResolution.CodeSources.NONE);
    }

    /** Reads and validates the profile; its host is the first of all five sources, {@code code} giving two. */
    public LoadProfile read(HostResolution.CodeSources code) {
        Configuration read = configuration();
        HostResolution.Host host = read.host().resolve(code);
        return new LoadProfile(testClass.getSimpleName(), read.userTypes(), read.part(), read.stopTimeout(),
                host.uri(), host.source(), read.seed(), read.http(), read.trust(), read.feeders(),
                read.sharding().shard(), read.model(), read.sharding().start());
    }

    private synchronized Configuration configuration() {
        if (configuration == null) {
            LoadTest loadTest = findAnnotation(testClass, LoadTest.class).orElseThrow(() ->
                    new LoadTestConfigurationException(testClass.getName() + " is not annotated with @LoadTest"));
            List<UserTypeSpec> userTypes = new UserTypeReader(testClass, parameters).read();
            LoadModel model = new LoadModelReader(testClass, parameters, loadTest).read(userTypes);
            Duration stopTimeout = RunOptionsReader.stopTimeout(loadTest, parameters);
            long seed = RunOptionsReader.seed(loadTest, parameters);
            HttpSettings http = HttpSettingsReader.read(parameters);
            CeilingsReader.check(testClass, model, parameters);
            TrustSettings trust = TrustSettingsReader.read(loadTest, parameters);
            HostResolution host = HostResolution.configured(loadTest, parameters, environment);
            ShardReader.Sharding sharding = ShardReader.read(parameters, environment, Instant.now());
            LoadModel part = shardOf(model, sharding);
            // Last: the files are read only once everything cheaper to check is right.
            List<DataSet> feeders = FeederReader.read(testClass);
            configuration = new Configuration(userTypes, model, stopTimeout, seed, http, trust, host, feeders,
                    sharding, part);
        }
        return configuration;
    }

    /** The shard's part of {@code whole}, or a failure where the whole cannot be split. */
    private static LoadModel shardOf(LoadModel whole, ShardReader.Sharding sharding) {
        Shard shard = sharding.shard();
        if (shard.isWhole()) {
            return whole;
        }
        if (whole instanceof LoadModel.Closed closed && closed.search().isPresent()) {
            throw new LoadTestConfigurationException("@CapacitySearch cannot run sharded (" + sharding.source()
                    + "): it judges each step on the whole load while it runs, and a shard sees only its part. Run "
                    + "the search in one JVM, or shard @RampStage stages and merge the shards' results.");
        }
        if (whole instanceof LoadModel.Open open && shard.share(open.maxUsers()) == 0) {
            throw new LoadTestConfigurationException("@ArrivalRate `maxUsers` (" + open.maxUsers() + ") leaves shard "
                    + shard + " no user: each shard may run its share of maxUsers, "
                    + "maxUsers / N plus one for the first maxUsers % N shards. Set maxUsers >= " + shard.count()
                    + " or run fewer shards.");
        }
        return ShardSplit.split(whole, shard);
    }
}
