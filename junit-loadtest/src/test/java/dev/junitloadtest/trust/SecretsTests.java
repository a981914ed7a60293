package dev.junitloadtest.trust;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.junitloadtest.EngineRuns.on;
import static dev.junitloadtest.EngineRuns.runLoad;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.engine.reporting.ReportEntry;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.junitloadtest.FixtureRun;
import dev.junitloadtest.LoadTest;
import dev.junitloadtest.OnStart;
import dev.junitloadtest.TargetHost;
import dev.junitloadtest.Task;
import dev.junitloadtest.Users;
import dev.junitloadtest.VirtualUser;
import dev.junitloadtest.http.Http;
import dev.junitloadtest.http.RequestBody;
import dev.junitloadtest.internal.recording.SecretMasker;
import dev.junitloadtest.result.LoadTestResult;

/**
 * Credentials given to a load test never reach an output: a run logs in with known secrets, then makes failures and
 * exceptions that would carry them, and every output is searched for them.
 */
@ParameterizedClass(name = "transport {0}")
@ValueSource(strings = {"httpclient", "lean"})
class SecretsTests {

    /** The transport this class's runs use ({@code loadtest.http.transport}). */
    @Parameter
    String transport;

    static final String PASSWORD = "SECRET-PASSWORD-2222";
    static final String CSRF = "SECRET-CSRF-1111";
    static final String TOKEN = "SECRET-TOKEN-3333";
    static final String COOKIE = "SECRET-COOKIE-4444";
    static final String API_KEY = "SECRET-KEY-5555";

    @TempDir
    Path reports;

    @Test
    void noOutputCarriesASecret() throws IOException {
        Outputs outputs = outputsOf(LoginTestCase.class);
        LoadTestResult result = outputs.result();
        // The run did what would leak a secret.
        assertThat(result.exceptions()).hasSize(2);
        assertThat(result.failures()).isNotEmpty();
        assertThat(result.requests()).extracting(request -> request.key()).contains("GET /reset/****");
        for (String output : outputs.texts()) {
            assertThat(output).doesNotContain("SECRET-");
        }
        assertThat(String.join("\n", outputs.texts())).contains("****");
    }

    /**
     * A cookie header set by hand is a secret however its cookies are named, and a secret one user sent is masked in
     * what any other user records, though that user never sent it.
     */
    @Test
    void handSetCookiesAndOtherUsersSecretsAreMasked() throws IOException {
        Outputs outputs = outputsOf(SharedSecretsTestCase.class);
        LoadTestResult result = outputs.result();
        // The run did what would leak: names, failures and exceptions quoting the values alone.
        assertThat(result.requests()).extracting(request -> request.key())
                .contains("GET /whoami/****", "GET /keys/****");
        assertThat(result.failures()).extracting(failure -> failure.error())
                .contains("Check failed: unknown session **** (theme ****)");
        assertThat(result.exceptions()).extracting(exception -> exception.message())
                .contains("java.lang.IllegalStateException: key **** belongs to user 1, not to user 2");
        for (String output : outputs.texts()) {
            assertThat(output).doesNotContain("SECRET-");
        }
    }

    /**
     * The values a run remembers are bounded: past the bound, the values seen stay masked, a new one is masked in its
     * own user's texts, and the run says so.
     */
    @Test
    void pastTheBoundOfRememberedValuesTheRunWarns() {
        LoadTestResult result = runLoad(ManyKeysTestCase.class, on(transport, Map.of())).result();
        assertThat(result.exceptions()).extracting(exception -> exception.message()).containsExactly(
                "java.lang.IllegalStateException: the first key **** and the last key **** were rejected");
        assertThat(result.warnings()).contains("More secret values were sent than the run remembers (100,000 values "
                + "or 10,000,000 characters): those sent later are masked only in the texts of the user that sent "
                + "them, and where they look like secrets (name=value, Bearer ...).");
    }

    /**
     * The outputs of a run: each output's text prefixed by its name, and the run's result.
     *
     * @param texts the console, the report entries (Surefire's XML), the failed events, each file written, and the
     *     result's texts
     * @param result the run's result
     */
    private record Outputs(List<String> texts, LoadTestResult result) {
    }

