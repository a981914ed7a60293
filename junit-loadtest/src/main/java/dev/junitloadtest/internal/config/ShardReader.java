package dev.junitloadtest.internal.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;

import org.apiguardian.api.API;

import dev.junitloadtest.LoadTestConstants;

/**
 * Reads which shard of the load this JVM runs ({@code loadtest.shard=I/N}, or {@code loadtest.shards=N} with the
 * index from {@code JOB_COMPLETION_INDEX}) and when the shards start together ({@code loadtest.shard.start}).
 * Internal.
 */
@API(status = INTERNAL, since = "0.1")
public final class ShardReader {

    /** How far ahead a common start may be: further is taken for a mistake rather than held for. */
    public static final Duration LONGEST_WAIT = Duration.ofMinutes(10);

    private static final String SHARD_RULE = "I/N with 0 <= I < N (such as 0/3, the first of 3 shards)";
    private static final Setting<Shard> SHARD_SETTING = Setting.of(LoadTestConstants.SHARD_PROPERTY_NAME,
            Parser.of(SHARD_RULE, Shard::parse));
    private static final Setting<Integer> SHARDS = Setting.of(LoadTestConstants.SHARDS_PROPERTY_NAME,
            Parser.wholeNumber(1));
    private static final Setting<Instant> START = Setting.of(LoadTestConstants.SHARD_START_PROPERTY_NAME,
            Parser.of("an ISO-8601 instant such as 2026-01-31T14:05:00Z", ShardReader::instant));

    private ShardReader() {
    }

    /**
     * A shard and the instant it starts at, if one is set.
     *
     * @param shard the part of the load this JVM runs
     * @param source the key (and value) that set it, as messages name it; empty for the whole
     * @param start when the load starts, if a common start is set
     */
    public record Sharding(Shard shard, String source, Optional<Instant> start) {
    }

    /**
     * The sharding set by {@code parameters} and {@code environment}, checked against {@code now}.
     *
     * @throws LoadTestConfigurationException if a value breaks its rule
     */
    public static Sharding read(ConfigurationParameters parameters, Function<String, String> environment,
            Instant now) {
        Optional<Shard> given = SHARD_SETTING.parameter(parameters);
        Optional<Integer> count = SHARDS.parameter(parameters);
        if (given.isPresent() && count.isPresent()) {
            throw new LoadTestConfigurationException("Configuration parameters `" + SHARD_SETTING.key() + "` ("
                    + given.get() + ") and `" + SHARDS.key() + "` (" + count.get() + ") both say which shard runs; "
                    + "give one.");
        }
        Optional<Instant> start = START.parameter(parameters);
        start.ifPresent(instant -> requireNear(instant, now, parameters));
        if (given.isPresent()) {
            return new Sharding(given.get(), "`" + SHARD_SETTING.key() + "=" + given.get() + "`", start);
        }
        if (count.isPresent()) {
            Shard shard = fromEnvironment(count.get(), environment);
            return new Sharding(shard, "`" + SHARDS.key() + "=" + count.get() + "` with "
                    + LoadTestConstants.SHARD_INDEX_ENVIRONMENT_VARIABLE + "=" + shard.index(), start);
        }
        return new Sharding(Shard.whole(), "", start);
    }

    private static Shard fromEnvironment(int count, Function<String, String> environment) {
        String variable = LoadTestConstants.SHARD_INDEX_ENVIRONMENT_VARIABLE;
        String text = environment.apply(variable);
        if (text == null || text.isBlank()) {
            throw new LoadTestConfigurationException("Configuration parameter `" + SHARDS.key() + "` (" + count
                    + ") takes the shard's index from the environment variable " + variable + ", as a Kubernetes "
                    + "Indexed Job sets it, but it is not set; set it, or give the shard as `" + SHARD_SETTING.key()
                    + "=I/N`.");
        }
        try {
            int index = Integer.parseInt(text.trim());
            if (index >= 0 && index < count) {
                return new Shard(index, count);
            }
        } catch (NumberFormatException e) {
            // Reported below with the rule.
        }
        throw new LoadTestConfigurationException("Environment variable `" + variable + "` requires a shard index "
                + "from 0 to " + (count - 1) + " (`" + SHARDS.key() + "` is " + count + "), but was '" + text + "'.");
    }

    private static void requireNear(Instant start, Instant now, ConfigurationParameters parameters) {
        Duration ahead = Duration.between(now, start);
        if (ahead.compareTo(LONGEST_WAIT) > 0) {
            throw new LoadTestConfigurationException(START.where() + " requires an instant at most "
                    + DurationSyntax.format(LONGEST_WAIT) + " from now, but was '" + parameters.get(START.key())
                    .orElseThrow() + "': a start that far ahead is most likely a mistake, and would hold the run "
                    + "until then.");
        }
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
