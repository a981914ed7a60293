package dev.junitloadtest.internal.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import dev.junitloadtest.LoadTestVerdicts;
import dev.junitloadtest.result.Capacity;
import dev.junitloadtest.result.CapacityStep;
import dev.junitloadtest.result.ExceptionStats;
import dev.junitloadtest.result.FailureStats;
import dev.junitloadtest.result.Formats;
import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.result.RequestStats;
import dev.junitloadtest.result.ThresholdResult;

/**
 * The end of a run as one Markdown section, for {@code summary.md} and GitHub Actions' job summary
 * ({@code $GITHUB_STEP_SUMMARY}), where several load test classes of one job each append theirs: a heading with the
 * class and its verdict, the headline figures, the verdict on each threshold with its figures, a capacity search's steps, the statistics per
 * request, the most frequent failures, the load generator's health, warnings, the stop reason and where the files
 * are. Figures read as on the console ({@link Figures}). Text from the run (request names, messages) is escaped so it
 * can neither break a table nor turn into markup; it is already masked of secrets. Internal.
 */
final class MarkdownSummary {

    /** At most this many rows in the requests and failures tables; the files hold them all. */
    static final int MAX_ROWS = 50;

    private static final String NL = "\n";

    private MarkdownSummary() {
    }

    /**
     * The summary of {@code result}, ending with a blank line so sections appended one after another stay apart.
     *
     * @param directory the directory the files went to, or null when none were written
     * @param files the names of the files written there
     */
    static String render(LoadTestResult result, Path directory, List<String> files) {
        StringBuilder out = new StringBuilder();
        heading(out, result);
        thresholds(out, result.thresholds());
        result.capacity().ifPresent(capacity -> capacity(out, capacity));
        requests(out, result);
        failures(out, result.failures());
        out.append(NL).append("**Load generator:** ").append(result.generatorHealth().isMeasured()
                ? text(result.generatorHealth().summary()) : "not measured").append(NL);
        if (!result.warnings().isEmpty()) {
            out.append(NL).append("**Warnings**").append(NL).append(NL);
            result.warnings().forEach(warning -> out.append("- ").append(text(warning)).append(NL));
        }
        out.append(NL);
        if (directory == null || files.isEmpty()) {
            out.append("**Files:** none written.").append(NL);
        } else {
            out.append("**Files** in `").append(directory.toAbsolutePath()).append("`: ")
                    .append(String.join(", ", files.stream().map(file -> "`" + file + "`").toList())).append('.')
                    .append(NL);
        }
        return out.append(NL).toString();
    }

    private static void heading(StringBuilder out, LoadTestResult result) {
        List<ThresholdResult> thresholds = result.thresholds();
        long failed = thresholds.stream().filter(verdict -> !verdict.passed()).count();
        // A run that ended early or failed on the generator's side failed, whatever its thresholds say.
        boolean runFailed = LoadTestVerdicts.Verdicts.runFailed(result);
        String verdict = failed > 0 || runFailed ? "❌ FAILED" : thresholds.isEmpty() ? "COMPLETED" : "✅ PASSED";
        out.append("## ").append(text(result.profile().testName())).append(": ").append(verdict).append(NL)
                .append(NL);
        if (!thresholds.isEmpty()) {
            out.append(failed > 0 ? failed + " of " + thresholds.size() + " thresholds failed. "
                    : "All " + thresholds.size() + " thresholds passed. ");
        }
        RequestStats total = result.total();
        out.append(Formats.count(total.count())).append(" requests, ").append(ConsoleSummary.failures(total))
                .append(" failed, in ")
                .append(String.format(Locale.ROOT, "%.2f s", result.elapsed().toNanos() / 1e9)).append(" (")
                .append(text(result.profile().loadModel()));
        if (!result.profile().host().isEmpty()) {
            out.append(" against ").append(text(result.profile().host()));
        }
        out.append(").").append(NL);
        long exceptions = result.exceptions().stream().mapToLong(ExceptionStats::count).sum();
        if (exceptions > 0) {
            out.append(NL).append("Task code threw ").append(Formats.count(exceptions))
                    .append(" exception(s); see `exceptions.csv`.").append(NL);
        }
        if (result.notSentCount() > 0) {
            out.append(NL).append("Not sent by the load generator (in no figure above): ")
                    .append(Formats.count(result.notSentCount())).append('.').append(NL).append(NL);
            result.notSent().forEach((reason, count) -> out.append("- ").append(Formats.count(count)).append(" × ")
                    .append(text(reason)).append(NL));
        }
        if (result.droppedIterations() > 0) {
            out.append(NL).append("Dropped iterations: ").append(Formats.count(result.droppedIterations()))
                    .append(" could not start because every user was busy.").append(NL);
        }
        result.stopReason().ifPresent(reason -> out.append(NL).append("**Stopped early:** ").append(text(reason))
                .append(NL));
        if (!result.runFailures().isEmpty()) {
            out.append(NL).append("**Run failed** (the figures do not describe the load asked for):").append(NL)
                    .append(NL);
            result.runFailures().forEach(failure -> out.append("- ").append(text(failure)).append(NL));
        }
    }

    private static void thresholds(StringBuilder out, List<ThresholdResult> thresholds) {
        if (thresholds.isEmpty()) {
            return;
        }
        out.append(NL).append("| Verdict | Threshold | Figures |").append(NL).append("|---|---|---|").append(NL);
        for (ThresholdResult threshold : thresholds) {
            row(out, threshold.passed() ? "✅ passed" : "❌ failed", code(threshold.displayName()),
                    text(threshold.message()));
        }
    }

