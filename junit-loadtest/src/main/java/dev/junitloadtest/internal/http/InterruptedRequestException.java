package dev.junitloadtest.internal.http;

import java.io.Serial;

/**
 * Ends a task whose request was cut because its thread was interrupted (the run's stop timeout expired, or the run
 * was aborted). The thread's interrupt flag is set again. Not counted as a task exception. Internal.
 */
public final class InterruptedRequestException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    InterruptedRequestException(String message) {
        super(message);
    }
}
