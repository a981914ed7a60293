package dev.junitloadtest.internal.engine;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import dev.junitloadtest.internal.config.Shard;
import dev.junitloadtest.internal.config.UserTypeSpec;

/**
 * Decides the type of each next user: first the types with a fixed count, in declaration order, until each has its
 * count; then the weighted types by smooth weighted round robin, which spreads them evenly (3:2 gives A B A B A, not
 * A A A B B) so any number of users is as close to the weights as it can be. A user stopped by a ramp-down gives its
 * place back: the next user takes the type of the last one returned, so the users running are always the first of
 * the sequence, at the weights, however the count went up and down.
 *
 * <p>Shard I of N draws the whole's sequence and takes the I-th of every N types: its users are the whole's users
 * I+1, I+1+N..., so each type's users add up, across the shards, to the whole's. Used by one thread. Internal.
 */
final class UserTypeMix {

    private final List<UserTypeSpec> types;
    private final Shard shard;
    private final int[] spawnedFixed;
    private final long[] current;
    private final long totalWeight;
    private final Deque<UserTypeSpec> returned = new ArrayDeque<>();

    UserTypeMix(List<UserTypeSpec> types, Shard shard) {
        this.types = types;
        this.shard = shard;
        this.spawnedFixed = new int[types.size()];
        this.current = new long[types.size()];
        this.totalWeight = types.stream().filter(t -> t.fixedCount() == 0).mapToLong(UserTypeSpec::weight).sum();
    }

    /** The type of the next user, or {@code null} when only fixed-count types exist and all have their count. */
    UserTypeSpec next() {
        if (!returned.isEmpty()) {
            return returned.pop();
        }
        UserTypeSpec mine = null;
        for (int i = 0; i < shard.count(); i++) {
            UserTypeSpec drawn = draw();
            if (i == shard.index()) {
                mine = drawn;
            }
        }
        return mine;
    }

    /** The next type of the whole's sequence. */
    private UserTypeSpec draw() {
        for (int i = 0; i < types.size(); i++) {
            UserTypeSpec type = types.get(i);
            if (type.fixedCount() > 0 && spawnedFixed[i] < type.fixedCount()) {
                spawnedFixed[i]++;
                return type;
            }
        }
        if (totalWeight == 0) {
            return null;
        }
        int best = -1;
        for (int i = 0; i < types.size(); i++) {
            if (types.get(i).fixedCount() == 0) {
                current[i] += types.get(i).weight();
                if (best < 0 || current[i] > current[best]) {
                    best = i;
                }
            }
        }
        current[best] -= totalWeight;
        return types.get(best);
    }

    /** Gives back the place of a user of {@code type} stopped by a ramp-down: the next user takes it. */
    void returned(UserTypeSpec type) {
        returned.push(type);
    }
}
