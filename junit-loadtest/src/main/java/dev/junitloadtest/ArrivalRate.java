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
 * {@code @ArrivalRate} is the open load model: iterations (one task each) start at a fixed rate whatever the target's
 * response times, as k6's {@code constant-arrival-rate} or Gatling's {@code constantUsersPerSec}.
 *
 * <p>Each iteration is run by an idle virtual user; users are created as needed up to {@link #maxUsers()} (each runs
 * its {@link OnStart @OnStart} once, and keeps its state and connection between iterations). When every user is busy
 * and the cap is reached, the iteration is dropped and counted as such: a growing count of dropped iterations means
 * the target, or the cap, cannot keep up with the rate.
 *
 * <p>Latencies are measured from each iteration's <em>intended</em> start time, so a target that stalls shows its
 * stall in the percentiles instead of hiding it by slowing the load down (coordinated omission). The plain service
 * time, from the moment the request was actually sent, is recorded next to it.
 *
 * <p>{@link WaitTime @WaitTime} and {@link Pacing @Pacing} do not apply to this model and are rejected with it.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@API(status = STABLE, since = "0.1")
public @interface ArrivalRate {

    /**
     * Configuration parameter overriding {@link #value()}: {@value}.
     * Same as {@link LoadTestConstants#ARRIVAL_RATE_PROPERTY_NAME}.
     */
    String RATE_PROPERTY_NAME = LoadTestConstants.ARRIVAL_RATE_PROPERTY_NAME;

    /**
     * Configuration parameter overriding {@link #maxUsers()}: {@value}.
     * Same as {@link LoadTestConstants#MAX_USERS_PROPERTY_NAME}.
     */
    String MAX_USERS_PROPERTY_NAME = LoadTestConstants.MAX_USERS_PROPERTY_NAME;

    /** Iterations started per second; {@code > 0}. */
    double value();

    /** Cap on concurrent virtual users; {@code >= 1}. */
    int maxUsers() default 100;
}
