package dev.junitloadtest.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.reactor.IOReactorConfig;

/**
 * The baseline junit-loadtest is built on: N virtual threads, each sending GET requests in a loop through Apache
 * HttpClient 5 and recording every latency into one HdrHistogram {@link Recorder}, with nothing else (no per-user
 * cookies or connections, no names, no checks). Three clients: {@code async} (the async client, each virtual thread
 * blocking on its future, as the engine's HttpClient transport does), {@code classic} (the blocking client on virtual
 * threads), and {@code socket}: the floor under the lean transport, each virtual thread with its own blocking
 * {@link Socket} kept alive, one pre-encoded {@code GET}, and a minimal response parser (status line, headers,
 * Content-Length or chunked body), with no timeouts, no cookies, nothing kept of the response.
 *
 * <p>{@code java RawLoop async|classic|socket USERS SECONDS URL RESULT_FILE}: appends one line of {@code key=value} figures
 * to RESULT_FILE.
 */
public final class RawLoop {

    private RawLoop() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int users = Integer.parseInt(args[1]);
        long durationNanos = (long) (Double.parseDouble(args[2]) * 1e9);
        URI uri = URI.create(args[3]);
        Path out = Path.of(args[4]);

        Recorder recorder = new Recorder(3);
        LongAdder errors = new LongAdder();
        Histogram total = new Histogram(3);
        long start = System.nanoTime();
        long deadline = start + durationNanos;
        List<Thread> threads = new ArrayList<>();
        AutoCloseable client;
        if (mode.equals("async")) {
            CloseableHttpAsyncClient async = HttpAsyncClients.custom()
                    .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                            .setMaxConnTotal(users).setMaxConnPerRoute(users)
                            .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX).build())
                    .setIOReactorConfig(IOReactorConfig.custom().setTcpNoDelay(true).build())
                    .disableAutomaticRetries()
                    .build();
            async.start();
            client = () -> async.close(CloseMode.IMMEDIATE);
            for (int i = 0; i < users; i++) {
                threads.add(Thread.ofVirtual().start(() -> {
                    while (System.nanoTime() < deadline) {
                        long t0 = System.nanoTime();
                        try {
                            SimpleHttpRequest request = SimpleRequestBuilder.get(uri).build();
                            SimpleHttpResponse response = async.execute(request, null).get();
                            if (response.getCode() >= 400) {
                                errors.increment();
                            }
                        } catch (Exception e) {
                            errors.increment();
                        }
                        recorder.recordValue((System.nanoTime() - t0) / 1000);
                    }
                }));
            }
        } else if (mode.equals("classic")) {
            CloseableHttpClient classic = HttpClients.custom()
                    .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                            .setMaxConnTotal(users).setMaxConnPerRoute(users)
                            .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX).build())
                    .disableAutomaticRetries()
                    .build();
            client = classic;
            for (int i = 0; i < users; i++) {
                threads.add(Thread.ofVirtual().start(() -> {
                    while (System.nanoTime() < deadline) {
                        long t0 = System.nanoTime();
                        try {
                            int code = classic.execute(new HttpGet(uri), response -> {
                                EntityUtils.consume(response.getEntity());
                                return response.getCode();
                            });
                            if (code >= 400) {
                                errors.increment();
                            }
                        } catch (IOException e) {
                            errors.increment();
                        }
                        recorder.recordValue((System.nanoTime() - t0) / 1000);
                    }
                }));
            }
        } else if (mode.equals("socket")) {
            int port = uri.getPort() >= 0 ? uri.getPort() : 80;
            byte[] get = ("GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + port
                    + "\r\nUser-Agent: raw\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
            List<Socket> sockets = new ArrayList<>();
            client = () -> {
                synchronized (sockets) {
                    for (Socket socket : sockets) {
                        socket.close();
                    }
                }
            };
            for (int i = 0; i < users; i++) {
                threads.add(Thread.ofVirtual().start(() -> {
                    Socket socket = null;
                    byte[] buffer = new byte[8192];
                    while (System.nanoTime() < deadline) {
                        long t0 = System.nanoTime();
                        try {
                            if (socket == null) {
                                socket = new Socket(uri.getHost(), port);
                                socket.setTcpNoDelay(true);
                                synchronized (sockets) {
                                    sockets.add(socket);
                                }
                            }
                            socket.getOutputStream().write(get);
                            if (MinimalResponse.read(socket.getInputStream(), buffer) >= 400) {
                                errors.increment();
                            }
                        } catch (IOException e) {
                            errors.increment();
                            try {
                                if (socket != null) {
                                    socket.close();
                                }
                            } catch (IOException ignored) {
                                // closing anyway
                            }
                            socket = null;
                        }
                        recorder.recordValue((System.nanoTime() - t0) / 1000);
                    }
                }));
            }
        } else {
            throw new IllegalArgumentException("mode must be async, classic or socket: " + mode);
        }
        // Sample once a second as the engine's sampler does, so the recorder's swap cost is part of the baseline.
        Histogram interval = null;
        while (System.nanoTime() < deadline) {
            Thread.sleep(Math.max(1, Math.min(1000, (deadline - System.nanoTime()) / 1_000_000)));
            interval = recorder.getIntervalHistogram(interval);
            total.add(interval);
            System.err.printf(Locale.ROOT, "%.1f s: %d requests%n", (System.nanoTime() - start) / 1e9,
                    interval.getTotalCount());
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        total.add(recorder.getIntervalHistogram());
        client.close();
        String line = String.format(Locale.ROOT, "requests=%d errors=%d seconds=%.3f p50_ms=%.3f p99_ms=%.3f%n",
                total.getTotalCount(), errors.sum(), elapsed, total.getValueAtPercentile(50) / 1000.0,
                total.getValueAtPercentile(99) / 1000.0);
        Files.writeString(out, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.out.print(line);
    }

    /** The least a client must do to read one response from a kept-alive connection. */
    private static final class MinimalResponse {

        private MinimalResponse() {
        }

        /** Reads one response into {@code buffer} (its head must fit); returns its status. */
        static int read(InputStream in, byte[] buffer) throws IOException {
            int limit = 0;
            int headEnd = -1;
            while (headEnd < 0) {
                int n = in.read(buffer, limit, buffer.length - limit);
                if (n < 0) {
                    throw new IOException("closed");
                }
                int from = Math.max(0, limit - 3);
                limit += n;
                for (int i = from; i + 3 < limit; i++) {
                    if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n') {
                        headEnd = i + 4;
                        break;
                    }
                }
            }
            int status = (buffer[9] - '0') * 100 + (buffer[10] - '0') * 10 + (buffer[11] - '0');
            long length = -1;
            boolean chunked = false;
            for (int line = indexOf(buffer, 0, headEnd) + 1; line < headEnd - 2; line = indexOf(buffer, line, headEnd) + 1) {
                if (startsWithIgnoreCase(buffer, line, "content-length:")) {
                    length = 0;
                    for (int i = line + 15; buffer[i] != '\r'; i++) {
                        if (buffer[i] != ' ') {
                            length = length * 10 + buffer[i] - '0';
                        }
                    }
                } else if (startsWithIgnoreCase(buffer, line, "transfer-encoding: chunked")) {
                    chunked = true;
                }
            }
            if (chunked) {
                // Bodies are discarded: read until the last chunk's end (enough for the bench's targets).
                while (!endsWith(buffer, limit, "0\r\n\r\n")) {
                    int n = in.read(buffer, 0, buffer.length);
                    if (n < 0) {
                        throw new IOException("closed");
                    }
                    limit = n;
                }
                return status;
            }
            long left = length - (limit - headEnd);
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new IOException("closed");
                }
                left -= n;
            }
            return status;
        }

        private static int indexOf(byte[] buffer, int from, int to) {
            for (int i = from; i < to; i++) {
                if (buffer[i] == '\n') {
                    return i;
                }
            }
            return to;
        }

        private static boolean startsWithIgnoreCase(byte[] buffer, int at, String prefix) {
            for (int i = 0; i < prefix.length(); i++) {
                if (Character.toLowerCase((char) buffer[at + i]) != prefix.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        private static boolean endsWith(byte[] buffer, int limit, String suffix) {
            if (limit < suffix.length()) {
                return false;
            }
            for (int i = 0; i < suffix.length(); i++) {
                if (buffer[limit - suffix.length() + i] != suffix.charAt(i)) {
                    return false;
                }
            }
            return true;
        }
    }
}
