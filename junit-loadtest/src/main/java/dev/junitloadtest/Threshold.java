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
 * {@code @Threshold} is a budget that a load test's result must meet, such as {@code p95 < 500ms} or
 * {@code failure_rate < 1%}; a run that breaks it fails the build. On a class that implements
 * {@link LoadTestVerdicts}, each threshold is a test of its own, named after its expression and failing with the
 * figures behind the verdict; without it, a breach fails the test class, every breach listed together.
 *
 * <p>The {@linkplain #value() expression} is a metric, a comparison and a budget:
 * <pre>{@code
 * @Threshold("p95 < 500ms")                                    // all requests together
 * @Threshold(value = "p99.9 <= 2s", request = "GET /volatile") // one request name
 * @Threshold(value = "failure_rate < 1%", request = Threshold.EACH_REQUEST) // every request name on its own
 * @Threshold(value = "p95 < 300ms", lastStage = true)         // the steady state after a @RampStage ramp-up
 * @Threshold(value = "failures == 0", abortOnFail = true)     // stop the run at the first failure
 * }</pre>
 *
 * <p>Metrics: {@code p<percentile>} (any percentile: {@code p50}, {@code p95}, {@code p99.9}), {@code median},
 * {@code avg}, {@code min}, {@code max} of the response times (units {@code us}, {@code ms}, {@code s});
 * {@code service_p95} etc. for plain service times, which leave out the open model's start delay;
 * {@code failure_rate} (unit {@code %}); {@code failures} and {@code count} (numbers of requests, no unit);
 * {@code rps} (requests per second, no unit). Comparisons: {@code <}, {@code <=}, {@code >}, {@code >=}, {@code ==},
 * {@code !=}. A malformed threshold fails the class before any load is sent, pointing at where it went wrong.
 *
 * <p>A threshold with nothing to judge (a request that was never made, a window without requests) fails: a budget
 * is never met by default. {@code count} and {@code rps} are the exceptions, as zero is a real figure for them.
 *
 * <p>Repeatable, usable as a meta-annotation (a team can compose its own annotation holding its budgets), and
 * {@link Inherited @Inherited}.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Repeatable(Thresholds.class)
@API(status = STABLE, since = "0.1")
public @interface Threshold {

    /** The value of {@link #request()} that judges every request name separately, one verdict each: {@value}. */
    String EACH_REQUEST = "*";

    /**
     * The budget: a metric, a comparison and a value with its unit, e.g. {@code "p95 < 500ms"}, {@code "p99.9 <= 2s"},
     * {@code "failure_rate < 1%"}, {@code "failures == 0"}, {@code "rps >= 100"}, {@code "count >= 1000"}. Spaces are
     * optional.
     */
    String value();

    /**
     * The requests judged. Empty, the default, judges all requests together (the {@code Aggregated} row); a request
     * as it is recorded, {@code "GET /volatile"} (or its name alone, {@code "/volatile"}, when one method used it),
     * judges that one; {@value #EACH_REQUEST} judges every request name of the run separately, one verdict each.
     */
    String request() default "";

    /**
     * Judges only stage {@code stage} (from 1) of a {@link RampStage @RampStage} run. Zero, the default, judges the
     * whole run. At most one of {@code stage}, {@link #lastStage()} and {@link #from()} may be set.
     */
    int stage() default 0;

    /**
     * Judges only the last stage of a {@link RampStage @RampStage} run: after a ramp-up stage, the steady state.
     * Needs two stages or more (with {@link Users @Users} there is one, ramp-up included; use {@link #from()}).
     */
    boolean lastStage() default false;

    /**
     * Judges the run from this offset to its end, e.g. {@code "30s"} to leave out a 30-second ramp-up; must be
     * shorter than the run. Empty, the default, judges the whole run. Windows hold whole recorded intervals (of one
     * second), those that start in them.
     */
    String from() default "";

    /**
     * Stops the run as soon as this threshold fails for good, as k6's {@code abortOnFail}: at once when it can no
     * longer pass whatever comes next ({@code failures == 0} after the first failure, {@code count <= 1000} past
     * 1000, {@code max < 5s} after a slower response), otherwise once it has been breached for
     * {@link #abortGrace()} without a break. The result's stop reason and the {@link LoadTestVerdicts} run node say
     * which threshold stopped it, with its figures. Default {@code false}.
     */
    boolean abortOnFail() default false;

    /**
     * With {@link #abortOnFail()}, how long the threshold must stay breached, checked once per second on the figures
     * of the run (or window) so far, before it stops the run, e.g. {@code "30s"}; {@code "0s"} stops at the first
     * breach. Empty, the default, means 10 seconds. Thresholds that can only be judged at the end
     * ({@code count >= 1000}) never stop a run early.
     */
    String abortGrace() default "";
}
