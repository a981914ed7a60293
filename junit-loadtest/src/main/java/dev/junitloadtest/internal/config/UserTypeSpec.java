package dev.junitloadtest.internal.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.lang.reflect.Constructor;
import java.util.List;

import org.apiguardian.api.API;

/** A validated user type: its tasks, hooks, wait and share of the users. Internal. */
@API(status = INTERNAL, since = "0.1")
public record UserTypeSpec(Class<?> type, Constructor<?> constructor, int weight, int fixedCount, List<TaskSpec> tasks,
        List<TaskSpec> onStart, List<TaskSpec> onStop, WaitStrategy waitStrategy) {

    /** Copies the lists. */
    public UserTypeSpec {
        tasks = List.copyOf(tasks);
        onStart = List.copyOf(onStart);
        onStop = List.copyOf(onStop);
    }

    /** The type's simple name, as user types are known in reports. */
    public String name() {
        return type.getSimpleName();
    }

    /** Sum of the task weights. */
    public int totalTaskWeight() {
        return tasks.stream().mapToInt(TaskSpec::weight).sum();
    }
}
