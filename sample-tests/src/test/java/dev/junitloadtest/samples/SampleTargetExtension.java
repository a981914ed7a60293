package dev.junitloadtest.samples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.junitloadtest.LoadTestHost;
import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.sampletarget.SampleTarget;

/**
 * Starts the sample target (the Locust-on-Heroku article's Go API, ported) on a free loopback port for a test class and
 * supplies it as the load test's host. Register it as a static field:
 * <pre>{@code
 * @RegisterExtension
 * static SampleTargetExtension target = new SampleTargetExtension();
 * }</pre>
 * {@link #withRequestLog()} also keeps the lines the Go program prints for each request, to check the load test's
 * figures against what the target itself did.
 */
public final class SampleTargetExtension implements BeforeAllCallback, AfterAllCallback {

    private final boolean keepRequestLog;
    private final ByteArrayOutputStream requestLog = new ByteArrayOutputStream();
    private SampleTarget target;

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
        SampleTarget.Builder builder = SampleTarget.builder();
        if (keepRequestLog) {
            builder.printRequestsTo(new PrintStream(requestLog, true, StandardCharsets.UTF_8));
        }
        target = builder.start();
        LoadTestHost.publish(context, target.baseUri());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (target != null) {
            target.close();
        }
    }

    /** The running target, to read its counters. */
    public SampleTarget target() {
        return target;
    }

    /** The target's base URI. */
    public URI baseUri() {
        return target.baseUri();
    }

    /**
     * Whether {@code result} is the load on this target, and not on a host given by {@code -Dloadtest.host} or
     * {@code TARGET_HOST} (which win over this extension): only then do the target's counters describe the run.
     */
    public boolean isTargetOf(LoadTestResult result) {
        return URI.create(result.profile().host()).equals(target.baseUri());
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
