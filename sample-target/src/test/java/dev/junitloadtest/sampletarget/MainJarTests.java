package dev.junitloadtest.sampletarget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import java.util.regex.Matcher;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar sample-target.jar} as a real process: ready line, Go's printed lines, SIGTERM, the port's
 * sources and the messages of bad ones. Tagged {@code jar}: Maven runs these after {@code package}.
 */
@Tag("jar")
class MainJarTests {

    @AutoClose
    final Http http = new Http();

    private static URI baseUri(Matcher ready) {
        return URI.create("http://127.0.0.1:" + ready.group(2));
    }

    /** A port nobody listens on now (the kernel hands out a free one; it is released at once). */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void servesPrintsGosLinesAndStopsCleanlyOnSigterm() throws Exception {
        try (JarProcess jar = JarProcess.start(Map.of(), "--port", "0", "--bind", "127.0.0.1")) {
            URI base = baseUri(jar.awaitReady());

            assertThat(http.get(base.resolve("/")).body()).isEqualTo("Server OK");
            assertThat(http.get(base.resolve("/buggy")).statusCode()).isEqualTo(500);
            assertThat(http.get(base.resolve("/volatile")).body()).isEqualTo("Produced response after 0 second/s");
            await().until(() -> jar.out().size() == 4);

            assertThat(jar.terminate()).isEqualTo(143); // 128 + SIGTERM, after the shutdown hook ran
            assertThat(jar.out()).containsExactly(
                    "sample-target listening on http://127.0.0.1:" + base.getPort(),
                    "Served home request",
                    "Returning error at 0 request ",
                    "Produced response after 0 second/s ",
                    "sample-target stopped");
            assertThat(jar.err()).isEmpty();
        }
    }

    @Test
    void quietPrintsNoRequestLines() throws Exception {
        try (JarProcess jar = JarProcess.start(Map.of(), "--quiet", "--port", "0", "--bind", "127.0.0.1")) {
            URI base = baseUri(jar.awaitReady());

            assertThat(http.get(base.resolve("/buggy")).statusCode()).isEqualTo(500);

            assertThat(jar.terminate()).isEqualTo(143);
            assertThat(jar.out()).containsExactly(
                    "sample-target listening on http://127.0.0.1:" + base.getPort(), "sample-target stopped");
        }
    }

    @Test
    void listensOnAllInterfacesByDefault() throws Exception {
        try (JarProcess jar = JarProcess.start(Map.of(), "--port", "0")) {
            Matcher ready = jar.awaitReady();

            assertThat(ready.group(1)).isEqualTo("0.0.0.0");
            assertThat(http.get(baseUri(ready)).body()).isEqualTo("Server OK");
        }
    }

    @Test
    void portEnvironmentVariableIsHonoured() throws Exception {
        int port = freePort();
        try (JarProcess jar = JarProcess.start(Map.of("PORT", Integer.toString(port)), "--bind", "127.0.0.1", "--quiet")) {
            Matcher ready = jar.awaitReady();

            assertThat(ready.group(2)).isEqualTo(Integer.toString(port));
            assertThat(http.get(baseUri(ready)).body()).isEqualTo("Server OK");
        }
    }

    @Test
    void portFlagWinsOverPortEnvironmentVariable() throws Exception {
        // PORT names a port that is taken: were it used, the jar could not listen.
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                JarProcess jar = JarProcess.start(Map.of("PORT", Integer.toString(taken.getLocalPort())),
                        "--port", "0", "--bind", "127.0.0.1", "--quiet")) {
            Matcher ready = jar.awaitReady();

            assertThat(ready.group(2)).isNotEqualTo(Integer.toString(taken.getLocalPort()));
            assertThat(http.get(baseUri(ready)).body()).isEqualTo("Server OK");
        }
    }

    @Test
    void badPortFlagExitsWithAClearMessage() throws Exception {
        try (JarProcess jar = JarProcess.start(Map.of(), "--port", "http")) {
            assertThat(jar.awaitExit()).isEqualTo(2);
            assertThat(jar.err()).containsExactly(
                    "sample-target: `--port` must be an integer from 0 to 65535, but was 'http'.",
                    "Run `java -jar sample-target.jar --help` for usage.");
            assertThat(jar.out()).isEmpty();
        }
    }

    @Test
    void badPortEnvironmentVariableExitsWithAClearMessage() throws Exception {
        try (JarProcess jar = JarProcess.start(Map.of("PORT", "70000"))) {
            assertThat(jar.awaitExit()).isEqualTo(2);
            assertThat(jar.err()).containsExactly(
                    "sample-target: The PORT environment variable must be an integer from 0 to 65535, but was '70000'.",
                    "Run `java -jar sample-target.jar --help` for usage.");
        }
    }

    @Test
    void portInUseExitsWithTheReason() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                JarProcess jar = JarProcess.start(Map.of(), "--port", Integer.toString(taken.getLocalPort()), "--bind", "127.0.0.1")) {
            assertThat(jar.awaitExit()).isEqualTo(1);
            assertThat(jar.err()).containsExactly(
                    "sample-target cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": Address already in use");
        }
    }

    @Test
    void helpPrintsUsageAndExitsZero() throws Exception {
        try (JarProcess jar = JarProcess.start(Map.of(), "--help")) {
            assertThat(jar.awaitExit()).isZero();
            assertThat(jar.out()).first().isEqualTo("Usage: java -jar sample-target.jar [--port N] [--bind ADDRESS] [--quiet]");
            assertThat(String.join("\n", jar.out()) + "\n").isEqualTo(CommandLine.USAGE);
        }
    }
}
