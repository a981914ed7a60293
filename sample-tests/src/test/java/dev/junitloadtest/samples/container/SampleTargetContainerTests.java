package dev.junitloadtest.samples.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import com.github.dockerjava.api.model.HostConfig;

/**
 * The container the container samples load: the sample target's image, started with a dyno's limits on the host's
 * network. Where there is no Docker, this class shows as skipped with the reason (a skipped {@code @LoadTest} class
 * shows in Surefire's report as no test at all).
 */
@RequiresDocker
@Testcontainers
class SampleTargetContainerTests {

    @Container
    static SampleTargetContainer dyno = new SampleTargetContainer().withCpus(0.5).withMemoryMegabytes(512);

    @Test
    void answersAsTheSampleTargetDoes() throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> home = client.send(HttpRequest.newBuilder(dyno.baseUri().resolve("/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> buggy = client.send(HttpRequest.newBuilder(dyno.baseUri().resolve("/buggy")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(home.statusCode()).isEqualTo(200);
            assertThat(home.body()).isEqualTo("Server OK");
            assertThat(buggy.statusCode()).as("the first /buggy request").isEqualTo(500);
        }
        assertThat(dyno.baseUri().toString()).matches("http://127\\.0\\.0\\.1:\\d+");
    }

    @Test
    void runsWithTheDynosLimitsOnTheHostsNetwork() {
        HostConfig config = dyno.getContainerInfo().getHostConfig();
        assertThat(config.getNanoCPUs()).isEqualTo(500_000_000L);
        assertThat(config.getMemory()).isEqualTo(512L << 20);
        assertThat(config.getNetworkMode()).isEqualTo("host");
    }

    @Test
    void imageHoldsAJlinkedJreAndLittleElse() {
        long bytes = dyno.getDockerClient().inspectImageCmd(dyno.getDockerImageName()).exec().getSize();
        assertThat(bytes).as("image size in bytes").isBetween(20L << 20, 64L << 20);
    }
}
