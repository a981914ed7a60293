package dev.junitloadtest.result;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Set;

import org.apiguardian.api.API;

/**
 * {@code ExceptionStats} counts exceptions thrown by task and hook code with one stack trace, as a row of Locust's
 * exceptions table.
 *
 * @param count how many times
 * @param message the exception's class and message
 * @param traceback the stack trace
 * @param where the tasks or hooks that threw it, as {@code UserType.method}
 */
@API(status = STABLE, since = "0.1")
public record ExceptionStats(long count, String message, String traceback, Set<String> where) {

    /** Copies {@code where}. */
    public ExceptionStats {
        where = Set.copyOf(where);
    }
}
