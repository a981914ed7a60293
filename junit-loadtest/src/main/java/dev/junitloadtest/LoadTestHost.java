package dev.junitloadtest;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

/**
 * {@code LoadTestHost} lets another JUnit extension supply the host of the load tests it serves: an extension that
 * starts a server in {@code beforeAll} publishes the server's base URI there, and a load test in the same class (or
 * in a class nested below it) uses it for relative paths.
 *
 * <pre>{@code
 * public void beforeAll(ExtensionContext context) {
 *     server = MyServer.start();
 *     LoadTestHost.publish(context, server.baseUri());
 * }
 * }</pre>
 *
 * <p>A host from the {@value LoadTest#HOST_PROPERTY_NAME} configuration parameter, {@link LoadTest#host()}, the
 * {@value LoadTest#HOST_ENVIRONMENT_VARIABLE} environment variable or a {@link TargetHost @TargetHost} member wins
 * over a published one.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class LoadTestHost {

    private static final Namespace NAMESPACE = Namespace.create(LoadTestHost.class);
    private static final String KEY = "host";

    private LoadTestHost() {
    }

    /**
     * Publishes {@code host} in {@code context}'s store, for load tests at or below {@code context}.
     *
     * @param context the context of the extension's callback, usually the test class's
     * @param host an absolute {@code http} or {@code https} URI
     * @throws IllegalArgumentException if {@code host} is not an absolute http(s) URI
     */
    public static void publish(ExtensionContext context, URI host) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(host, "host");
        String scheme = host.getScheme();
        if (!host.isAbsolute() || host.getHost() == null
                || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
            throw new IllegalArgumentException("LoadTestHost requires an absolute http or https URI, but was " + host);
        }
        context.getStore(NAMESPACE).put(KEY, host);
    }

    /** The host published at or above {@code context}, if any. */
    public static Optional<URI> published(ExtensionContext context) {
        return Optional.ofNullable(context.getStore(NAMESPACE).get(KEY, URI.class));
    }
}
