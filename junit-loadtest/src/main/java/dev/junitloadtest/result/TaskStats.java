package dev.junitloadtest.result;

/**
 * {@code TaskStats} counts how often one task ran and how often its code threw.
 *
 * @param userType the user type's simple name
 * @param task the task method's name
 * @param iterations how many times it ran
 * @param exceptions how many of those threw
 */
public record TaskStats(String userType, String task, long iterations, long exceptions) {
}
