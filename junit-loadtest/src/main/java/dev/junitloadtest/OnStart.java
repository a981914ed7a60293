package dev.junitloadtest;

import static org.apiguardian.api.API.Status.STABLE;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.apiguardian.api.API;

/**
 * {@code @OnStart} marks a method each virtual user runs once, when it starts and before its first task, as Locust's
 * {@code on_start}: log in, fetch a token, prepare the user's data.
 *
 * <p>The method must not be private or static and takes the same parameters as a {@link Task @Task}. An exception
 * it throws is recorded, and the user goes on to its tasks.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@API(status = STABLE, since = "0.1")
public @interface OnStart {
}
