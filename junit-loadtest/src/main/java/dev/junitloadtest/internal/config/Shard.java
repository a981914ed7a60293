package dev.junitloadtest.internal.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * Which part of a load split across JVMs a run is: shard {@code index} of {@code count}, counted from 0 as
 * Kubernetes' {@code JOB_COMPLETION_INDEX} counts. A run that is not split is {@linkplain #whole() the whole},
 * shard 0 of 1. Written {@code I/N}. Immutable. Internal.
 *
 * @param index the shard, from 0
 * @param count how many shards the load is split into, at least 1
 */
@API(status = INTERNAL, since = "0.1")
public record Shard(int index, int count) {

    /** Checks that {@code 0 <= index < count}. */
    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("A shard is I/N with 0 <= I < N, but was " + index + "/" + count);
        }
    }

    /** The whole load, not split: shard 0 of 1. */
    public static Shard whole() {
        return new Shard(0, 1);
    }

    /** Whether this is the whole load. */
    public boolean isWhole() {
        return count == 1;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