    /** Runs {@code testCase} writing every output, and returns them. */
    private Outputs outputsOf(Class<?> testCase) throws IOException {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        FixtureRun results;
        try (PrintStream capture = new PrintStream(console, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            System.setErr(capture);
            results = runLoad(testCase, on(transport, Map.of("loadtest.report-files", "true",
                    "loadtest.report-dir", reports.toString(), "loadtest.console.summary", "true",
                    "loadtest.console.interval", "1s", "loadtest.csv.full-history", "true")));
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
        LoadTestResult result = results.result();
        result.failures().forEach(failure -> outputs.add("failure: " + failure));
        result.exceptions().forEach(exception -> outputs.add("exception: " + exception));
        result.requests().forEach(request -> outputs.add("request: " + request.key()));
        outputs.add("profile: " + result.profile());

        // Every kind of output was there to search.
        List<String> expected = List.of("console", "report entry", "stats.csv", "stats_history.csv", "failures.csv",
                "exceptions.csv", "summary.json", "summary.md", "report.html", "response-times.hlog",
                "results.mergeable.json");
        for (String name : expected) {
            assertThat(outputs).as("outputs").anySatisfy(output -> assertThat(output).startsWith(name + ": "));
        }
        return new Outputs(outputs, result);
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
        static void stop() {
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

    static final String HAND_COOKIE = "SECRET-HAND-COOKIE-6666";
    static final String HAND_DEFAULT_COOKIE = "SECRET-DEFAULT-COOKIE-7777";
    static final String OTHER_USERS_KEY = "SECRET-OTHER-KEY-8888";

    @LoadTest(duration = "2s")
    @Users(count = 2)
    static class SharedSecretsTestCase {
        static WireMockServer server;
        static CountDownLatch keySent;

        @BeforeAll
        static void start() {
            keySent = new CountDownLatch(1);
            server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
            server.start();
            server.stubFor(get("/api/keyed").willReturn(aResponse().withStatus(200)));
            server.stubFor(get("/api/profile").willReturn(aResponse().withStatus(500)
                    .withBody("unknown session " + HAND_DEFAULT_COOKIE + " (theme " + HAND_COOKIE + ")")));
            server.stubFor(get(urlPathMatching("/(whoami|keys)/.*")).willReturn(aResponse().withStatus(404)));
        }

        @AfterAll
        static void stop() {
            server.stop();
        }

        @TargetHost
        static String host() {
            return "http://127.0.0.1:" + server.port();
        }

        @OnStart
        void start(Http http, VirtualUser user) {
            // Cookies named like nothing secret, set by hand: their values are secrets all the same.
            http.defaultHeader("Cookie", "sid=" + HAND_DEFAULT_COOKIE);
            if (user.id() == 1) {
                http.request("GET", "/api/keyed").header("X-Api-Key", OTHER_USERS_KEY).send();
                keySent.countDown();
            }
        }

        @Task
        void quote(Http http, VirtualUser user) throws InterruptedException {
            Thread.sleep(50);
            // The value of a hand-set cookie in a name, and in a check's message.
            http.request("GET", "/whoami/" + HAND_COOKIE).header("Cookie", "theme=" + HAND_COOKIE).send();
            http.request("GET", "/api/profile").header("Cookie", "lang=en; theme=" + HAND_COOKIE)
                    .expectStatus(status -> true).check(response -> {
                        throw new AssertionError(response.body());
                    }).send();
            if (user.id() == 2 && keySent.await(5, TimeUnit.SECONDS)) {
                // User 2 quotes a key only user 1 sent: in a name and in an exception.
                http.request("GET", "/keys/" + OTHER_USERS_KEY).send();
                throw new IllegalStateException("key " + OTHER_USERS_KEY + " belongs to user 1, not to user 2");
            }
        }
    }

    @LoadTest(duration = "1s")
    @Users(count = 1)
    static class ManyKeysTestCase {

        @OnStart
        void keys(Http http) {
            // Headers are remembered as they are set: one more key than the run remembers, none of them sent.
            for (int i = 0; i <= SecretMasker.MAX_VALUES; i++) {
                http.request("GET", "/").header("X-Api-Key", key(i));
            }
        }

        @Task
        void quote() throws InterruptedException {
            Thread.sleep(50);
            throw new IllegalStateException("the first key " + key(0) + " and the last key "
                    + key(SecretMasker.MAX_VALUES) + " were rejected");
        }

        static String key(int i) {
            return "SECRET-MANY-" + i;
        }
    }
}
