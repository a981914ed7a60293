package dev.junitloadtest.internal.data;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.Serial;

import org.apiguardian.api.API;

/**
 * A data file that cannot be read as a feeder's rows; the message says where ({@code line 4 of "users.csv" ...}) and
 * what is wrong, and the caller prefixes it with the annotation that named the file. Internal.
 */
@API(status = INTERNAL, since = "0.1")
public final class DataFileException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    DataFileException(String message) {
        super(message);
    }
}
