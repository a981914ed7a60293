package dev.junitloadtest.trust;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.junitloadtest.EngineRuns.on;
import static dev.junitloadtest.EngineRuns.runLoad;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.junitloadtest.FixtureRun;
import dev.junitloadtest.LoadTest;
import dev.junitloadtest.TargetHost;
import dev.junitloadtest.Task;
import dev.junitloadtest.Users;
import dev.junitloadtest.VirtualUser;
import dev.junitloadtest.http.Http;
import dev.junitloadtest.result.FailureStats;
import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.result.RequestStats;

/**
 * HTTPS on both transports, against servers on loopback with certificates generated for the test: verified by default
 * (so refused), trusted through a trust store or an explicit, reported opt-in, spoken over HTTP/1.1 unless HTTP/2 is
 * asked for; a certificate of another host, a server that does not speak TLS and a handshake that never completes fail
 * with the same words on both; reconnections resume their TLS session.
 */
@ParameterizedClass(name = "transport {0}")
@ValueSource(strings = {"httpclient", "lean"})
class TlsTests {

    static final Set<String> PROTOCOLS = ConcurrentHashMap.newKeySet();
    static final String PASSWORD = "changeit";

    @Parameter
    String transport;

    @TempDir
    static Path certificates;
    static Path trustStore;
    static WireMockServer server;
    static WireMockServer otherHostsServer;
    static volatile String target;

    @BeforeAll
    static void startHttpsServers() throws IOException, InterruptedException {
        trustStore = certificates.resolve("trust.p12");
        server = wireMock(certificate("server", "CN=127.0.0.1", "SAN=ip:127.0.0.1,dns:localhost"));
        otherHostsServer = wireMock(certificate("other", "CN=other.example", "SAN=dns:other.example"));
    }

    @AfterAll
    static void stopHttpsServers() {
        server.stop();
        otherHostsServer.stop();
    }

    @Test
    void aSelfSignedCertificateIsRefusedByDefault() {
        LoadTestResult result = runAgainst(server, Map.of());

        assertThat(result.failures()).singleElement().satisfies(failure -> assertThat(failure.error()).isEqualTo(
                "SSLHandshakeException: (certificate_unknown) PKIX path building failed: "
                        + "sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid "
                        + "certification path to requested target"));
        assertThat(result.warnings()).noneMatch(warning -> warning.contains("TLS"));
    }

    @Test
    void aTrustStoreMakesItTrustedAndHttp11IsSpoken() {
        LoadTestResult result = runAgainst(server, trusted());
        RequestStats home = result.request("GET /").orElseThrow();

        assertThat(home.count()).isEqualTo(2);
        assertThat(home.failures()).isZero();
        assertThat(PROTOCOLS).containsExactly("HTTP/1.1");
        assertThat(result.warnings()).noneMatch(warning -> warning.contains("TLS"));
    }

    @Test
    void aCertificateOfAnotherHostIsRefusedThoughTrusted() {
        LoadTestResult result = runAgainst(otherHostsServer, trusted());

        assertThat(result.failures()).singleElement().satisfies(failure -> assertThat(failure.error()).isEqualTo(
                "SSLHandshakeException: (certificate_unknown) No subject alternative names matching IP address "
                        + "127.0.0.1 found"));
    }

    @Test
    void trustingAnyCertificateIsAnExplicitOptInThatTheReportWarnsAbout() {
        LoadTestResult result = runAgainst(server, Map.of("loadtest.tls.insecure-trust-all-certificates", "true"));
        RequestStats home = result.request("GET /").orElseThrow();

        assertThat(home.count()).isEqualTo(2);
        assertThat(home.failures()).isZero();
        assertThat(result.warnings()).contains("TLS certificates were NOT verified "
                + "(-Dloadtest.tls.insecure-trust-all-certificates=true): use it for a staging server's self-signed "
                + "certificate only; prefer its CA in a trust store (-Dloadtest.tls.trust-store).");
    }

    @Test
    void trustingAnyCertificateTrustsOneMadeOutToAnotherHost() {
        LoadTestResult result = runAgainst(otherHostsServer, Map.of("loadtest.tls.insecure-trust-all-certificates",
                "true"));

        assertThat(result.failures()).isEmpty();
        assertThat(result.request("GET /").orElseThrow().count()).isEqualTo(2);
    }

