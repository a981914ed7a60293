package dev.junitloadtest.samples.heroku;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Cookie;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.junitloadtest.DataRow;
import dev.junitloadtest.Feeder;
import dev.junitloadtest.LoadTest;
import dev.junitloadtest.LoadTestVerdicts;
import dev.junitloadtest.OnStart;
import dev.junitloadtest.TargetHost;
import dev.junitloadtest.Task;
import dev.junitloadtest.Threshold;
import dev.junitloadtest.Users;
import dev.junitloadtest.VirtualUser;
import dev.junitloadtest.WaitTime;
import dev.junitloadtest.http.Http;
import dev.junitloadtest.result.LoadTestResult;

/**
 * The Heroku load-testing guide (LoadForge), scenario 1: {@code HerokuSessionUser}, users who sign in through a login
 * form protected by a CSRF token, then use the app with a cookie session: dashboard, projects, a project, settings.
 *
 * <p>What it shows: per-user state. Each virtual user is its own instance with its own cookie jar, as each browser
 * is. The stub app behaves like a Rails or Django app: the login page sets a CSRF cookie and prints the same token
 * in a meta tag, the sign-in must send it back three ways (cookie, form field, header), and every page answers 401 to
 * a request without a session cookie. So a user that lost its cookies, or shared them with another user, fails here.
 *
 * <p>Each user signs in with its own account, taken from {@code heroku/session-users.csv} by a {@code UNIQUE}
 * {@link Feeder @Feeder}: the app knows exactly those 200 accounts, and a run with more users than accounts fails at
 * once ({@code FAIL_RUN}) rather than sign two users in as one.
 */
@LoadTest(duration = "3s")
@Users(count = 20, spawnRate = 20) // -Plong: 200 users at 10/s for 5 minutes
@WaitTime(min = "2ms", max = "5ms") // the guide's between(2, 5), 1000 times shorter
@Threshold(value = "failures == 0", abortOnFail = true) // a user without its session stops the run at once
@Feeder(name = "users", file = "heroku/session-users.csv", columns = {"email", "password"},
        policy = Feeder.Policy.UNIQUE, whenExhausted = Feeder.Exhausted.FAIL_RUN)
class HerokuSessionUserLoadTest implements LoadTestVerdicts {

