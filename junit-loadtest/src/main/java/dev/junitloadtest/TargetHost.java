package dev.junitloadtest;

import static org.apiguardian.api.API.Status.STABLE;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.apiguardian.api.API;

/**
 * {@code @TargetHost} marks a static method or static field of a load test class that supplies the host, when that
 * host is only known in code: a WireMock server's base URL, a Testcontainers container's mapped port.
 *
 * <p>The method takes no parameters and returns a {@link String}, {@link java.net.URI} or {@link java.net.URL}; the
 * field holds one of those or a {@link java.util.function.Supplier} of one. It is read when the run starts, after
 * the class's {@code @BeforeAll} methods, so a server started there is up. Example:
 * <pre>{@code
 * @TargetHost
 * static String host() { return "http://" + container.getHost() + ":" + container.getFirstMappedPort(); }
 * }</pre>
 *
 * <p>A host from the {@value LoadTest#HOST_PROPERTY_NAME} configuration parameter, {@link LoadTest#host()} or the
 * {@value LoadTest#HOST_ENVIRONMENT_VARIABLE} environment variable wins over this one, so the same test can be aimed
 * at a deployed system without editing it. For reusable extensions, see {@link LoadTestHost}.
 */
@Target({ElementType.METHOD, ElementType.FIELD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@API(status = STABLE, since = "0.1")
public @interface TargetHost {
}