    /** A capacity search's result: the capacity in words, the budgets and the knee, then one row per step. */
    private static void capacity(StringBuilder out, Capacity capacity) {
        out.append(NL).append("**Capacity:** ").append(text(capacity.describe())).append(NL).append(NL)
                .append("Budgets: ").append(String.join(", ", capacity.budgets().stream().map(MarkdownSummary::code)
                        .toList())).append("; knee: ").append(text(CapacityReport.knee(capacity))).append('.')
                .append(NL).append(NL).append("| Step | ").append(capacity.byArrivalRate() ? "Iterations/s" : "Users")
                .append(" | Requests | Failure % | req/s | p50 ms | p95 ms | p99 ms | Verdict |").append(NL)
                .append("|--:|--:|--:|--:|--:|--:|--:|--:|---|").append(NL);
        for (CapacityStep step : capacity.steps()) {
            boolean none = step.requests() == 0;
            row(out, Integer.toString(step.number()), CapacityReport.load(step), Formats.count(step.requests()),
                    Formats.percent(step.failureRate(), 2),
                    String.format(Locale.ROOT, "%,.2f", step.requestsPerSecond()),
                    none ? "-" : Formats.readableMillis(step.p50()), none ? "-" : Formats.readableMillis(step.p95()),
                    none ? "-" : Formats.readableMillis(step.p99()), text(CapacityReport.verdict(capacity, step)));
        }
    }

    private static void requests(StringBuilder out, LoadTestResult result) {
        out.append(NL).append("| Type | Name | Requests | Failures | Failure % | p50 ms | p95 ms | p99 ms | req/s |")
                .append(NL).append("|---|---|--:|--:|--:|--:|--:|--:|--:|").append(NL);
        List<RequestStats> requests = result.requests();
        requests.stream().limit(MAX_ROWS).forEach(stats -> request(out, text(stats.method()), text(stats.name()),
                stats));
        request(out, "", "**Aggregated**", result.total());
        if (requests.size() > MAX_ROWS) {
            out.append(NL).append(requests.size() - MAX_ROWS).append(" more request names are in `stats.csv`.")
                    .append(NL);
        }
    }

    private static void request(StringBuilder out, String method, String name, RequestStats stats) {
        boolean none = stats.count() == 0;
        row(out, method, name, Formats.count(stats.count()), Formats.count(stats.failures()),
                Formats.percent(stats.failureRate(), 2),
                none ? "-" : Formats.readableMillis(stats.median()),
                none ? "-" : Formats.readableMillis(stats.percentile(95)),
                none ? "-" : Formats.readableMillis(stats.percentile(99)),
                String.format(Locale.ROOT, "%,.2f", stats.throughput()));
    }

    private static void failures(StringBuilder out, List<FailureStats> failures) {
        if (failures.isEmpty()) {
            return;
        }
        out.append(NL).append("| Occurrences | Request | Error |").append(NL).append("|--:|---|---|").append(NL);
        failures.stream().limit(MAX_ROWS).forEach(failure -> row(out, Formats.count(failure.occurrences()),
                text(failure.key()), text(failure.error())));
        if (failures.size() > MAX_ROWS) {
            out.append(NL).append(failures.size() - MAX_ROWS).append(" more failures are in `failures.csv`.")
                    .append(NL);
        }
    }

    private static void row(StringBuilder out, String... cells) {
        out.append("| ").append(String.join(" | ", cells)).append(" |").append(NL);
    }

    /**
     * {@code text} as literal Markdown, on one line: backslash-escapes what would start emphasis, a link, code, an
     * HTML tag, an entity or strikethrough, or end a table cell, and at its start a heading, quote or list marker;
     * line breaks become {@code <br>}, so a table row or list item stays whole.
     */
    static String text(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\', '`', '*', '_', '[', ']', '|', '~', '&' -> escaped.append('\\').append(c);
                // Only '<' before a letter, '/', '!' or '?' opens a tag or an autolink: "< 5 ms" stays readable.
                case '<' -> escaped.append(i + 1 < text.length() && opensTag(text.charAt(i + 1)) ? "\\<" : "<");
                case '#', '>', '+', '-', '=' -> escaped.append(escaped.isEmpty() ? "\\" : "").append(c);
                case '.', ')' -> escaped.append(escaped.chars().allMatch(Character::isDigit) && !escaped.isEmpty()
                        ? "\\" : "").append(c);
                case '\r' -> {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    escaped.append("<br>");
                }
                case '\n' -> escaped.append("<br>");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /**
     * {@code text} as a code span in a table cell: fenced with more backticks than it holds in a row, its line breaks
     * as spaces (as Markdown reads them), {@code |} escaped as tables require even in code.
     */
    static String code(String text) {
        String oneLine = text.replace("\r\n", " ").replace('\r', ' ').replace('\n', ' ').replace("|", "\\|");
        int longest = 0;
        int run = 0;
        for (int i = 0; i < oneLine.length(); i++) {
            run = oneLine.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(longest + 1);
        String pad = oneLine.startsWith("`") || oneLine.endsWith("`") ? " " : "";
        return fence + pad + oneLine + pad + fence;
    }

    private static boolean opensTag(char next) {
        return Character.isLetter(next) || next == '/' || next == '!' || next == '?';
    }
}
