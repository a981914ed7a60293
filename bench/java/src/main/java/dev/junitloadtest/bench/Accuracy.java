package dev.junitloadtest.bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import dev.junitloadtest.result.LatencyDistribution;
import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.result.RequestStats;

/**
 * The accuracy benchmark: (1) against fixed delays, the reported percentiles beside the delay the server really held
 * each request; (2) against a one-second stall under an open-model arrival rate, the corrected response times and
 * the plain service times beside what an ideal coordinated-omission-free measurement (wrk2's model) gives.
 *
 * <p>{@code java Accuracy RESULT_FILE [delays in ms...]}: writes a Markdown table to RESULT_FILE and stdout.
 */
public final class Accuracy {

    private static final double[] PERCENTILES = {50, 90, 95, 99, 99.9, 100};

    private Accuracy() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        long[] delays = args.length > 1 ? Arrays.stream(args, 1, args.length).mapToLong(Long::parseLong).toArray()
                : new long[] {10, 100, 1000, 5000};
        StringBuilder text = new StringBuilder();
        text.append("Fixed delays (closed model, 10 users, 10-15 s; \"held\" is how long the server really held each "
                + "request, measured by the server):\n\n| delay | n | held p50 / p99 / max | reported min | p50 | p99 "
                + "| max | p50 - held p50 | p99 - held p99 |\n|---|---|---|---|---|---|---|---|---|\n");
        try (DelayServer server = new DelayServer(4000, 1000)) {
            String host = server.baseUri().toString();
            for (long delay : delays) {
                System.setProperty("bench.delay-ms", String.valueOf(delay));
                server.held();
                LoadTestResult result = run(AccuracyLoadTests.FixedDelay.class, Map.of("loadtest.host", host,
                        "loadtest.duration", delay >= 1000 ? "15s" : "10s"));
                Histogram held = server.held();
                RequestStats stats = result.total();
                double heldP50 = held.getValueAtPercentile(50) / 1000.0;
                double heldP99 = held.getValueAtPercentile(99) / 1000.0;
                text.append(String.format(Locale.ROOT, "| %d ms | %d | %.3f / %.3f / %.3f ms | %.3f ms | %.3f ms "
                        + "| %.3f ms | %.3f ms | %+.3f ms | %+.3f ms |%n", delay, stats.count(), heldP50, heldP99,
                        held.getMaxValue() / 1000.0, ms(stats.min()), ms(stats.percentile(50)),
                        ms(stats.percentile(99)), ms(stats.max()), ms(stats.percentile(50)) - heldP50,
                        ms(stats.percentile(99)) - heldP99));
            }

            LoadTestResult stall = run(AccuracyLoadTests.Stall.class, Map.of("loadtest.host", host));
            RequestStats op = stall.total();
            text.append("\nA one-second stall 4 s into a 10 s open-model run (`@ArrivalRate(value = 100, maxUsers = 4)`"
                    + "), n = ").append(op.count()).append(", dropped = ").append(stall.droppedIterations())
                    .append(":\n\n| | p50 | p90 | p95 | p99 | p99.9 | max |\n|---|---|---|---|---|---|---|\n");
            text.append(row("response times (corrected)", op.responseTimes()));
            text.append(row("service times", op.serviceTimes()));
            text.append(theory(op.count(), 100, 4.0, 1.0, ms(op.serviceTimes().percentile(50))));
        }
        System.out.print(text);
        Files.writeString(out, text, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /**
     * An ideal corrected measurement: iterations intended every 1/rate s; one intended during the stall waits until
     * its end, so its latency is the rest of the stall plus the normal service time.
     */
    private static String theory(long count, int rate, double stallAt, double stallSeconds, double serviceMillis) {
        Histogram ideal = new Histogram(3);
        for (long i = 0; i < count; i++) {
            double intended = (double) i / rate;
            double wait = intended >= stallAt && intended < stallAt + stallSeconds ? stallAt + stallSeconds - intended
                    : 0;
            ideal.recordValue((long) ((wait * 1000 + serviceMillis) * 1000));
        }
        StringBuilder row = new StringBuilder("| ideal corrected (wrk2's model) |");
        for (double p : PERCENTILES) {
            row.append(String.format(Locale.ROOT, " %.1f ms |", ideal.getValueAtPercentile(p) / 1000.0));
        }
        return row.append('\n').toString();
    }

    private static String row(String what, LatencyDistribution distribution) {
        StringBuilder row = new StringBuilder("| ").append(what).append(" |");
        for (double p : PERCENTILES) {
            row.append(String.format(Locale.ROOT, " %.1f ms |", ms(distribution.percentile(p))));
        }
        return row.append('\n').toString();
    }

    private static double ms(Duration duration) {
        return duration.toNanos() / 1e6;
    }

    private static LoadTestResult run(Class<?> testClass, Map<String, String> parameters) {
        AccuracyLoadTests.LAST.set(null);
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(testClass)).configurationParameters(parameters)
                .configurationParameter("loadtest.console.interval", "0")
                .configurationParameter("loadtest.report-files", "false").build();
        LauncherFactory.create().execute(request);
        LoadTestResult result = AccuracyLoadTests.LAST.get();
        if (result == null) {
            throw new IllegalStateException(testClass.getSimpleName() + " produced no result");
        }
        return result;
    }
}
