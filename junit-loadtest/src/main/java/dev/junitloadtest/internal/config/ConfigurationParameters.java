package dev.junitloadtest.internal.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Optional;

import org.apiguardian.api.API;

/**
 * Where settings that override annotations come from: JUnit configuration parameters in the test engine, a map in
 * tests of the engine itself. Internal.
 */
@FunctionalInterface
@API(status = INTERNAL, since = "0.1")
public interface ConfigurationParameters {

    /** No overrides at all. */
    ConfigurationParameters NONE = key -> Optional.empty();

    /** The non-blank value of {@code key}, trimmed, if set. */
    Optional<String> get(String key);
}
