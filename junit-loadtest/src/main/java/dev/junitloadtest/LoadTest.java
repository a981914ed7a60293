package dev.junitloadtest;

import static org.apiguardian.api.API.Status.STABLE;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.apiguardian.api.API;
import org.junit.jupiter.api.ClassTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.junitloadtest.internal.junit.LoadTestExtension;

/**
 * {@code @LoadTest} marks a JUnit Jupiter test class as a load test: before its tests run, the class is run
 * once as a swarm of concurrent virtual users, and the {@link dev.junitloadtest.result.LoadTestResult} is handed to
 * its {@code @Test} and {@code @AfterAll} methods.
 *
 * <p>The test class is itself a user type (Locust's {@code User} class): each virtual user is a fresh instance on
 * its own virtual thread, so its fields are that user's state. Its {@link Task @Task} methods are picked at random
 * by weight, with {@link OnStart @OnStart} and {@link OnStop @OnStop} run once per user. Other classes can take part
 * through {@link UserType @UserType}. How many users run and when comes from one load model: {@link Users @Users}
 * (the default, one user), {@link RampStage @RampStage} stages or an open {@link ArrivalRate @ArrivalRate}.
 *
 * <p>In the test tree the run is a node of its own, named after the load it puts on the target, holding the class's
 * tests; it fails when the run cannot happen or ends badly, even in a class without tests. (JUnit sees the class as a
 * class template with one invocation: its {@code @BeforeAll} methods run before the load, its {@code @AfterAll} ones
 * after it.) Implement {@link LoadTestVerdicts} to also see the run's outcome and each threshold as a test of its own.
 *
 * <p>Every attribute can be overridden without editing code through a JUnit configuration parameter (which also
 * reads system properties and {@code junit-platform.properties}); the parameter wins over the attribute. The names
 * are the constants of this annotation.
 *
 * <p>{@code @LoadTest} may be used as a meta-annotation, so a team can compose its own annotation holding its
 * defaults. It is {@link Inherited @Inherited}.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ClassTemplate
@ExtendWith(LoadTestExtension.class)
@API(status = STABLE, since = "0.1")
public @interface LoadTest {

    /**
     * Configuration parameter overriding {@link #duration()}: {@value}.
     * Same as {@link LoadTestConstants#DURATION_PROPERTY_NAME}.
     */
    String DURATION_PROPERTY_NAME = LoadTestConstants.DURATION_PROPERTY_NAME;

    /**
     * Configuration parameter overriding {@link #stopTimeout()}: {@value}.
     * Same as {@link LoadTestConstants#STOP_TIMEOUT_PROPERTY_NAME}.
     */
    String STOP_TIMEOUT_PROPERTY_NAME = LoadTestConstants.STOP_TIMEOUT_PROPERTY_NAME;

    /**
     * Configuration parameter overriding {@link #host()}: {@value}.
     * Same as {@link LoadTestConstants#HOST_PROPERTY_NAME}.
     */
    String HOST_PROPERTY_NAME = LoadTestConstants.HOST_PROPERTY_NAME;

    /**
     * Configuration parameter overriding {@link #seed()}: {@value}.
     * Same as {@link LoadTestConstants#SEED_PROPERTY_NAME}.
     */
    String SEED_PROPERTY_NAME = LoadTestConstants.SEED_PROPERTY_NAME;

    /**
     * Configuration parameter overriding {@link #maxRps()}: {@value}.
     * Same as {@link LoadTestConstants#MAX_RPS_PROPERTY_NAME}.
     */
    String MAX_RPS_PROPERTY_NAME = LoadTestConstants.MAX_RPS_PROPERTY_NAME;

    /**
     * Configuration parameter overriding {@link #allowedHosts()}, as a comma-separated list: {@value}.
     * Same as {@link LoadTestConstants#ALLOWED_HOSTS_PROPERTY_NAME}.
     */
    String ALLOWED_HOSTS_PROPERTY_NAME = LoadTestConstants.ALLOWED_HOSTS_PROPERTY_NAME;

    /**
     * Environment variable consulted for the host when neither the parameter nor {@link #host()} set one.
     * Same as {@link LoadTestConstants#HOST_ENVIRONMENT_VARIABLE}.
     */
    String HOST_ENVIRONMENT_VARIABLE = LoadTestConstants.HOST_ENVIRONMENT_VARIABLE;

    /**
     * How long users are kept running, e.g. {@code "30s"}, {@code "2m"}, {@code "1h30m"}, {@code "500ms"} or ISO-8601
     * {@code "PT2M"}. Required with {@link Users @Users} and {@link ArrivalRate @ArrivalRate}; with
     * {@link RampStage @RampStage} the run lasts the sum of the stages and this must be empty. Defaults to 10 seconds
     * when no load model annotation is present.
     */
    String duration() default "";

    /**
     * How long tasks still running when the run ends may take to finish before they are interrupted, as k6's
     * {@code gracefulStop}. Users start no new task once the run ends; each then runs its {@link OnStop @OnStop}.
     * Default {@code "30s"}.
     */
    String stopTimeout() default "30s";

    /**
     * Base URI that relative request paths are resolved against, e.g. {@code "http://127.0.0.1:9000"}. Consulted after
     * the {@value #HOST_PROPERTY_NAME} configuration parameter and before the {@value #HOST_ENVIRONMENT_VARIABLE}
     * environment variable and hosts supplied in code ({@link TargetHost @TargetHost}, {@link LoadTestHost}).
     */
    String host() default "";

    /**
     * Seed of the run's random choices (task picks, wait times and each user's {@link VirtualUser#random()}), so a
     * run's sequence of choices can be repeated. Empty means a fresh seed per run, printed in the report.
     */
    String seed() default "";

    /**
     * A cap on the whole run's request rate, in requests per second, as a safety rail against overloading a shared
     * environment: users wait rather than exceed it, and the result says how often the cap held them back. The
     * default, positive infinity, is no cap.
     */
    double maxRps() default Double.POSITIVE_INFINITY;

    /**
     * The hosts requests may go to, as patterns of {@code host} or {@code host:port} with {@code *} for any part of
     * a name, e.g. {@code {"127.0.0.1", "*.staging.example.com"}}. When set, a request (or a redirect) to any other
     * host fails at once, before a byte is sent, with a message naming the host and this setting. Empty, the default,
     * allows any host.
     */
    String[] allowedHosts() default {};
}
