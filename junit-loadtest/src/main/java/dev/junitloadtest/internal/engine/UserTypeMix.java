package dev.junitloadtest.internal.engine;

import java.util.List;

import dev.junitloadtest.internal.config.UserTypeSpec;

/**
 * Decides the type of each next user: first the types with a fixed count, in declaration order, until each has its
 * count; then the weighted types by smooth weighted round robin, which spreads them evenly (3:2 gives A B A B A, not
 * A A A B B) so any number of users is as close to the weights as it can be. Used by one thread. Internal.
 */
final class UserTypeMix {

    private final List<UserTypeSpec> types;
    private final int[] spawnedFixed;
    private final long[] current;
    private final long totalWeight;

    UserTypeMix(List<UserTypeSpec> types) {
        this.types = types;
        this.spawnedFixed = new int[types.size()];
        this.current = new long[types.size()];
        this.totalWeight = types.stream().filter(t -> t.fixedCount() == 0).mapToLong(UserTypeSpec::weight).sum();
    }

    /** The type of the next user, or {@code null} when only fixed-count types exist and all have their count. */
    UserTypeSpec next() {
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

    /** Gives back a user of {@code type} stopped by a ramp-down, so a fixed count is refilled when users come back. */
    void returned(UserTypeSpec type) {
        int index = types.indexOf(type);
        if (type.fixedCount() > 0 && spawnedFixed[index] > 0) {
            spawnedFixed[index]--;
        }
    }
}
