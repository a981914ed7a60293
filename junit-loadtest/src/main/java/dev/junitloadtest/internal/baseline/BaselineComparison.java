package dev.junitloadtest.internal.baseline;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apiguardian.api.API;

import dev.junitloadtest.internal.config.ConfigurationParameters;
import dev.junitloadtest.result.Formats;
import dev.junitloadtest.result.LatencyDistribution;
import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.result.RequestStats;
import dev.junitloadtest.result.ThresholdResult;

/**
 * Compares a run with its class's baseline, request by request, as verdicts beside the thresholds': p50, p95 and p99,
 * throughput and failure rate, each with both figures and the change.
 *
 * <p>The rule, and why: a figure regressed only when its change is larger than each of three things that are not a
 * regression. The relative {@code tolerance} absorbs the run-to-run drift no single run can measure (another tenant on
 * the machine, JIT, GC, a warmer cache); the absolute {@code floor} keeps a sub-millisecond latency from regressing
 * "50%" over half a millisecond; and the sampling error of both runs keeps a percentile of few requests from
 * flagging by chance: the distribution-free 95% confidence interval of each run's percentile (between the order
 * statistics of ranks {@code n·q ∓ 1.96·√(n·q·(1−q))}, read from its histogram) must not overlap. For the failure rate
 * the same role is played by a two-proportion z-test at 1.96. Immutable. Internal.
 */
@API(status = INTERNAL, since = "0.1")
public final class BaselineComparison {

    /** The percentiles compared, per request. */
    public static final List<Double> PERCENTILES = List.of(50.0, 95.0, 99.0);

    /** The expression of the verdict on a request that only one of the two runs has. */
    static final String REQUEST = "request vs baseline";

    private static final double Z = 1.96;

    private final BaselineRun baseline;
    private final Tolerance tolerance;

    BaselineComparison(BaselineRun baseline, Tolerance tolerance) {
        this.baseline = baseline;
        this.tolerance = tolerance;
    }

    /**
     * The comparison {@code testClass} asks for with {@code @Baseline} or {@code loadtest.baseline}, its file read;
     * empty when it asks for none.
     *
     * @throws dev.junitloadtest.internal.config.LoadTestConfigurationException if the file is missing, unreadable
     *     or of another class, or a tolerance is malformed
     */
    public static Optional<BaselineComparison> read(Class<?> testClass, ConfigurationParameters parameters) {
        return new BaselineReader(testClass, parameters).read();
    }

    /** The baseline run. */
    public BaselineRun baseline() {
        return baseline;
    }

    /**
     * A warning for each way the baseline's load profile differs from {@code result}'s: its load model (users,
     * stages, rate, duration, in words) and its host. Figures of two loads differ for the load as much as for the
     * build, so the verdicts stand but may mislead. A loopback host's port is left out: a target started by the test
     * picks a new one each run.
     */
    public List<String> profileDifferences(LoadTestResult result) {
        List<String> differences = new ArrayList<>();
        String model = result.profile().loadModel();
        if (!baseline.loadModel().isEmpty() && !baseline.loadModel().equals(model)) {
            differences.add("load model '" + baseline.loadModel() + "' in the baseline, '" + model + "' here");
        }
        String host = result.profile().host();
        if (!baseline.host().isEmpty() && !host.isEmpty() && !sameHost(baseline.host(), host)) {
            differences.add("host " + baseline.host() + " in the baseline, " + host + " here");
        }
        if (differences.isEmpty()) {
            return List.of();
        }
        return List.of("The baseline " + baseline.file() + " ran another load profile: " + String.join("; ",
                differences) + ". Its figures compare two loads as much as two builds; save a new baseline for "
                + "this profile (loadtest.baseline.save), or run the baseline's.");
    }

    private static boolean sameHost(String before, String now) {
        return withoutLoopbackPort(before).equals(withoutLoopbackPort(now));
    }

    private static String withoutLoopbackPort(String host) {
        return host.replaceFirst("^(https?://(?:127\\.0\\.0\\.1|localhost|\\[::1\\])):\\d+", "$1");
    }

    /**
     * The verdicts on {@code result} against the baseline: per request of both runs, by name, p50, p95, p99,
     * throughput and failure rate; a failed one per request of the baseline the run did not record, and a passed one,
     * saying it was not compared, per request the baseline lacks.
     */
    public List<ThresholdResult> compare(LoadTestResult result) {
        List<ThresholdResult> verdicts = new ArrayList<>();
        for (BaselineRun.Request before : baseline.requests()) {
            Optional<RequestStats> now = result.requests().stream().filter(r -> r.key().equals(before.key()))
                    .findFirst();
            if (now.isEmpty()) {
                verdicts.add(new ThresholdResult(REQUEST, before.key(), false, before.key() + " was in the baseline ("
                        + Formats.count(before.count()) + " requests) but this run recorded none, so it cannot be "
                        + "compared; save a new baseline if it was removed on purpose"));
                continue;
            }
            RequestStats stats = now.get();
            for (double percentile : PERCENTILES) {
                verdicts.add(latency(before, stats, percentile));
            }
            verdicts.add(throughput(before, stats));
            verdicts.add(failureRate(before, stats));
        }
        for (RequestStats stats : result.requests()) {
            if (baseline.request(stats.key()).isEmpty()) {
                verdicts.add(new ThresholdResult(REQUEST, stats.key(), true, stats.key() + " is not in the baseline, "
                        + "so it was not compared (this run: " + Formats.count(stats.count()) + " requests); save a "
                        + "new baseline to compare it from now on"));
            }
        }
        return verdicts;
    }

