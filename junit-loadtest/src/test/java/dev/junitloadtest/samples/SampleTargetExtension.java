package dev.junitloadtest.samples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import dev.junitloadtest.LoadTestHost;
import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.sampletarget.SampleTarget;

/**
 * {@code SampleTargetExtension} starts the sample target (the Locust-on-Heroku article's Go API, ported) on a free
 * loopback port for a test class, supplies it as the load test's host through {@link LoadTestHost}, and stops it when
 * the class is done, passed or not. Register it as a static field:
 * <pre>{@code
 * @RegisterExtension
 * static SampleTargetExtension target = new SampleTargetExtension();
 * }</pre>
 * The class's tests and {@code @BeforeAll}/{@code @AfterAll} methods get the running {@link SampleTarget} as a
 * parameter (to set its counter before the run, or compare its counts with the result); {@link #target()} hands it out
 * to code outside the class, such as a test that ran the class through the engine and reads what it served.
 * {@link #withRequestLog()} also keeps the lines the Go program prints for each request, to check the load test's
 * figures against what the target itself did.
 *
 * <p>The one fixture for the sample target: the library's own tests use it, and sample-tests gets it from
 * junit-loadtest's test-jar. The target lives in the class's JUnit store, which closes it; it is not shared between
 * classes, so classes that run in parallel each have their own.
 */
public final class SampleTargetExtension implements BeforeAllCallback, ParameterResolver {

    private static final Namespace NAMESPACE = Namespace.create(SampleTargetExtension.class);

    private final boolean keepRequestLog;
    private final ByteArrayOutputStream requestLog = new ByteArrayOutputStream();
    private volatile SampleTarget target;

    /** A quiet target. */
    public SampleTargetExtension() {
        this(false);
    }

    private SampleTargetExtension(boolean keepRequestLog) {
        this.keepRequestLog = keepRequestLog;
    }

    /** A target that keeps the lines it prints per request ({@code Returning error at 5 request}...). */
    public static SampleTargetExtension withRequestLog() {
        return new SampleTargetExtension(true);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        if (store.get(SampleTarget.class) != null) {
            // A class nested in one that started a target shares that target.
            return;
        }
        SampleTarget.Builder builder = SampleTarget.builder();
        if (keepRequestLog) {
            builder.printRequestsTo(new PrintStream(requestLog, true, StandardCharsets.UTF_8));
        }
        SampleTarget started = builder.start();
        // The store closes it when the class is done, even if a later callback or @BeforeAll method fails.
        store.put(SampleTarget.class, started);
        target = started;
        LoadTestHost.publish(context, started.baseUri());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == SampleTarget.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        SampleTarget started = context.getStore(NAMESPACE).get(SampleTarget.class, SampleTarget.class);
        if (started == null) {
            throw new ParameterResolutionException("SampleTargetExtension has no target for "
                    + parameter.getDeclaringExecutable() + ": it starts one before the class's @BeforeAll methods, "
                    + "when registered on a static field");
        }
        return started;
    }

    /**
     * The target started for the class this extension last served: running while the class runs, stopped after it,
     * when its counters can still be read.
     *
     * @throws IllegalStateException if no class has started it yet
     */
    public SampleTarget target() {
        SampleTarget started = target;
        if (started == null) {
            throw new IllegalStateException("SampleTargetExtension has not started a target: register it with "
                    + "@RegisterExtension on a static field, and ask after the class has started");
        }
        return started;
    }

    /** The target's base URI. */
    public URI baseUri() {
        return target().baseUri();
    }

    /**
     * Whether {@code result} is the load on this target, and not on a host given by {@code -Dloadtest.host} or
     * {@code TARGET_HOST} (which win over this extension): only then do the target's counters describe the run.
     */
    public boolean isTargetOf(LoadTestResult result) {
        return URI.create(result.profile().host()).equals(target().baseUri());
    }

    /**
     * The lines the target printed so far, one per request, as the Go program prints them (trailing space included);
     * empty unless created by {@link #withRequestLog()}.
     */
    public List<String> requestLog() {
        synchronized (requestLog) {
            return requestLog.toString(StandardCharsets.UTF_8).lines().toList();
        }
    }
}
