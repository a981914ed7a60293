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
 * {@code @Users} runs a constant number of virtual users, started at a spawn rate, for the
 * {@link LoadTest#duration() duration} of the run: Locust's {@code -u} and {@code -r}.
 *
 * <p>This is the closed model: each user loops task, wait, task... so the load the target sees depends on how fast
 * it answers. To put a fixed rate of work on the target whatever its response times, use
 * {@link ArrivalRate @ArrivalRate}. Only one of {@code @Users}, {@link RampStage @RampStage} and {@code @ArrivalRate}
 * may be present.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@API(status = STABLE, since = "0.1")
public @interface Users {

    /**
     * Configuration parameter overriding {@link #count()}, and replacing stages or an arrival rate: {@value}.
     * Same as {@link LoadTestConstants#USERS_PROPERTY_NAME}.
     */
    String COUNT_PROPERTY_NAME = LoadTestConstants.USERS_PROPERTY_NAME;

    /**
     * Configuration parameter overriding {@link #spawnRate()}: {@value}.
     * Same as {@link LoadTestConstants#SPAWN_RATE_PROPERTY_NAME}.
     */
    String SPAWN_RATE_PROPERTY_NAME = LoadTestConstants.SPAWN_RATE_PROPERTY_NAME;

    /** Number of concurrent virtual users; {@code >= 0}. */
    int count();

    /**
     * Users started per second until {@link #count()} run; {@code > 0}. The default, positive infinity, starts them
     * all at once.
     */
    double spawnRate() default Double.POSITIVE_INFINITY;
}
