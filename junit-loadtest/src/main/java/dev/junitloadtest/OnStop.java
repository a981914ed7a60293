package dev.junitloadtest;

import static org.apiguardian.api.API.Status.STABLE;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.apiguardian.api.API;

/**
 * {@code @OnStop} marks a method each virtual user runs once when it stops (at the end of the run, when a stage
 * ramps down, or after {@link VirtualUser#stop()}), after its last task, as Locust's {@code on_stop}.
 *
 * <p>The method must not be private or static and takes the same parameters as a {@link Task @Task}. It runs within
 * the run's {@link LoadTest#stopTimeout() stop timeout}; an exception it throws is recorded.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@API(status = STABLE, since = "0.1")
public @interface OnStop {
}
