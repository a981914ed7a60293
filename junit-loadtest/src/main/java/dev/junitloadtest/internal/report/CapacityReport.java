package dev.junitloadtest.internal.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apiguardian.api.API;

import dev.junitloadtest.result.Capacity;
import dev.junitloadtest.result.CapacityStep;
import dev.junitloadtest.result.Formats;

/**
 * A capacity search's outputs, the same figures in each: the console's step table, the {@code capacity} object of
 * {@code summary.json} and {@code capacity.csv}, and the wording of the knee and of each step's verdict, which the
 * HTML report shares. Each step's figures are those of its judged part. Internal.
 */
@API(status = INTERNAL, since = "0.1")
public final class CapacityReport {

    static final List<String> CSV_COLUMNS = List.of("Step", "Users", "Judged From (s)", "Judged To (s)", "Requests",
            "Failures", "Failure Rate", "Requests/s", "p50 (ms)", "p95 (ms)", "p99 (ms)", "Verdict", "Breaches", "Arrival Rate (it/s)", "Narrowing");

    private CapacityReport() {
    }

    /** The console section: the capacity in words, then one row per step with its verdict. */
    static String console(Capacity capacity, String nl) {
        TextTable table = new TextTable().number("Step").number(capacity.byArrivalRate() ? "it/s" : "Users").group().number("# reqs").number("# fails")
                .group().number("req/s").number("p50").number("p95").number("p99").group().text("Verdict");
        for (CapacityStep step : capacity.steps()) {
            table.row(List.of(Integer.toString(step.number()), load(step),
                    Formats.count(step.requests()), Formats.count(step.failures()) + " ("
                            + Formats.percent(step.failureRate(), 2) + ")",
                    String.format(Locale.ROOT, "%,.2f", step.requestsPerSecond()),
                    latency(step, step.p50()), latency(step, step.p95()), latency(step, step.p99()),
                    verdict(capacity, step)));
        }
        return "Capacity: " + capacity.describe() + nl + "Budgets: " + String.join(", ", capacity.budgets())
                + "; knee: " + knee(capacity) + nl + table.render()
                + "Each step judged after its warm-up; response times in milliseconds." + nl;
    }

    /** A step's load as a table shows it: its users, or its iterations per second. */
    public static String load(CapacityStep step) {
        return step.arrivalRate().isPresent() ? Formats.compact(step.arrivalRate().getAsDouble())
                : Formats.count(step.users());
    }

    /** The knee in words: {@code 60 users (p95 above 1.5 x the first step's)}. */
    public static String knee(Capacity capacity) {
        return capacity.knee().map(step -> step.describeLoad() + " (p95 " + Formats.readableMillis(step.p95())
                + " ms, above " + Formats.compact(capacity.kneeFactor()) + " x the first step's)")
                .orElse("none (no step's p95 above " + Formats.compact(capacity.kneeFactor())
                        + " x the first step's)");
    }

    /** A step's verdict: {@code held}, {@code CAPACITY}, {@code BROKE}, {@code broke (noise)}. */
    public static String verdict(Capacity capacity, CapacityStep step) {
        if (capacity.held().filter(step::equals).isPresent()) {
            return "held: CAPACITY";
        }
        if (step.narrowing()) {
            return step.held() ? "held (narrowing)" : "broke (narrowing)";
        }
        if (step.held()) {
            return "held";
        }
        if (capacity.breach().filter(step::equals).isPresent()) {
            return capacity.outcome() == Capacity.Outcome.LIMIT_FOUND ? "BROKE (confirmed)" : "BROKE (unconfirmed)";
        }
        return capacity.breach().map(b -> b.number() < step.number()).orElse(false) ? "broke (confirms)"
                : "broke (noise: a later step held)";
    }

    /** The {@code capacity} object of {@code summary.json}. */
    static Map<String, Object> json(Capacity capacity) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("outcome", capacity.outcome().name());
        json.put("users", capacity.users());
        json.put("arrivalRate", capacity.byArrivalRate() ? capacity.arrivalRate() : null);
        json.put("requestsPerSecond", capacity.requestsPerSecond());
        json.put("description", capacity.describe());
        json.put("budgets", capacity.budgets());
        json.put("heldStep", capacity.held().map(CapacityStep::number).orElse(null));
        json.put("breachStep", capacity.breach().map(CapacityStep::number).orElse(null));
        json.put("kneeStep", capacity.knee().map(CapacityStep::number).orElse(null));
        json.put("kneeFactor", capacity.kneeFactor());
        List<Object> steps = new ArrayList<>();
        for (CapacityStep step : capacity.steps()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("number", step.number());
            s.put("users", step.users());
            s.put("arrivalRate", step.arrivalRate().isPresent() ? step.arrivalRate().getAsDouble() : null);
            s.put("narrowing", step.narrowing());
            s.put("judgedFromSeconds", seconds(step.judgedFrom()));
            s.put("judgedToSeconds", seconds(step.judgedTo()));
            s.put("requests", step.requests());
            s.put("failures", step.failures());
            s.put("failureRate", step.failureRate());
            s.put("requestsPerSecond", step.requestsPerSecond());
            s.put("p50Ms", Formats.millisValue(step.p50()));
            s.put("p95Ms", Formats.millisValue(step.p95()));
            s.put("p99Ms", Formats.millisValue(step.p99()));
            s.put("held", step.held());
            s.put("verdict", verdict(capacity, step));
            s.put("breaches", step.breaches());
            steps.add(s);
        }
        json.put("steps", steps);
        return json;
    }

    /** Writes {@code capacity.csv}: one row per step, in the CSV dialect of the other files. */
    static void writeCsv(Path file, Capacity capacity) throws IOException {
        try (CsvWriter csv = CsvWriter.create(file)) {
            csv.row(CSV_COLUMNS);
            for (CapacityStep step : capacity.steps()) {
                csv.row(List.of(Integer.toString(step.number()), Integer.toString(step.users()),
                        Formats.seconds(step.judgedFrom()), Formats.seconds(step.judgedTo()),
                        Long.toString(step.requests()), Long.toString(step.failures()),
                        Formats.sixDecimals(step.failureRate()), Formats.sixDecimals(step.requestsPerSecond()),
                        Formats.plainMillis(step.p50()), Formats.plainMillis(step.p95()),
                        Formats.plainMillis(step.p99()), verdict(capacity, step), String.join("; ",
                                step.breaches()), step.arrivalRate().isPresent()
                                        ? Formats.sixDecimals(step.arrivalRate().getAsDouble()) : "",
                        Boolean.toString(step.narrowing())));
            }
        }
    }

    private static String latency(CapacityStep step, Duration latency) {
        return step.requests() == 0 ? "-" : Formats.readableMillis(latency);
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
