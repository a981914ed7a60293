package dev.junitloadtest.trust;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.junitloadtest.EngineRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.junitloadtest.LoadTest;
import dev.junitloadtest.OnStart;
import dev.junitloadtest.TargetHost;
import dev.junitloadtest.Task;
import dev.junitloadtest.Users;
import dev.junitloadtest.VirtualUser;
import dev.junitloadtest.http.Http;
import dev.junitloadtest.http.RequestBody;
import dev.junitloadtest.result.LoadTestResult;

/**
 * Credentials given to a load test never reach an output: a run logs in with known secrets, then makes failures and
 * exceptions that would carry them, and every output is searched for them.
 */
class SecretsTests {

    static final String PASSWORD = "SECRET-PASSWORD-2222";
    static final String CSRF = "SECRET-CSRF-1111";
    static final String TOKEN = "SECRET-TOKEN-3333";
    static final String COOKIE = "SECRET-COOKIE-4444";
    static final String API_KEY = "SECRET-KEY-5555";
    static final AtomicReference<LoadTestResult> RESULT = new AtomicReference<>();

    @TempDir
    Path reports;

    @Test
    void noOutputCarriesASecret() throws IOException {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        EngineExecutionResults results;
        try (PrintStream capture = new PrintStream(console, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            System.setErr(capture);
            results = run(LoginTestCase.class, Map.of("loadtest.report-files", "true",
                    "loadtest.report-dir", reports.toString(), "loadtest.console.summary", "true",
                    "loadtest.console.interval", "1s"));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }

        List<String> outputs = new ArrayList<>();
        outputs.add("console: " + console.toString(StandardCharsets.UTF_8));
        results.allEvents().reportingEntryPublished().stream()
                .map(event -> event.getRequiredPayload(ReportEntry.class))
                .forEach(entry -> outputs.add("report entry: " + entry.getKeyValuePairs()));
        results.allEvents().failed().stream().forEach(event -> outputs.add("test failure: " + event));
        try (Stream<Path> files = Files.walk(reports)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                outputs.add(file.getFileName() + ": " + new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        LoadTestResult result = RESULT.get();
        result.failures().forEach(failure -> outputs.add("failure: " + failure));
        result.exceptions().forEach(exception -> outputs.add("exception: " + exception));
        result.requests().forEach(request -> outputs.add("request: " + request.key()));
        outputs.add("profile: " + result.profile());

        // Every kind of output was there to search, and the run did what would leak a secret.
        assertThat(outputs).anySatisfy(output -> assertThat(output).startsWith("report.html: "))
                .anySatisfy(output -> assertThat(output).startsWith("stats.csv: "))
                .anySatisfy(output -> assertThat(output).startsWith("summary.json: "))
                .anySatisfy(output -> assertThat(output).startsWith("exceptions.csv: "))
                .anySatisfy(output -> assertThat(output).startsWith("summary.md: "))
                .anySatisfy(output -> assertThat(output).startsWith("report entry: "));
        assertThat(result.exceptions()).hasSize(2);
        assertThat(result.failures()).isNotEmpty();
        assertThat(result.requests()).extracting(request -> request.key()).contains("GET /reset/****");
        for (String output : outputs) {
            assertThat(output).doesNotContain("SECRET-");
        }
        assertThat(String.join("\n", outputs)).contains("****");
    }

    @LoadTest(duration = "2s")
    @Users(count = 2)
    static class LoginTestCase {
        static WireMockServer server;

        @BeforeAll
        static void start() {
            server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
            server.start();
            server.stubFor(get("/login").willReturn(aResponse().withStatus(200)
                    .withBody("<form><input name=\"csrf_token\" value=\"" + CSRF + "\"></form>")));
            server.stubFor(post("/login").willReturn(aResponse().withStatus(200)
                    .withHeader("Set-Cookie", "session=" + COOKIE + "; Path=/")
                    .withBody("{\"token\": \"" + TOKEN + "\"}")));
            server.stubFor(get("/api/data").willReturn(aResponse().withStatus(500)
                    .withBody("{\"error\": \"token " + TOKEN + " rejected\", \"session\": \"" + COOKIE + "\"}")));
            server.stubFor(get(urlPathEqualTo("/api/search")).willReturn(aResponse().withStatus(503)));
            server.stubFor(get(urlPathEqualTo("/reset/" + TOKEN)).willReturn(aResponse().withStatus(404)));
        }

        @AfterAll
        static void stop(LoadTestResult result) {
            RESULT.set(result);
            server.stop();
        }

        @TargetHost
        static String host() {
            // User info in the host is a secret too: it shows in the profile of every report.
            return "http://ann:" + PASSWORD + "@127.0.0.1:" + server.port();
        }

        String token;

        @OnStart
        void login(Http http) {
            String page = http.get("/login").body();
            String csrf = page.substring(page.indexOf("value=\"") + 7, page.indexOf("\"></form>"));
            token = http.post("/login", RequestBody.form("username", "ann", "password", PASSWORD, "csrf_token", csrf))
                    .json().get("token").asText();
            http.defaultHeader("Authorization", "Bearer " + token);
        }

        @Task
        void leaky(Http http, VirtualUser user) throws InterruptedException {
            Thread.sleep(50);
            // A check whose message quotes the response, which quotes the token and the cookie.
            http.request("GET", "/api/data").expectStatus(status -> true)
                    .check(response -> {
                        throw new AssertionError("unexpected body " + response.body());
                    }).send();
            // A secret in the query string, failing with 503.
            http.request("GET", "/api/search").query("api_key", API_KEY).query("q", "shoes").send();
            // A secret in the path, so in the request's name.
            http.request("GET", "/reset/" + token).send();
            if (user.id() == 1) {
                throw new IllegalStateException("login failed for password " + PASSWORD + " and token " + token);
            }
            throw new IllegalArgumentException("Authorization: Bearer " + token + ", cookie session=" + COOKIE);
        }
    }
}
