package dev.junitloadtest;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.Serial;

import org.apiguardian.api.API;

/**
 * {@code RecordedFailureException} ends a task after a failure that has already been recorded in the statistics: a
 * request whose {@link dev.junitloadtest.http.HttpResponse#orThrow() orThrow()} was called, or work measured with
 * {@link VirtualUser#time(String, String, java.util.concurrent.Callable) VirtualUser.time} that threw. The engine does
 * not count it again as a task exception.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public class RecordedFailureException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates the exception with the recorded failure's message and its cause, if any. */
    public RecordedFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
