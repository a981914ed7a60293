package dev.junitloadtest;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.apiguardian.api.API;

/**
 * {@code @CapacitySearch} finds how many users the target holds within its budgets: a closed-model load that starts
 * {@link #startUsers()} users, adds {@link #step()} more every {@link #stepDuration()} up to {@link #maxUsers()}, and
 * judges the steady part of each step (after its {@link #warmUp()} share) against the {@link #budgets()}, threshold
 * expressions such as {@code "p95 < 500ms"} and {@code "failure_rate < 1%"} on all requests together. The search ends
 * at the first step that breaks a budget once {@link #confirmations()} following steps broke one too, so a noisy
 * step does not end it early. The capacity is the last step that held before that breach: its users, requests per
 * second, p95 and failure rate are in {@code LoadTestResult.capacity()}, with the table of steps and the knee, the
 * first step whose p95 exceeds {@link #kneeFactor()} times the first step's.
 *
 * <p>Only the closed model steps (users, not an arrival rate). Only one of {@code @CapacitySearch},
 * {@link Users @Users}, {@link RampStage @RampStage} and {@link ArrivalRate @ArrivalRate} may be present; the run's
 * duration comes from the steps, so {@link LoadTest#duration()} is not set. A configuration parameter that names
 * another load model ({@code loadtest.users}, {@code loadtest.stages}, {@code loadtest.arrival-rate}) replaces the
 * search, as it replaces any annotated model. Thresholds {@code capacity_users} and {@code capacity_rps} put a floor
 * under the capacity found.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@API(status = EXPERIMENTAL, since = "0.1")
public @interface CapacitySearch {

    /** Configuration parameter overriding {@link #startUsers()}: {@value}. */
    String START_USERS_PROPERTY_NAME = LoadTestConstants.CAPACITY_START_USERS_PROPERTY_NAME;

    /** Configuration parameter overriding {@link #step()}: {@value}. */
    String STEP_PROPERTY_NAME = LoadTestConstants.CAPACITY_STEP_PROPERTY_NAME;

    /** Configuration parameter overriding {@link #maxUsers()}: {@value}. */
    String MAX_USERS_PROPERTY_NAME = LoadTestConstants.CAPACITY_MAX_USERS_PROPERTY_NAME;

    /** Configuration parameter overriding {@link #stepDuration()}: {@value}. */
    String STEP_DURATION_PROPERTY_NAME = LoadTestConstants.CAPACITY_STEP_DURATION_PROPERTY_NAME;

    /** Users of the first step; {@code >= 1}. */
    int startUsers() default 1;

    /** Users added at each step, all at once; {@code >= 1}. */
    int step();

    /**
     * The most users the search may run, {@code >= startUsers}: the last step runs at most this many (a step that
     * would pass it is not run). When every step holds, the capacity is at least the last step's.
     */
    int maxUsers();

    /**
     * How long each step lasts, warm-up included: a whole number of seconds (figures are recorded per second, and a
     * step is judged on whole seconds), at least {@code 1s}. Default {@code 30s}.
     */
    String stepDuration() default "30s";

    /**
     * The share of each step left out before judging it, from 0 (inclusive) to 1 (exclusive), rounded up to whole
     * seconds; at least one second of each step must be left to judge. Default 0.25.
     */
    double warmUp() default 0.25;

    /**
     * The budgets every step's steady part must meet, on all requests together: threshold expressions such as
     * {@code "p95 < 500ms"}, {@code "failure_rate < 1%"}, {@code "rps > 100"}; at least one. Service times, the load
     * generator's figures and the capacity itself cannot be judged per step.
     */
    String[] budgets();

    /**
     * How many steps after a breaking step must break a budget too before the search ends; {@code >= 0}. With 1
     * (the default), a breach is confirmed by the next step; a step that holds again after a breach clears it, as
     * noise. A breach in the last steps the search has, with no step left to confirm it, ends the search unconfirmed.
     */
    int confirmations() default 1;

    /** The knee is the first step whose p95 exceeds this many times the first step's p95; {@code > 1}. Default 1.5. */
    double kneeFactor() default 1.5;
}
