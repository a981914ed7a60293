package dev.junitloadtest.internal.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.lang.reflect.Method;
import java.util.List;

import org.apiguardian.api.API;

/** A validated {@code @Task}, {@code @OnStart} or {@code @OnStop} method and what its parameters need. Internal. */
@API(status = INTERNAL, since = "0.1")
public record TaskSpec(Method method, int weight, List<ParameterKind> parameters) {

    /** What the engine passes for each parameter. */
    public enum ParameterKind {
        /** The user's {@link dev.junitloadtest.http.Http}. */
        HTTP,
        /** The user's {@link dev.junitloadtest.VirtualUser}. */
        VIRTUAL_USER
    }

    /** Copies the parameter list. */
    public TaskSpec {
        parameters = List.copyOf(parameters);
    }

    /** The method's name, as tasks are known in reports. */
    public String name() {
        return method.getName();
    }
}