    @Test
    void aServerThatDoesNotSpeakTlsFailsTheHandshake() throws IOException {
        try (RawServer plain = new RawServer(connection -> {
            connection.getInputStream().read();
            connection.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
        })) {
            LoadTestResult result = runAgainst("https://127.0.0.1:" + plain.port(), trusted());

            assertThat(errors(result)).containsExactly("SSLException: Unrecognized SSL message, plaintext connection?");
        }
    }

    @Test
    void aHandshakeThatNeverCompletesFailsAtTheConnectTimeout() throws IOException {
        try (RawServer silent = new RawServer(connection -> connection.getInputStream().readAllBytes())) {
            Map<String, String> parameters = new HashMap<>(trusted());
            parameters.put("loadtest.http.connect-timeout", "300ms");
            LoadTestResult result = runAgainst("https://127.0.0.1:" + silent.port(), parameters);

            // Recorded as failed at the connect timeout: the 30 s response timeout would have let the run's end cut it.
            assertThat(errors(result)).containsExactly("ConnectTimeoutException: no connection within 300ms");
        }
    }

    @Test
    void aResponseSlowerThanTheConnectTimeoutIsWaitedForAfterTheHandshake() {
        // The handshake is bounded by the connect timeout; the response after it only by the response timeout.
        var slow = server.stubFor(get("/").willReturn(aResponse().withStatus(200).withBody("slow").withFixedDelay(800)));
        try {
            Map<String, String> parameters = new HashMap<>(trusted());
            parameters.put("loadtest.http.connect-timeout", "300ms");
            LoadTestResult result = runAgainst(server, parameters);

            assertThat(errors(result)).isEmpty();
            assertThat(result.request("GET /").orElseThrow().count()).isEqualTo(2);
        } finally {
            server.removeStub(slow);
        }
    }

