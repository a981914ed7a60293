package dev.junitloadtest.result;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * {@code TaskStats} counts how often one task ran and how often its code threw.
 *
 * @param userType the user type's simple name
 * @param task the task method's name
 * @param iterations how many times it ran
 * @param exceptions how many of those threw
 */
@API(status = STABLE, since = "0.1")
public record TaskStats(String userType, String task, long iterations, long exceptions) {
}
