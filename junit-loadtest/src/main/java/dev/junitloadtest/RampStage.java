package dev.junitloadtest;

import static org.apiguardian.api.API.Status.STABLE;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.apiguardian.api.API;

/**
 * {@code @RampStage} is one stage of a staged load shape, as Locust's {@code LoadTestShape} or k6's {@code stages}:
 * during the stage the number of users moves from where the previous stage left it (zero for the first) to
 * {@link #users()} at {@link #spawnRate()} users per second, up or down, and stays there until the stage's
 * {@link #duration()} is over. Stages run in the order they are declared; the run lasts their sum.
 *
 * <p>Example, a ramp to 50 users, a plateau, and a ramp down:
 * <pre>{@code
 * @RampStage(duration = "30s", users = 50, spawnRate = 5)
 * @RampStage(duration = "2m", users = 50)
 * @RampStage(duration = "20s", users = 0, spawnRate = 10)
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Repeatable(RampStages.class)
@API(status = STABLE, since = "0.1")
public @interface RampStage {

    /**
     * Configuration parameter replacing all stages: {@value}, a comma-separated list of
     * {@code duration:users} or {@code duration:users@spawnRate}, e.g. {@code "30s:50@5,2m:50,20s:0@10"}.
 Same as {@link LoadTestConstants#STAGES_PROPERTY_NAME}. */
    String STAGES_PROPERTY_NAME = LoadTestConstants.STAGES_PROPERTY_NAME;

    /** How long the stage lasts, ramp included, e.g. {@code "30s"}; {@code > 0}. */
    String duration();

    /** Number of users the stage moves to; {@code >= 0}. */
    int users();

    /**
     * Users started (or stopped) per second on the way to {@link #users()}; {@code > 0}. The default, positive
     * infinity, jumps there at once.
     */
    double spawnRate() default Double.POSITIVE_INFINITY;
}