    private ThresholdResult latency(BaselineRun.Request before, RequestStats now, double percentile) {
        String metric = "p" + (long) percentile;
        LatencyDistribution was = before.responseTimes();
        LatencyDistribution is = now.responseTimes();
        double b = Formats.millisValue(was.percentile(percentile));
        double c = Formats.millisValue(is.percentile(percentile));
        String figures = Formats.decimal(b) + " -> " + Formats.decimal(c) + " ms, tolerance " + percent(tolerance
                .relative());
        String subject = metric + " of " + now.key();
        double change = b == 0 ? (c == 0 ? 0 : Double.POSITIVE_INFINITY) : (c - b) / b;
        double[] wasInterval = interval(was, percentile);
        double[] isInterval = interval(is, percentile);
        boolean beyondRelative = change > tolerance.relative();
        boolean beyondFloor = c - b > Formats.millisValue(tolerance.floor());
        boolean beyondSampling = isInterval[0] > wasInterval[1];
        String actual = Formats.decimal(c) + " ms";
        if (beyondRelative && beyondFloor && beyondSampling) {
            return verdict(metric, now, false, subject + " regressed " + percent(change) + " against the baseline, "
                    + figures, actual);
        }
        String message = subject + " changed " + signed(change) + " against the baseline, " + figures;
        if (beyondRelative && !beyondFloor) {
            message += ", but by " + Formats.decimal(c - b) + " ms, within the " + Formats.millis(tolerance.floor())
                    + " floor";
        } else if (beyondRelative) {
            message += ", but within sampling error (95% intervals " + Formats.decimal(wasInterval[0]) + "-"
                    + Formats.decimal(wasInterval[1]) + " and " + Formats.decimal(isInterval[0]) + "-"
                    + Formats.decimal(isInterval[1]) + " ms, n=" + Formats.count(was.count()) + " and "
                    + Formats.count(is.count()) + ")";
        }
        return verdict(metric, now, true, message, actual);
    }

    private ThresholdResult throughput(BaselineRun.Request before, RequestStats now) {
        double b = before.throughput();
        double c = now.throughput();
        double change = b == 0 ? 0 : (c - b) / b;
        String figures = Formats.perSecond(b) + " -> " + Formats.perSecond(c) + ", tolerance "
                + percent(tolerance.relative());
        boolean regressed = -change > tolerance.relative();
        return verdict("rps", now, !regressed, "rps of " + now.key() + (regressed ? " regressed " + percent(-change)
                : " changed " + signed(change)) + " against the baseline, " + figures, Formats.perSecond(c));
    }

    private ThresholdResult failureRate(BaselineRun.Request before, RequestStats now) {
        double b = before.failureRate();
        double c = now.failureRate();
        double points = (c - b) * 100;
        String figures = Formats.percent(b) + " -> " + Formats.percent(c) + " (" + Formats.count(now.failures())
                + " of " + Formats.count(now.count()) + " failed), tolerance " + points(tolerance.failureRatePoints()
                * 100);
        boolean beyondTolerance = c - b > tolerance.failureRatePoints();
        boolean beyondSampling = significant(before.failures(), before.count(), now.failures(), now.count());
        String subject = "failure_rate of " + now.key();
        if (beyondTolerance && beyondSampling) {
            return verdict("failure_rate", now, false, subject + " regressed " + points(points)
                    + " against the baseline, " + figures, Formats.percent(c));
        }
        return verdict("failure_rate", now, true, subject + " changed " + (points >= 0 ? "+" : "-") + points(points)
                + " against the baseline, " + figures + (beyondTolerance ? ", but within sampling error (n="
                        + Formats.count(before.count()) + " and " + Formats.count(now.count()) + ")" : ""),
                Formats.percent(c));
    }

    /** Whether a rise from {@code f1} of {@code n1} failed to {@code f2} of {@code n2} is more than chance. */
    private static boolean significant(long f1, long n1, long f2, long n2) {
        double pooled = (double) (f1 + f2) / (n1 + n2);
        double error = Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
        double rise = (double) f2 / n2 - (double) f1 / n1;
        return error == 0 ? rise > 0 : rise / error > Z;
    }

    /**
     * The distribution-free 95% confidence interval of {@code percentile}, in ms: the values of the order statistics
     * around its rank, as the histogram holds them.
     */
    static double[] interval(LatencyDistribution latencies, double percentile) {
        long n = latencies.count();
        double q = percentile / 100;
        double spread = Z * Math.sqrt(n * q * (1 - q));
        long low = Math.max(1, (long) Math.floor(n * q - spread));
        long high = Math.min(n, (long) Math.ceil(n * q + spread));
        return new double[] {Formats.millisValue(latencies.percentile(100.0 * low / n)),
                Formats.millisValue(latencies.percentile(Math.min(100, 100.0 * high / n)))};
    }

    private static ThresholdResult verdict(String metric, RequestStats now, boolean passed, String message,
            String actual) {
        return new ThresholdResult(metric + " vs baseline", now.key(), passed, message, "", actual);
    }

    /** A change for people: {@code 38%}, {@code 4.2%}. */
    static String percent(double fraction) {
        double value = Math.abs(fraction * 100);
        if (Double.isInfinite(value)) {
            return "∞%";
        }
        return value >= 10 ? String.format(Locale.ROOT, "%.0f%%", value) : Formats.decimal(
                new BigDecimal(String.format(Locale.ROOT, "%.1f", value))) + "%";
    }

    private static String signed(double fraction) {
        return (fraction < 0 ? "-" : "+") + percent(fraction);
    }

    private static String points(double points) {
        String text = Formats.decimal(new BigDecimal(String.format(Locale.ROOT, "%.2f", Math.abs(points))));
        return text + (text.equals("1") ? " point" : " points");
    }
}
