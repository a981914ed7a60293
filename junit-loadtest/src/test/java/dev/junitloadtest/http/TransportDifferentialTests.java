package dev.junitloadtest.http;

import static dev.junitloadtest.EngineRuns.on;
import static dev.junitloadtest.EngineRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.junitloadtest.LoadTest;
import dev.junitloadtest.TargetHost;
import dev.junitloadtest.Task;
import dev.junitloadtest.Users;
import dev.junitloadtest.VirtualUser;

/**
 * Both transports against the same corpus of responses, served byte for byte by a raw socket server on loopback: each
 * must give the same status, headers, body and failure text, so switching {@code loadtest.http.transport} changes
 * nothing a user sees.
 */
class TransportDifferentialTests {

    /** Per transport, per case: what the user saw. */
    static final Map<String, Map<String, String>> SEEN = new ConcurrentHashMap<>();
    static volatile String transport;
    static RawServer server;

    /** The corpus: a case's name is its path; its script is what the server writes, ending the connection or not. */
    static final Map<String, Script> CORPUS = new LinkedHashMap<>();

    static {
        CORPUS.put("content-length", Script.keep("HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Length: 5\r\n\r\nhello"));
        CORPUS.put("chunked-extensions-trailers", Script.keep("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n"
                + "Content-Type: text/plain\r\n\r\n5;name=value\r\nhello\r\n7;flag\r\n, world\r\n"
                + "0;last=yes\r\nX-Checksum: 42\r\nX-Other: t\r\n\r\n"));
        CORPUS.put("large-headers", Script.keep("HTTP/1.1 200 OK\r\nX-Large: " + "v".repeat(3_000) + "\r\n"
                + manyHeaders(60) + "Content-Length: 2\r\n\r\nok"));
        // A difference kept: HttpClient (with the 4 KB buffers it is given) refuses a header line longer than them.
        CORPUS.put("header-longer-than-4kb", Script.keep("HTTP/1.1 200 OK\r\nX-Large: " + "v".repeat(20_000)
                + "\r\nContent-Length: 2\r\n\r\nok"));
        String body = "0123456789".repeat(400);
        CORPUS.put("body-in-many-writes", new Script(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length()
                + "\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1), 7, false));
        CORPUS.put("chunked-in-many-writes", new Script(("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3e8\r\n" + body.substring(0, 1000) + "\r\n0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1), 3,
                false));
        CORPUS.put("truncated-body", Script.close("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly forty bytes of "
                + "the hundred promised"));
        CORPUS.put("truncated-chunked", Script.close("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "10\r\nabc"));
        CORPUS.put("bad-chunk-header", Script.close("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "zz\r\nabc\r\n0\r\n\r\n"));
        CORPUS.put("malformed-status-line", Script.close("HTTX/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
        CORPUS.put("header-without-colon", Script.close("HTTP/1.1 200 OK\r\nno colon here\r\n"
                + "Content-Length: 0\r\n\r\n"));
        CORPUS.put("folded-and-spaced-headers", Script.keep("HTTP/1.1 200 OK\r\nX-Spaced :  value  \r\n"
                + "X-Empty:\r\nX-Repeated: one\r\nX-Repeated: two\r\nContent-Length: 0\r\n\r\n"));
        CORPUS.put("closed-in-headers", Script.close("HTTP/1.1 200 OK\r\nContent-Ty"));
        CORPUS.put("closed-before-response", Script.close(""));
        CORPUS.put("100-continue", Script.keep("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\n"
                + "Content-Length: 2\r\nLocation: /orders/1\r\n\r\nok"));
        CORPUS.put("head", Script.keep("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1234\r\n\r\n"));
        CORPUS.put("204", Script.keep("HTTP/1.1 204 No Content\r\nX-Id: 7\r\n\r\n"));
        CORPUS.put("304", Script.keep("HTTP/1.1 304 Not Modified\r\nETag: \"abc\"\r\nContent-Length: 99\r\n\r\n"));
        CORPUS.put("close-delimited", Script.close("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
                + "Connection: close\r\n\r\nuntil the connection ends"));
        CORPUS.put("http-1.0", Script.close("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nold style"));
        CORPUS.put("connection-close-with-length", Script.close("HTTP/1.1 503 Service Unavailable\r\n"
                + "Connection: close\r\nContent-Length: 4\r\n\r\nbusy"));
        CORPUS.put("after-close", Script.keep("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nagain"));
        CORPUS.put("redirect", Script.keep("HTTP/1.1 302 Found\r\nLocation: /content-length\r\n"
                + "Content-Length: 0\r\n\r\n"));
        CORPUS.put("no-reason-phrase", Script.keep("HTTP/1.1 404\r\nContent-Length: 0\r\n\r\n"));
        // A head in 3-byte writes, and one longer than a read buffer: lines cut between two reads.
        CORPUS.put("head-in-small-writes", new Script(("HTTP/1.1 200 OK\r\nServer: raw\r\nx-lower: case\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n4\r\nsome\r\n0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1), 3,
                false));
        CORPUS.put("head-across-reads", Script.keep("HTTP/1.1 200 OK\r\n" + "X-Kilobyte: kb\r\n".repeat(3)
                + bigHeaders(12, 1_000) + "Content-Length: 3\r\n\r\nbig"));
        // Heads like the one before, line for line or not: what a user's responses look like one after the other.
        String common = "HTTP/1.1 200 OK\r\nServer: raw\r\nDate: Tue, 01 Dec 2026 14:00:00 GMT\r\n";
        CORPUS.put("same-head-1", Script.keep(common + "X-Changing: one\r\nContent-Length: 3\r\n\r\none"));
        CORPUS.put("same-head-2", Script.keep(common + "X-Changing: two\r\nContent-Length: 3\r\n\r\ntwo"));
        CORPUS.put("same-head-3", Script.keep(common + "X-Changing: two\r\nContent-Length: 3\r\n\r\ntwo"));
        CORPUS.put("same-head-4", Script.keep(common + "X-Changing: two\r\nContent-Length: 3\r\nX-More: 1\r\n\r\n"
                + "two"));
        CORPUS.put("same-head-5", Script.keep(common + "X-Changing: two\r\nContent-Length: 3\r\n\r\nfiv"));
        CORPUS.put("same-head-6", Script.keep(common + "Content-Length: 3\r\n\r\nsix"));
    }

    private static String bigHeaders(int count, int length) {
        StringBuilder headers = new StringBuilder();
        for (int i = 0; i < count; i++) {
            headers.append("X-Big-").append(i).append(": ").append(String.valueOf(i % 10).repeat(length)).append("\r\n");
        }
        return headers.toString();
    }

    private static String manyHeaders(int count) {
        StringBuilder headers = new StringBuilder();
        for (int i = 0; i < count; i++) {
            headers.append("X-Header-").append(i).append(": value ").append(i).append("\r\n");
        }
        return headers.toString();
    }

    @BeforeAll
    static void startServer() throws IOException {
        server = new RawServer();
    }

    @AfterAll
    static void stopServer() throws IOException {
        server.close();
    }

    @Test
    void bothTransportsSeeTheSameResponsesAndFailures() {
        for (String name : List.of("httpclient", "lean")) {
            transport = name;
            run(CorpusTestCase.class, on(name, Map.of())).testEvents().assertStatistics(stats -> stats.failed(0));
        }
        Map<String, String> httpClient = new LinkedHashMap<>(SEEN.get("httpclient"));
        Map<String, String> lean = new LinkedHashMap<>(SEEN.get("lean"));
        assertThat(httpClient).containsOnlyKeys(CORPUS.keySet());
        // The one difference kept: a header line longer than HttpClient's 4 KB buffers fails there, and is read here.
        assertThat(httpClient.remove("header-longer-than-4kb"))
                .isEqualTo("0 headers={} body= failure=MessageConstraintException: Maximum line length limit exceeded");
        assertThat(lean.remove("header-longer-than-4kb")).startsWith("200 ").contains("X-Large=[<20000 chars>]")
                .endsWith("body=ok failure=");
        assertThat(lean).isEqualTo(httpClient);
        // The corpus is read right, not only the same way twice.
        assertThat(lean.get("chunked-extensions-trailers")).contains("body=hello, world");
        assertThat(lean.get("body-in-many-writes")).contains("body=" + "0123456789".repeat(400));
        assertThat(lean.get("100-continue")).startsWith("201 ");
        assertThat(lean.get("head")).endsWith("body= failure=");
        assertThat(lean.get("close-delimited")).endsWith("body=until the connection ends failure=");
        assertThat(lean.get("truncated-body")).startsWith("0 ").endsWith("failure=ConnectionClosedException: "
                + "Premature end of Content-Length delimited message body (expected: 100; received: 40)");
    }

    @LoadTest(duration = "5s")
    @Users(count = 1)
    static class CorpusTestCase {

        @TargetHost
        static String host() {
            return "http://127.0.0.1:" + server.port();
        }

        @Task
        void corpus(Http http, VirtualUser user) {
            Map<String, String> seen = new LinkedHashMap<>();
            for (String name : CORPUS.keySet()) {
                HttpResponse response = http.request(name.equals("head") ? "HEAD" : "GET", "/" + name)
                        .timeout(Duration.ofSeconds(5)).send();
                Map<String, List<String>> headers = new TreeMap<>(response.headers());
                // Long values by their length, so a difference reads well.
                headers.replaceAll((header, values) -> values.stream()
                        .map(value -> value.length() > 100 ? "<" + value.length() + " chars>" : value).toList());
                seen.put(name, response.status() + " headers=" + headers + " body="
                        + (response.status() == 0 ? "" : response.body()) + " failure="
                        + response.failure().orElse(""));
            }
            SEEN.put(transport, seen);
            user.stop();
        }
    }

    /** What the server writes for a case: its bytes, in writes of {@code writeSize} bytes, then closes or not. */
    record Script(byte[] bytes, int writeSize, boolean close) {

        static Script keep(String response) {
            return new Script(response.getBytes(StandardCharsets.ISO_8859_1), Integer.MAX_VALUE, false);
        }

        static Script close(String response) {
            return new Script(response.getBytes(StandardCharsets.ISO_8859_1), Integer.MAX_VALUE, true);
        }
    }

    /** Answers each request on a connection with the script its path names, byte for byte. */
    static final class RawServer implements AutoCloseable {

        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());

        RawServer() throws IOException {
            Thread.ofPlatform().daemon().name("raw-server").start(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket connection = socket.accept();
                        Thread.ofVirtual().start(() -> serve(connection));
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
        }

        int port() {
            return socket.getLocalPort();
        }

        private static void serve(Socket connection) {
            try (connection; InputStream in = connection.getInputStream();
                    OutputStream out = connection.getOutputStream()) {
                connection.setTcpNoDelay(true);
                while (true) {
                    String head = head(in);
                    if (head == null) {
                        return;
                    }
                    String path = head.substring(head.indexOf(' ') + 2, head.indexOf(' ', head.indexOf(' ') + 1));
                    Script script = CORPUS.get(path);
                    for (int at = 0; at < script.bytes().length; at += script.writeSize()) {
                        out.write(script.bytes(), at, Math.min(script.writeSize(), script.bytes().length - at));
                        out.flush();
                    }
                    if (script.close()) {
                        return;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // The connection ends.
            }
        }

        /** The request head up to its blank line, or null when the connection ended first. */
        private static String head(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    return null;
                }
                head.write(b);
                matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : b == '\r' ? 1 : 0;
            }
            return head.toString(StandardCharsets.ISO_8859_1);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
