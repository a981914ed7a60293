package dev.junitloadtest.samples;

import java.net.URI;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.junitloadtest.LoadTestHost;
import dev.junitloadtest.sampletarget.SampleTarget;

/**
 * Starts the sample target (the seed's Go API, ported) on a free loopback port for a test class and supplies it as
 * the load test's host. Register it as a static field:
 * <pre>{@code
 * @RegisterExtension
 * static SampleTargetExtension target = new SampleTargetExtension();
 * }</pre>
 */
public final class SampleTargetExtension implements BeforeAllCallback, AfterAllCallback {

    private SampleTarget target;

    @Override
    public void beforeAll(ExtensionContext context) {
        target = SampleTarget.start();
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
}
