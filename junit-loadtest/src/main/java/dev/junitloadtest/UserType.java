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
 * {@code @UserType} adds a class of virtual users to a load test, as Locust runs several {@code User} classes in one
 * run. Without it, the test class is the only user type. With it, the run's user types are exactly the listed
 * classes (list the test class itself to keep it), and all their requests land in one result.
 *
 * <p>Users are shared out by {@link #weight()}, after the users of types with a {@link #fixedCount()} are started,
 * as Locust's {@code weight} and {@code fixed_count}. A listed class is an ordinary class with {@link Task @Task}
 * methods (and optionally {@link OnStart @OnStart}, {@link OnStop @OnStop}, {@link WaitTime @WaitTime},
 * {@link Pacing @Pacing}) and a constructor without parameters; it needs no annotation of its own.
 *
 * <p>Example, the Locust-on-Heroku article's two dynos against one target:
 * <pre>{@code
 * @LoadTest(duration = "2m")
 * @Users(count = 200, spawnRate = 10)
 * @UserType(ApiUser.class)
 * @UserType(AdminUser.class)
 * class BothDynosLoadTest implements LoadTestVerdicts { }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Repeatable(UserTypes.class)
@API(status = STABLE, since = "0.1")
public @interface UserType {

    /** The class whose instances are the virtual users. */
    Class<?> value();

    /** Relative share of the weighted users; {@code >= 1}. */
    int weight() default 1;

    /**
     * Exact number of users of this type, started before the weighted ones; {@code >= 0}. Zero, the default, means
     * the type is weighted. The users of a run are shared out as the fixed counts first, then the rest by weight.
     */
    int fixedCount() default 0;
}
