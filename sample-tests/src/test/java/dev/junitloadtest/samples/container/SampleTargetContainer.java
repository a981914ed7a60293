package dev.junitloadtest.samples.container;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.LazyFuture;

/**
 * The sample target in a container with a dyno's CPU and memory, for Testcontainers:
 * <pre>{@code
 * @Container
 * static SampleTargetContainer dyno = new SampleTargetContainer().withCpus(0.5).withMemoryMegabytes(512);
 *
 * @TargetHost
 * static URI host() { return dyno.baseUri(); }
 * }</pre>
 *
 * <p>It shares the host's network and listens on 127.0.0.1, on a port the target picks itself and prints in its ready
 * line (so two containers never race for one port); the container is up when that line is printed. The image has no
 * shell and nothing to probe a port with, so that line is the only sign of readiness there is.
 */
public final class SampleTargetContainer extends GenericContainer<SampleTargetContainer> {

    private static final Pattern READY = Pattern.compile("sample-target listening on (http://127\\.0\\.0\\.1:\\d+)");

    private double cpus = 0;
    private long memoryBytes = 0;

    /**
     * A container of the {@linkplain SampleTargetImage sample target's image}, built here, if needed, when the
     * container starts (not before: a class holding one can be loaded, and skipped, where there is no Docker).
     */
    public SampleTargetContainer() {
        super(new LazyFuture<String>() {
            @Override
            protected String resolve() {
                return SampleTargetImage.get().asCanonicalNameString();
            }
        });
        withNetworkMode("host");
        withCommand("--quiet", "--bind", "127.0.0.1", "--port", "0");
        waitingFor(Wait.forLogMessage(".*" + READY.pattern() + ".*\\n", 1));
        withCreateContainerCmdModifier(command -> {
            if (cpus > 0) {
                command.getHostConfig().withNanoCPUs((long) (cpus * 1e9));
            }
            if (memoryBytes > 0) {
                command.getHostConfig().withMemory(memoryBytes).withMemorySwap(memoryBytes);
            }
        });
    }

    /** Limits the container to {@code cpus} CPUs (as {@code docker run --cpus}), e.g. 0.5. */
    public SampleTargetContainer withCpus(double cpus) {
        this.cpus = cpus;
        return this;
    }

    /** Limits the container's memory, swap included (as {@code docker run --memory}). */
    public SampleTargetContainer withMemoryMegabytes(long megabytes) {
        this.memoryBytes = megabytes << 20;
        return this;
    }

    /** The target's base URI, {@code http://127.0.0.1:PORT}, read from its ready line. */
    public URI baseUri() {
        Matcher ready = READY.matcher(getLogs());
        if (!ready.find()) {
            throw new IllegalStateException("The sample target has not printed its ready line; its output:\n"
                    + getLogs());
        }
        return URI.create(ready.group(1));
    }
}
