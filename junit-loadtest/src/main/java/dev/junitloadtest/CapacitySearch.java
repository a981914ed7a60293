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
 * {@code @CapacitySearch} finds how many users (or iterations per second) the target holds within its budgets: a
 * load that starts {@link #startUsers()} users, adds {@link #step()} more every {@link #stepDuration()} up to
 * {@link #maxUsers()} (or does the same with an arrival rate), and
 * judges the steady part of each step (after its {@link #warmUp()} share) against the {@link #budgets()}, threshold
 * expressions such as {@code "p95 < 500ms"} and {@code "failure_rate < 1%"} on all requests together. The search ends
 * at the first step that breaks a budget once {@link #confirmations()} following steps broke one too, so a noisy
 * step does not end it early. The capacity is the last step that held before that breach: its users, requests per
 * second, p95 and failure rate are in {@code LoadTestResult.capacity()}, with the table of steps and the knee, the
 * first step whose p95 exceeds {@link #kneeFactor()} times the first step's.
 *
 * <p>A search steps either users (the closed model: {@link #startUsers()}, {@link #step()}) or the arrival rate
 * (the open model of {@link ArrivalRate @ArrivalRate}: {@link #startRate()}, {@link #rateStep()},
 * {@link #maxRate()} iterations per second, run by at most {@link #maxUsers()} users). Step the rate when the
 * target's users arrive whatever its response times: a closed search hides a queue, since its users wait for it.
 * With {@link #narrow()}, the search then narrows between the last step that held and the first that broke.
 *
 * <p>Only one of {@code @CapacitySearch},
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

    /**
     * Users added at each step, all at once; {@code >= 1} in a search of users. Left at 0 (the default) in a search
     * of the arrival rate, which sets {@link #rateStep()} instead.
     */
    int step() default 0;

    /**
     * The most users the search may run. In a search of users, {@code >= startUsers}: the last step runs at most this
     * many (a step that would pass it is not run), and when every step holds the capacity is at least the last
     * step's. In a search of the arrival rate, the cap on concurrent users, as {@link ArrivalRate#maxUsers()}:
     * iterations beyond it wait for a free user, late, and their wait counts in their response times.
     */
    int maxUsers();

    /**
     * Iterations per second of the first step of a search of the arrival rate; {@code > 0} with {@link #rateStep()}.
     */
    double startRate() default 0;

    /**
     * Iterations per second added at each step of a search of the arrival rate (the open model); {@code > 0}. Leave
     * at 0 (the default) to step users with {@link #step()}; set one of the two.
     */
    double rateStep() default 0;

    /**
     * The highest arrival rate the search may run, iterations per second, {@code >= startRate}: a step that would
     * pass it is not run. When every step holds, the capacity is at least the last step's.
     */
    double maxRate() default 0;

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

    /**
     * How many steps may narrow the capacity down after the search found its limit; {@code >= 0}, default 0 (none).
     * Each narrowing step runs halfway between the highest load that held and the lowest that broke (a bisection),
     * so n steps narrow the gap of one {@code step} to {@code step / 2^n}; a search of users stops narrowing when no
     * whole number of users is left between the two. A narrowing step is judged once, not confirmed, and needs a
     * warm-up of at least a second ({@link #warmUp()}), which lets the load of the step before it fade. The capacity
     * is then the highest load that held. In a search of the arrival rate, iterations still waiting for a user when
     * a narrowing step starts belong to the broken steps before it, and are dropped.
     */
    int narrow() default 0;
}
