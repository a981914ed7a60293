package dev.junitloadtest.bench;

import java.io.IOException;
import java.net.URI;
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
 * cookies or connections, no names, no checks). Two clients: {@code async} (the async client, each virtual thread
 * blocking on its future, as the engine does) and {@code classic} (the blocking client on virtual threads).
 *
 * <p>{@code java RawLoop async|classic USERS SECONDS URL RESULT_FILE}: appends one line of {@code key=value} figures
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
        } else {
            throw new IllegalArgumentException("mode must be async or classic: " + mode);
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
}
