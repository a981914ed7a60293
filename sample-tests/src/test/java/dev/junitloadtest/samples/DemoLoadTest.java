package dev.junitloadtest.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.junitloadtest.LoadTest;
import dev.junitloadtest.LoadTestVerdicts;
import dev.junitloadtest.Task;
import dev.junitloadtest.Users;
import dev.junitloadtest.WaitTime;
import dev.junitloadtest.http.Http;
import dev.junitloadtest.result.LoadTestResult;

/**
 * The demo: the Locust-on-Heroku article's ApiUser (locustfile_scene_1) against the bundled sample target, scaled down
 * to run in seconds. Run it with {@code mvn -Pdemo test}.
 */
@LoadTest(duration = "8s")
@Users(count = 20, spawnRate = 10)
@WaitTime(min = "50ms", max = "90ms")
class DemoLoadTest implements LoadTestVerdicts {

    @RegisterExtension
    static SampleTargetExtension target = new SampleTargetExtension();

    @Task(weight = 4)
    void home(Http http) {
        http.get("/");
    }

    @Task(weight = 1)
    void volatileEndpoint(Http http) {
        http.get("/volatile");
    }

    @Test
    void volatileSlowsDown(LoadTestResult result) {
        assertThat(result.request("GET /volatile").orElseThrow().percentile(95))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(result.request("GET /").orElseThrow().failures()).isZero();
    }
}
