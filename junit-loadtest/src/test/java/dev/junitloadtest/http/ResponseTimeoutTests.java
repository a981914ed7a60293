package dev.junitloadtest.http;

import static dev.junitloadtest.EngineRuns.on;
import static dev.junitloadtest.EngineRuns.runLoad;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

import dev.junitloadtest.FixtureRun;
import dev.junitloadtest.LoadTest;
import dev.junitloadtest.Task;
import dev.junitloadtest.Users;
import dev.junitloadtest.VirtualUser;
import dev.junitloadtest.result.LoadTestResult;

/** The response timeout bounds the whole response, from sending the request to its last byte. */
@ParameterizedClass(name = "transport {0}")
@ValueSource(strings = {"httpclient", "lean"})
class ResponseTimeoutTests {

    /** The transport this class's runs use ({@code loadtest.http.transport}). */
    @Parameter
    String transport;

    @Test
    void aBodyThatKeepsTricklingInFailsAtTheResponseTimeout() throws Exception {
        // 30 bytes, one every 100 ms: something arrives all the time, but the whole body takes 3 s.
        try (TrickleServer server = new TrickleServer(30, 1, 100)) {
            FixtureRun run = runLoad(TrickleTestCase.class, on(transport, Map.of(
                    "loadtest.http.response-timeout", "1s", "loadtest.host", server.baseUri())));
            run.testEvents().assertStatistics(stats -> stats.failed(0));

            LoadTestResult result = run.result();
            assertThat(result.failures()).extracting(failure -> failure.key() + ": " + failure.error())
                    .containsExactlyInAnyOrder(
                            "GET /trickle: SocketTimeoutException: no complete response within 1s",
                            "GET own timeout: SocketTimeoutException: no complete response within 500ms");
            assertThat(result.total().count()).isEqualTo(result.total().failures()).isEqualTo(2)
                    .isEqualTo(server.requests());
        }
    }

    @LoadTest(duration = "1s", stopTimeout = "10s")
    @Users(count = 1)
    static class TrickleTestCase {

        @Task
        void trickle(Http http, VirtualUser user) {
            http.get("/trickle");
            http.request("GET", "/trickle").name("own timeout").timeout(Duration.ofMillis(500)).send();
            user.stop();
        }
    }
}