    private static final Pattern CSRF_META = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\">");
    private static final String SESSION_COOKIE = "_app_session";
    private static final String CSRF_COOKIE = "_app_csrf";
    /** The app's accounts, email to password: the rows of the feeder's file, which has no quoted fields. */
    static final Map<String, String> ACCOUNTS = accounts();

    static final WireMockServer app = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
            .containerThreads(50));

    @BeforeAll
    static void startApp() {
        app.start();
        // The login form: a fresh token per visitor (WireMock's id of the request), in a cookie and in the page.
        app.stubFor(get("/login").willReturn(aResponse()
                .withHeader("Content-Type", "text/html; charset=utf-8")
                .withHeader("Set-Cookie", CSRF_COOKIE + "={{request.id}}; Path=/; HttpOnly")
                .withBody("<html><head><meta name=\"csrf-token\" content=\"{{request.id}}\"></head>"
                        + "<body><form action=\"/session\" method=\"post\">...</form></body></html>")
                .withTransformers("response-template")));
        // Signing in: the token must come back as the cookie, the form field and the header; then a session starts.
        app.stubFor(post("/session").atPriority(1).andMatching(HerokuSessionUserLoadTest::validSignIn)
                .willReturn(aResponse().withStatus(302)
                        .withHeader("Location", "/dashboard")
                        .withHeader("Set-Cookie", SESSION_COOKIE + "=s-{{request.id}}; Path=/; HttpOnly")
                        .withTransformers("response-template")));
        app.stubFor(post("/session").atPriority(5)
                .willReturn(aResponse().withStatus(403).withBody("Invalid authenticity token")));
        // The app's pages, for signed-in users only.
        app.stubFor(get(urlPathMatching("/dashboard|/projects|/projects/\\d+|/account/settings")).atPriority(1)
                .withCookie(SESSION_COOKIE, matching("s-[0-9a-f-]{36}"))
                .willReturn(aResponse().withHeader("Content-Type", "text/html; charset=utf-8")
                        .withBody("<html><body><h1>{{request.path}}</h1></body></html>")
                        .withTransformers("response-template")));
        app.stubFor(any(urlPathMatching("/dashboard|/projects.*|/account/.*")).atPriority(5)
                .willReturn(aResponse().withStatus(401).withBody("Sign in first")));
    }

    private static MatchResult validSignIn(Request request) {
        Cookie cookie = request.getCookies().get(CSRF_COOKIE);
        String formToken = request.formParameters().containsKey("_csrf")
                ? request.formParameter("_csrf").firstValue() : null;
        String headerToken = request.getHeader("X-CSRF-Token");
        boolean passwordRight = request.formParameters().containsKey("email")
                && request.formParameters().containsKey("password")
                && request.formParameter("password").firstValue()
                        .equals(ACCOUNTS.get(request.formParameter("email").firstValue()));
        return MatchResult.of(cookie != null && formToken != null && passwordRight
                && formToken.equals(cookie.firstValue()) && formToken.equals(headerToken));
    }

    private static Map<String, String> accounts() {
        try (InputStream in = HerokuSessionUserLoadTest.class.getResourceAsStream("/heroku/session-users.csv")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).toList();
            return lines.stream().map(line -> line.split(",", 2))
                    .collect(Collectors.toMap(fields -> fields[0], fields -> fields[1]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stopApp() {
        app.stop();
    }

    @TargetHost
    static String host() {
        return "http://127.0.0.1:" + app.port();
    }

    @OnStart
    void signIn(Http http, VirtualUser user) {
        DataRow account = user.data("users"); // this user's own account: no other user gets the same row
        String loginPage = http.get("/login").orThrow().body();
        Matcher csrf = CSRF_META.matcher(loginPage);
        if (!csrf.find()) {
            throw new IllegalStateException("No csrf-token meta tag on the login page: " + loginPage);
        }
        String token = csrf.group(1);
        http.request("POST", "/session")
                .form(Map.of("email", account.get("email"), "password", account.get("password"), "_csrf", token))
                .header("X-CSRF-Token", token)
                .followRedirects(false) // measure the sign-in itself, not the dashboard it redirects to
                .expect(302)
                .send()
                .orThrow();
    }

    @Task(weight = 4)
    void dashboard(Http http) {
        http.get("/dashboard");
    }

    @Task(weight = 3)
    void projects(Http http) {
        http.get("/projects");
    }

    @Task(weight = 2)
    void projectDetail(Http http) {
        http.get("/projects/{id}", 42); // recorded as GET /projects/{id}, the guide's "GET /projects/:id"
    }

    @Task(weight = 1)
    void accountSettings(Http http) {
        http.get("/account/settings");
    }

    @Test
    void everyUserSignedInOnceAndEveryPageWasServedToASignedInUser(LoadTestResult result) {
        assertThat(result.failures()).isEmpty();
        assertThat(result.exceptions()).isEmpty();
        long signIns = result.request("POST /session").orElseThrow().count();
        assertThat(result.request("GET /login").orElseThrow().count()).isEqualTo(signIns);
        assertThat(signIns).isEqualTo(result.history().stream().mapToInt(p -> p.users()).max().orElseThrow());
        assertThat(result.requests()).extracting(stats -> stats.key()).containsExactly("GET /account/settings",
                "GET /dashboard", "GET /login", "GET /projects", "GET /projects/{id}", "POST /session");
    }

    @Test
    void everyUserSignedInWithAnAccountOfItsOwn(LoadTestResult result) {
        List<String> emails = app.findAll(postRequestedFor(urlPathEqualTo("/session"))).stream()
                .map(request -> request.formParameter("email").firstValue()).toList();
        assertThat(emails).hasSize((int) result.request("POST /session").orElseThrow().count())
                .doesNotHaveDuplicates();
        assertThat(ACCOUNTS).containsKeys(emails.toArray(String[]::new));
    }

    @Test
    void eachUserKeptItsOwnSession(LoadTestResult result) {
        // Every session the app started was used by pages, so no user lost its session or took another's.
        long sessionsUsed = app.findAll(anyRequestedFor(urlPathMatching("/dashboard|/projects.*|/account/.*")))
                .stream().map(LoggedRequest::getCookies).map(cookies -> cookies.get(SESSION_COOKIE))
                .filter(Objects::nonNull).map(Cookie::firstValue).distinct().count();
        assertThat(sessionsUsed).isEqualTo(result.request("POST /session").orElseThrow().count());
    }
}
