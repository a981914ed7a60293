package dev.junitloadtest.internal.http;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.Serial;

import org.apiguardian.api.API;

/**
 * Ends a task whose request was cut because its thread was interrupted (the run's stop timeout expired, or the run
 * was aborted). The thread's interrupt flag is set again. Not counted as a task exception. Internal.
 */
@API(status = INTERNAL, since = "0.1")
public final class InterruptedRequestException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    InterruptedRequestException(String message) {
        super(message);
    }
}
