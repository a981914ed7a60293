package dev.junitloadtest;

import static org.apiguardian.api.API.Status.STABLE;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.apiguardian.api.API;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.junitloadtest.internal.junit.LoadTestExtension;

/**
 * {@code @Task} marks a method of a user type as one thing a virtual user does. Each time a user is ready for its
 * next task, it picks one of its type's tasks at random, with probability proportional to {@link #weight()}, as
 * Locust's {@code @task(weight)}.
 *
 * <p>A task method must not be private or static and must return {@code void}. Its parameters are supplied by the
 * engine: {@link dev.junitloadtest.http.Http Http} (the user's HTTP client) and {@link VirtualUser} (the user's
 * handle). An exception thrown by a task is recorded (count, message, stack trace) and the user carries on with its
 * next task.
 *
 * <p>Each task of the test class also shows in the test tree, under the run, with the outcome of its runs: it fails
 * when its code threw. (JUnit sees a task as a test template whose one invocation reports that outcome; the engine,
 * not JUnit, calls the method.) A class that has no tasks of its own, only {@link UserType @UserType}s, needs a test
 * to be run at all: implement {@link LoadTestVerdicts} or add a {@code @Test}.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestTemplate
@ExtendWith(LoadTestExtension.class)
@API(status = STABLE, since = "0.1")
public @interface Task {

    /** Relative weight of this task among its user type's tasks; {@code >= 1}. */
    int weight() default 1;
}
