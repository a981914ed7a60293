package dev.junitloadtest;

import static org.apiguardian.api.API.Status.STABLE;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.apiguardian.api.API;

/**
 * {@code @WaitTime} sets how long a virtual user of this type waits after each task: a time drawn uniformly between
 * {@link #min()} and {@link #max()}, as Locust's {@code between(min, max)}, or exactly {@code min} when both are equal,
 * as {@code constant(wait)}. Without it (and without {@link Pacing @Pacing}) a user starts its next task at once.
 *
 * <p>Declared on a user type: the test class or a class listed with {@link UserType @UserType}.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@API(status = STABLE, since = "0.1")
public @interface WaitTime {

    /**
     * Configuration parameter overriding the wait time of every user type: {@value}, as {@code "5s..9s"} or a single
     * duration for a constant wait. Same as {@link LoadTestConstants#WAIT_TIME_PROPERTY_NAME}.
     */
    String WAIT_TIME_PROPERTY_NAME = LoadTestConstants.WAIT_TIME_PROPERTY_NAME;

    /** Shortest wait, e.g. {@code "5s"}; {@code >= 0}. */
    String min();

    /** Longest wait, e.g. {@code "9s"}; {@code >= min}. Defaults to {@link #min()}: a constant wait. */
    String max() default "";
}
