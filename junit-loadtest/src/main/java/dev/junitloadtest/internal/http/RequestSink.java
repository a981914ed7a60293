package dev.junitloadtest.internal.http;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.net.URI;
import java.util.Optional;

import org.apiguardian.api.API;

import dev.junitloadtest.internal.recording.SecretMasker;

/**
 * What a user's HTTP client needs from the engine: where relative paths go, and where measured requests go. One per
 * virtual user. Internal.
 */
@API(status = INTERNAL, since = "0.1")
public interface RequestSink {

    /** The base URI of relative paths, if the run has one. */
    Optional<URI> host();

    /**
     * Records one request, adding the lag of the current iteration in the open model.
     *
     * @param error why it failed, or {@code null} for a success
     */
    void record(String method, String name, long serviceMicros, long bodyBytes, String error);

    /**
     * Counts a request the load generator did not send (the run stopped first, the generator failed), apart from the
     * target's figures.
     */
    void notSent(String reason);

    /** The secrets this user has sent, to be masked out of everything recorded. */
    SecretMasker.UserSecrets secrets();

    /**
     * Reports a relative path with no host to resolve it against. Ends the run as misconfigured, and returns the
     * exception that ends the calling task.
     */
    RuntimeException missingHost(String method, String path);
}
