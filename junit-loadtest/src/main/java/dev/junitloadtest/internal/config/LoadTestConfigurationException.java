package dev.junitloadtest.internal.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.Serial;

import org.apiguardian.api.API;

/**
 * A load test that cannot run as configured; the message names the annotation or parameter, the attribute, the value
 * and the rule. The JUnit adapter reports it as an {@code ExtensionConfigurationException}. Internal.
 */
@API(status = INTERNAL, since = "0.1")
public class LoadTestConfigurationException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public LoadTestConfigurationException(String message) {
        super(message);
    }

    /** Creates the exception with its cause. */
    public LoadTestConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
