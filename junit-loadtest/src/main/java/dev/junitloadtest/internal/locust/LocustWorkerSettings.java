package dev.junitloadtest.internal.locust;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apiguardian.api.API;

import dev.junitloadtest.LoadTestConstants;
import dev.junitloadtest.internal.config.ConfigurationParameters;
import dev.junitloadtest.internal.config.DurationSyntax;
import dev.junitloadtest.internal.config.LoadTestConfigurationException;
import dev.junitloadtest.internal.engine.RunController;

/**
 * Whether a class runs as a worker of a Locust master ({@value LoadTestConstants#LOCUST_MASTER_PROPERTY_NAME}), and
 * with what: the master's host and port and how long to wait for it. Refers to no class of the worker's optional
 * dependencies, so it is safe to use when they are missing; {@link #worker} checks them and says which to add.
 * Immutable. Internal.
 *
 * @param host the master's host name or address
 * @param port the master's port (Locust's {@code --master-bind-port})
 * @param timeout how long the worker waits for the master while no users run: for its answer, for the first spawn,
 *     and after a stop for the next spawn or quit
 */
@API(status = INTERNAL, since = "0.1")
public record LocustWorkerSettings(String host, int port, Duration timeout) {

    /** Locust's default {@code --master-bind-port}. */
    public static final int DEFAULT_PORT = 5557;

    /** How long the worker waits for the master by default. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    private static final String[][] DEPENDENCIES = {{"org.zeromq.ZMQ", "org.zeromq:jeromq:0.6.0"},
        {"org.msgpack.core.MessagePack", "org.msgpack:msgpack-core:0.9.8"}};

    /**
     * The settings given by {@code parameters}, or empty when {@value LoadTestConstants#LOCUST_MASTER_PROPERTY_NAME}
     * is not set.
     *
     * @throws LoadTestConfigurationException if a value is invalid
     */
    public static Optional<LocustWorkerSettings> read(ConfigurationParameters parameters) {
        Optional<String> master = parameters.get(LoadTestConstants.LOCUST_MASTER_PROPERTY_NAME);
        Optional<String> timeoutValue = parameters.get(LoadTestConstants.LOCUST_TIMEOUT_PROPERTY_NAME);
        if (master.isEmpty()) {
            return Optional.empty();
        }
        for (String other : List.of(LoadTestConstants.SHARD_PROPERTY_NAME, LoadTestConstants.SHARDS_PROPERTY_NAME,
                LoadTestConstants.MERGE_PROPERTY_NAME)) {
            if (parameters.get(other).isPresent()) {
                throw new LoadTestConfigurationException("Configuration parameter `"
                        + LoadTestConstants.LOCUST_MASTER_PROPERTY_NAME + "` cannot be given with `" + other
                        + "`: a Locust master decides each worker's users, so a worker runs neither a shard of the "
                        + "class's own load nor a merge.");
            }
        }
        Duration timeout = DEFAULT_TIMEOUT;
        if (timeoutValue.isPresent()) {
            timeout = DurationSyntax.parse(timeoutValue.get()).filter(value -> !value.isZero())
                    .orElseThrow(() -> new LoadTestConfigurationException("Configuration parameter `"
                            + LoadTestConstants.LOCUST_TIMEOUT_PROPERTY_NAME + "` must be " + DurationSyntax.FORMAT
                            + ", greater than 0, but was '" + timeoutValue.get() + "'."));
        }
        return Optional.of(parse(master.get(), timeout));
    }

    /** {@code HOST}, {@code HOST:PORT}, {@code [IPv6]} or {@code [IPv6]:PORT}. */
    static LocustWorkerSettings parse(String value, Duration timeout) {
        String host = value;
        String port = null;
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            if (end < 0 || end + 1 < value.length() && value.charAt(end + 1) != ':') {
                throw invalid(value);
            }
            host = value.substring(1, end);
            port = end + 1 < value.length() ? value.substring(end + 2) : null;
        } else if (value.indexOf(':') >= 0) {
            if (value.indexOf(':') != value.lastIndexOf(':')) {
                throw invalid(value);
            }
            host = value.substring(0, value.indexOf(':'));
            port = value.substring(value.indexOf(':') + 1);
        }
        if (host.isBlank()) {
            throw invalid(value);
        }
        int number = DEFAULT_PORT;
        if (port != null) {
            try {
                number = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw invalid(value);
            }
            if (number < 1 || number > 65535) {
                throw invalid(value);
            }
        }
        return new LocustWorkerSettings(host, number, timeout);
    }

    private static LoadTestConfigurationException invalid(String value) {
        return new LoadTestConfigurationException("Configuration parameter `"
                + LoadTestConstants.LOCUST_MASTER_PROPERTY_NAME + "` must be HOST or HOST:PORT (port 1 to 65535, "
                + "default " + DEFAULT_PORT + "; an IPv6 address in brackets), but was \"" + value + "\".");
    }

    /** {@code host:port}, as messages name the master. */
    public String address() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * Checks that the worker's libraries are on the class path.
     *
     * @throws LoadTestConfigurationException naming the missing ones
     */
    public void requireLibraries() {
        StringBuilder missing = new StringBuilder();
        for (String[] dependency : DEPENDENCIES) {
            try {
                Class.forName(dependency[0], false, LocustWorkerSettings.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                missing.append(missing.isEmpty() ? "" : " and ").append(dependency[1]);
            }
        }
        if (!missing.isEmpty()) {
            throw new LoadTestConfigurationException("Configuration parameter `"
                    + LoadTestConstants.LOCUST_MASTER_PROPERTY_NAME + "` runs the class as a Locust worker, which "
                    + "needs " + Arrays.stream(DEPENDENCIES).map(dependency -> dependency[1])
                            .collect(Collectors.joining(" and ")) + " on the test class path; missing: " + missing
                    + ". Add them as test dependencies (junit-loadtest declares them optional, so that users who "
                    + "never run a worker do not get them).");
        }
    }

    /**
     * The worker of a run of the class named {@code testName}, writing its locustfile into {@code outputDirectory}
     * when there is one. Loads the worker's classes only now.
     */
    public RunController worker(String testName, Optional<Path> outputDirectory) {
        requireLibraries();
        return new LocustWorker(this, testName, outputDirectory, System.out);
    }
}
