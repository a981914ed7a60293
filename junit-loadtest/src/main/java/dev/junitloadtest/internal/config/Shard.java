package dev.junitloadtest.internal.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apiguardian.api.API;

/**
 * Which part of a load one JVM runs: shard {@code index} of {@code count}, numbered from 0 as Kubernetes numbers an
 * Indexed Job's pods ({@code JOB_COMPLETION_INDEX}). The whole load is shard 0 of 1. Immutable. Internal.
 *
 * <p>Whole numbers split by {@link #share(int)}: shard I runs the I-th of every {@code count} units, numbered from 0
 * (users, stages' user counts, rows of a unique feeder, open-model iterations), so the shards' shares add up to the
 * whole and the first {@code total % count} shards run one more than the others.
 *
 * @param index this shard's number, from 0 to {@code count - 1}
 * @param count how many shards the load is split into, at least 1
 */
@API(status = INTERNAL, since = "0.1")
public record Shard(int index, int count) {

    /** Checks {@code 0 <= index < count}. */
    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("A shard is I/N with 0 <= I < N, but was " + index + "/" + count);
        }
    }

    private static final Pattern TEXT = Pattern.compile("(\\d{1,9})/(\\d{1,9})");

    /** The shard {@code text} ({@code I/N}, as {@link #toString()} writes it) names; empty if it names none. */
    public static Optional<Shard> parse(String text) {
        Matcher matcher = TEXT.matcher(text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        int index = Integer.parseInt(matcher.group(1));
        int count = Integer.parseInt(matcher.group(2));
        return count >= 1 && index < count ? Optional.of(new Shard(index, count)) : Optional.empty();
    }

    /** The whole load, unsplit: shard 0 of 1. */
    public static Shard whole() {
        return new Shard(0, 1);
    }

    /** Whether this is the whole load. */
    public boolean isWhole() {
        return count == 1;
    }

    /**
     * This shard's share of {@code total} units: {@code total / count}, plus one when {@code index < total % count}.
     * The shares of the {@code count} shards add up to {@code total}.
     */
    public int share(int total) {
        return total / count + (index < total % count ? 1 : 0);
    }

    /** The first of this shard's units when {@code total} units are dealt in contiguous blocks: the shares before. */
    public int blockStart(int total) {
        return index * (total / count) + Math.min(index, total % count);
    }

    /** {@code I/N}, as the shard is given. */
    @Override
    public String toString() {
        return index + "/" + count;
    }
}
