package dev.junitloadtest.internal.engine;

import java.io.Serial;

/**
 * Fails a run whose load generator failed (HttpClient's I/O thread died, file descriptors ran out): its figures are
 * the generator's, not the target's. The message says what happened and what to do. Internal.
 */
public final class LoadGeneratorException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    LoadGeneratorException(String message) {
        super(message, null, false, false);
    }
}
