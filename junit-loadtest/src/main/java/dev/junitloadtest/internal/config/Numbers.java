package dev.junitloadtest.internal.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.junitloadtest.result.Formats;

import org.apiguardian.api.API;

/** Number formatting for configuration messages; see {@link Formats}, which does the writing. Internal. */
@API(status = INTERNAL, since = "0.1")
public final class Numbers {

    private Numbers() {
    }

    /** {@code 5} for 5.0, {@code 2.5} for 2.5: no trailing zeros, no exponent. */
    public static String compact(double value) {
        return Formats.compact(value);
    }
}
