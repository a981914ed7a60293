package dev.junitloadtest.internal.engine;

import java.lang.reflect.InvocationTargetException;

import dev.junitloadtest.internal.config.UserTypeSpec;
import dev.junitloadtest.result.StopReason;

/**
 * Creates virtual users, numbered from 1 in creation order. Shard I of N numbers its users as the whole would number
 * the users it runs, I+1, I+1+N, I+1+2N..., so ids are distinct across shards. Used by the driver thread only.
 * Internal.
 */
final class UserFactory {

    private final RunContext run;
    private final int step;
    private int next;

    UserFactory(RunContext run) {
        this.run = run;
        this.step = run.profile().shard().count();
        this.next = run.profile().shard().index() + 1;
    }

    /** A new user of {@code type}, or {@code null} (with the run aborted) if its constructor failed. */
    VirtualUserImpl create(UserTypeSpec type) {
        try {
            VirtualUserImpl user = new VirtualUserImpl(next, type, run);
            next += step;
            return user;
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            run.abort(notCreated(type),
                    new IllegalStateException("The constructor of user type " + type.type().getName() + " threw "
                            + cause, cause));
            return null;
        } catch (ReflectiveOperationException e) {
            run.abort(notCreated(type),
                    new IllegalStateException("Cannot create a user of type " + type.type().getName() + ": " + e, e));
            return null;
        }
    }

    private static StopReason notCreated(UserTypeSpec type) {
        return StopReason.of(StopReason.Kind.USER_CODE, "a virtual user of " + type.name() + " could not be created");
    }
}
