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
 * {@code @Pacing} makes each virtual user of this type start a task every {@link #value() interval}, whatever the
 * task took, as Locust's {@code constant_pacing}: the user waits for what is left of the interval after the task.
 * A task that takes longer than the interval is followed by the next one at once.
 *
 * <p>Declared on a user type; cannot be combined with {@link WaitTime @WaitTime}.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@API(status = STABLE, since = "0.1")
public @interface Pacing {

    /** Interval between task starts, e.g. {@code "1s"}; {@code > 0}. */
    String value();
}
