package dev.junitloadtest.trust;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.junitloadtest.EngineRuns.runLoad;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.junitloadtest.FixtureRun;
import dev.junitloadtest.LoadTest;
import dev.junitloadtest.TargetHost;
import dev.junitloadtest.Task;
import dev.junitloadtest.Users;
import dev.junitloadtest.VirtualUser;
import dev.junitloadtest.http.Http;
import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.result.RequestStats;

/**
 * HTTPS against WireMock with a certificate generated for the test: verified by default (so refused), trusted through
 * a trust store or an explicit, reported opt-in, and spoken over HTTP/2 when the server offers it.
 */
class TlsTests {

    static final Set<String> PROTOCOLS = ConcurrentHashMap.newKeySet();

    @TempDir
    static Path certificates;
    static Path keyStore;
    static Path trustStore;
    static WireMockServer server;

    @BeforeAll
    static void startHttpsServer() throws IOException, InterruptedException {
        keyStore = certificates.resolve("server.p12");
        trustStore = certificates.resolve("trust.p12");
        Path certificate = certificates.resolve("server.der");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", "changeit", "-keypass", "changeit");
        keytool("-exportcert", "-alias", "server", "-keystore", keyStore.toString(), "-storepass", "changeit",
                "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", "server", "-file", certificate.toString(), "-storetype",
                "PKCS12", "-keystore", trustStore.toString(), "-storepass", "changeit");
        server = new WireMockServer(options().bindAddress("127.0.0.1").httpDisabled(true).dynamicHttpsPort()
                .keystorePath(keyStore.toString()).keystoreType("PKCS12").keystorePassword("changeit")
                .keyManagerPassword("changeit"));
        server.start();
        server.stubFor(get("/").willReturn(aResponse().withStatus(200).withBody("secure")));
    }

    @AfterAll
    static void stopHttpsServer() {
        server.stop();
    }

    @Test
    void aSelfSignedCertificateIsRefusedByDefault() {
        LoadTestResult result = runAgainstServer(Map.of());
        RequestStats home = result.request("GET /").orElseThrow();

        assertThat(home.failures()).isEqualTo(home.count()).isPositive();
        assertThat(result.failures()).singleElement().satisfies(failure -> assertThat(failure.error())
                .startsWith("SSLHandshakeException: ").contains("unable to find valid certification path"));
        assertThat(result.warnings()).noneMatch(warning -> warning.contains("TLS"));
    }

    @Test
    void aTrustStoreMakesItTrustedAndHttp2IsNegotiated() {
        LoadTestResult result = runAgainstServer(Map.of("loadtest.tls.trust-store", trustStore.toString(),
                "loadtest.tls.trust-store-password", "changeit"));
        RequestStats home = result.request("GET /").orElseThrow();

        assertThat(home.count()).isPositive();
        assertThat(home.failures()).isZero();
        assertThat(PROTOCOLS).containsExactly("HTTP/2");
        assertThat(result.warnings()).noneMatch(warning -> warning.contains("TLS"));
    }

    @Test
    void trustingAnyCertificateIsAnExplicitOptInThatTheReportWarnsAbout() {
        LoadTestResult result = runAgainstServer(Map.of("loadtest.tls.insecure-trust-all-certificates", "true"));
        RequestStats home = result.request("GET /").orElseThrow();

        assertThat(home.failures()).isZero();
        assertThat(result.warnings()).contains("TLS certificates were NOT verified "
                + "(-Dloadtest.tls.insecure-trust-all-certificates=true): use it for a staging server's self-signed "
                + "certificate only; prefer its CA in a trust store (-Dloadtest.tls.trust-store).");
    }

    @Test
    void underTheLeanTransportHttpsStillGoesThroughHttpClientAndTheRunSaysSo() {
        LoadTestResult result = runAgainstServer(Map.of("loadtest.http.transport", "lean",
                "loadtest.tls.trust-store", trustStore.toString(), "loadtest.tls.trust-store-password", "changeit"));
        RequestStats home = result.request("GET /").orElseThrow();

        assertThat(home.count()).isPositive();
        assertThat(home.failures()).isZero();
        assertThat(PROTOCOLS).containsExactly("HTTP/2");
        assertThat(result.warnings()).contains("https:// requests went through HttpClient 5: "
                + "-Dloadtest.http.transport=lean is experimental and covers http:// only so far.");
    }

    private static LoadTestResult runAgainstServer(Map<String, String> parameters) {
        PROTOCOLS.clear();
        FixtureRun run = runLoad(HttpsTestCase.class, parameters);
        run.testEvents().assertStatistics(stats -> stats.failed(0));
        return run.result();
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
    }

    @LoadTest(duration = "5s")
    @Users(count = 2)
    static class HttpsTestCase {
        @TargetHost
        static String host() {
            return "https://127.0.0.1:" + server.httpsPort();
        }

        @Task
        void home(Http http, VirtualUser user) {
            var response = http.get("/");
            if (response.status() > 0) {
                PROTOCOLS.add(response.protocol());
            }
            if (user.id() > 0) {
                user.stop();
            }
        }
    }
}