    @Test
    void reconnectionsResumeTheirTlsSessionAndNameTheServerAndHttp11() throws Exception {
        List<Long> sessionsCreated = new CopyOnWriteArrayList<>();
        Set<String> serverNames = ConcurrentHashMap.newKeySet();
        Set<List<String>> offered = ConcurrentHashMap.newKeySet();
        SSLContext context = SSLContext.getInstance("TLS");
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(certificates.resolve("server.p12").toFile())) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD.toCharArray());
        context.init(keyManagers.getKeyManagers(), null, null);
        SSLServerSocket listening = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 50,
                InetAddress.getLoopbackAddress());
        // Every response closes its connection, so every request opens a new one, with a handshake. A resumed session
        // keeps the creation time of the full handshake it resumes.
        try (RawServer closing = new RawServer(listening, connection -> {
            SSLSocket tls = (SSLSocket) connection;
            tls.setHandshakeApplicationProtocolSelector((socket, protocols) -> {
                offered.add(List.copyOf(protocols));
                return protocols.isEmpty() ? null : "http/1.1";
            });
            tls.startHandshake();
            sessionsCreated.add(tls.getSession().getCreationTime());
            ((ExtendedSSLSession) tls.getSession()).getRequestedServerNames()
                    .forEach(name -> serverNames.add(((SNIHostName) name).getAsciiName()));
            RawServer.head(tls.getInputStream());
            tls.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
                    .getBytes(StandardCharsets.US_ASCII));
        })) {
            FixtureRun run = runLoad(FiveRequestsTestCase.class,
                    on(transport, trusted("https://localhost:" + closing.port())));
            run.testEvents().assertStatistics(stats -> stats.failed(0));

            assertThat(run.result().request("GET /").orElseThrow().failures()).isZero();
            assertThat(sessionsCreated).hasSize(5);
            assertThat(Set.copyOf(sessionsCreated)).as("full handshakes").hasSize(1);
            assertThat(offered).as("protocols offered by ALPN").containsExactly(List.of("http/1.1"));
            // The lean transport names any host by SNI; HttpClient leaves it to the JDK, which names none without dots.
            assertThat(serverNames).as("SNI").isEqualTo(transport.equals("lean") ? Set.of("localhost") : Set.of());
        }
    }

    private Map<String, String> trusted() {
        return Map.of("loadtest.tls.trust-store", trustStore.toString(), "loadtest.tls.trust-store-password",
                PASSWORD);
    }

    private Map<String, String> trusted(String host) {
        Map<String, String> parameters = new HashMap<>(trusted());
        parameters.put("loadtest.host", host);
        return parameters;
    }

    private static List<String> errors(LoadTestResult result) {
        return result.failures().stream().map(FailureStats::error).toList();
    }

    private LoadTestResult runAgainst(WireMockServer https, Map<String, String> parameters) {
        return runAgainst("https://127.0.0.1:" + https.httpsPort(), parameters);
    }

    private LoadTestResult runAgainst(String host, Map<String, String> parameters) {
        PROTOCOLS.clear();
        target = host;
        FixtureRun run = runLoad(HttpsTestCase.class, on(transport, parameters));
        run.testEvents().assertStatistics(stats -> stats.failed(0));
        return run.result();
    }

    /** A key store with a new self-signed certificate for {@code dname} and {@code san}, added to the trust store. */
    private static Path certificate(String alias, String dname, String san) throws IOException, InterruptedException {
        Path keyStore = certificates.resolve(alias + ".p12");
        Path certificate = certificates.resolve(alias + ".der");
        keytool("-genkeypair", "-alias", alias, "-keyalg", "RSA", "-keysize", "2048", "-dname", dname, "-ext", san,
                "-validity", "2", "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", PASSWORD,
                "-keypass", PASSWORD);
        keytool("-exportcert", "-alias", alias, "-keystore", keyStore.toString(), "-storepass", PASSWORD,
                "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", alias, "-file", certificate.toString(), "-storetype",
                "PKCS12", "-keystore", trustStore.toString(), "-storepass", PASSWORD);
        return keyStore;
    }

    private static WireMockServer wireMock(Path keyStore) {
        WireMockServer https = new WireMockServer(options().bindAddress("127.0.0.1").httpDisabled(true)
                .dynamicHttpsPort().keystorePath(keyStore.toString()).keystoreType("PKCS12")
                .keystorePassword(PASSWORD).keyManagerPassword(PASSWORD));
        https.start();
        https.stubFor(get("/").willReturn(aResponse().withStatus(200).withBody("secure")));
        return https;
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

    /** Two users, one request each. */
    @LoadTest(duration = "2s")
    @Users(count = 2)
    static class HttpsTestCase {
        @TargetHost
        static String host() {
            return target;
        }

        @Task
        void home(Http http, VirtualUser user) {
            var response = http.get("/");
            if (response.status() > 0) {
                PROTOCOLS.add(response.protocol());
            }
            user.stop();
        }
    }

    /** One user, five requests (the host is set by {@code loadtest.host}). */
    @LoadTest(duration = "2s", host = "https://127.0.0.1:1")
    @Users(count = 1)
    static class FiveRequestsTestCase {
        @Task
        void fiveTimes(Http http, VirtualUser user) {
            for (int i = 0; i < 5; i++) {
                http.get("/");
            }
            user.stop();
        }
    }

    /** What a raw server does with each connection, on its own virtual thread. */
    interface Conversation {
        void serve(Socket connection) throws IOException;
    }

    /** A server on loopback that holds a {@link Conversation} with each connection, then closes it. */
    static final class RawServer implements AutoCloseable {

        private final ServerSocket listening;

        RawServer(Conversation conversation) throws IOException {
            this(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), conversation);
        }

        RawServer(ServerSocket listening, Conversation conversation) {
            this.listening = listening;
            Thread.ofPlatform().daemon().name("tls-test-server").start(() -> {
                while (!listening.isClosed()) {
                    try {
                        Socket connection = listening.accept();
                        Thread.ofVirtual().start(() -> {
                            try (connection) {
                                conversation.serve(connection);
                            } catch (IOException | RuntimeException ended) {
                                // The connection ends.
                            }
                        });
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
        }

        int port() {
            return listening.getLocalPort();
        }

        /** Reads a request head up to its blank line. */
        static void head(InputStream in) throws IOException {
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : b == '\r' ? 1 : 0;
            }
        }

        @Override
        public void close() throws IOException {
            listening.close();
        }
    }
}
