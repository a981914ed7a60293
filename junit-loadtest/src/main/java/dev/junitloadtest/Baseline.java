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
 * {@code @Baseline} compares each run of a load test with an earlier run of the same class, saved as its baseline,
 * and fails the build when this run is slower: per request, its p50, p95 and p99 response times, its throughput and
 * its failure rate are each a verdict of their own, with both figures and the change, e.g.
 * {@code p95 of GET /orders regressed 38% against the baseline, 120 -> 166 ms, tolerance 20%}.
 *
 * <p>A baseline file is the {@code summary.json} of a run of the class (it holds each request's counts and its
 * response-time histogram); {@code -Dloadtest.baseline.save=<directory>} also writes it as
 * {@code <directory>/<TestClassSimpleName>.json}, ready to commit:
 * <pre>{@code
 * @LoadTest(duration = "1m")
 * @Users(count = 50)
 * @Baseline("src/test/resources/baselines/CheckoutLoadTest.json")
 * class CheckoutLoadTest implements LoadTestVerdicts { ... }
 * }</pre>
 *
 * <p>A latency regressed when it grew by more than {@link #tolerance()} <em>and</em> by more than {@link #floor()}
 * <em>and</em> beyond the sampling error of both runs (the 95% confidence intervals of that percentile, taken from
 * the two histograms, do not overlap). Throughput regressed when it fell by more than {@code tolerance}; the failure
 * rate when it rose by more than {@link #failureRateTolerance()} percentage points and beyond sampling error. A
 * request of the baseline that this run did not record fails; a request the baseline lacks is reported, not compared.
 *
 * <p>A missing, unreadable or other class's baseline fails the class before any load. Configuration parameters
 * override every attribute ({@code loadtest.baseline}, {@code loadtest.baseline.tolerance}, ...), and
 * {@code loadtest.baseline} compares classes without the annotation too. Usable as a meta-annotation,
 * {@link Inherited @Inherited}.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@API(status = EXPERIMENTAL, since = "0.1")
public @interface Baseline {

    /**
     * The baseline file, a run's {@code summary.json}, relative to the working directory (the module's directory
     * under Maven and Gradle), e.g. {@code "src/test/resources/baselines/CheckoutLoadTest.json"}.
     */
    String value();

    /**
     * How much slower a latency, or how much lower the throughput, may be before it is a regression, as a percentage
     * of the baseline's figure, e.g. {@code "20%"} (the default). At least {@code 0%}.
     */
    String tolerance() default "20%";

    /**
     * How much slower a latency may be before it is a regression whatever the percentage, e.g. {@code "5ms"} (the
     * default): a change of 1 ms to 1.5 ms is 50% but no regression anyone can act on. At least {@code 0ms}.
     */
    String floor() default "5ms";

    /**
     * How many percentage points the failure rate may rise before it is a regression, e.g. {@code "1%"} (the
     * default): from 0.2% to 1.5% is a rise of 1.3 points.
     */
    String failureRateTolerance() default "1%";
}
