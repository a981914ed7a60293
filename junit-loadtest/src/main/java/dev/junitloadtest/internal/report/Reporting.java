package dev.junitloadtest.internal.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.apiguardian.api.API;

import dev.junitloadtest.internal.baseline.BaselineComparison;
import dev.junitloadtest.internal.baseline.BaselineRun;
import dev.junitloadtest.internal.config.ConfigurationParameters;
import dev.junitloadtest.internal.config.LoadProfile;
import dev.junitloadtest.internal.recording.RunListener;
import dev.junitloadtest.internal.report.html.HtmlReport;
import dev.junitloadtest.result.Formats;
import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.result.RequestStats;
import dev.junitloadtest.result.ThresholdResult;

/**
 * Every output of one run: the live console while it goes, and at its end the console tables and the files under
 * {@code target/loadtest/<class>/}: Locust's four CSV files, {@code summary.json}, {@code response-times.hlog},
 * {@code report.html} and {@code summary.md}, the Markdown summary that is also appended to GitHub Actions' job
 * summary when {@code GITHUB_STEP_SUMMARY} names one. {@code stats_history.csv} and the {@code .hlog} are streamed
 * while the run goes; the rest are written from the final result. A file that cannot be written does not fail the
 * test: the problem is printed and attached. One
 * instance per run; {@link #listeners()} are called on the sampler thread, {@link #finish} after the run. Internal.
 */
@API(status = INTERNAL, since = "0.1")
public final class Reporting {

    /** File names in the report directory. */
    static final String STATS = "stats.csv";
    static final String STATS_HISTORY = "stats_history.csv";
    static final String FAILURES = "failures.csv";
    static final String EXCEPTIONS = "exceptions.csv";
    static final String SUMMARY = "summary.json";
    static final String HTML = "report.html";
    static final String HISTOGRAM_LOG = "response-times.hlog";
    static final String MARKDOWN = "summary.md";
    static final String CAPACITY = "capacity.csv";

    /** Every file, in the order the Markdown summary lists them. */
    private static final List<String> FILES = List.of(HTML, SUMMARY, STATS, STATS_HISTORY, FAILURES, EXCEPTIONS,
            CAPACITY, HISTOGRAM_LOG, MARKDOWN);

    /** At most this many requests get a report entry of their own. */
    private static final int MAX_REQUEST_ENTRIES = 20;

    private final Class<?> testClass;
    private final ReportSettings settings;
    private final PrintStream out;
    private final PrintStream err;
    private final List<RunListener> listeners = new ArrayList<>();
    private final StatsHistoryCsv history;
    private final HistogramLog histogramLog;
    private final List<String> startProblems = new ArrayList<>();

    private Reporting(Class<?> testClass, LoadProfile profile, ReportSettings settings, PrintStream out,
            PrintStream err) {
        this.testClass = testClass;
        this.settings = settings;
        this.out = out;
        this.err = err;
        if (settings.progress()) {
            listeners.add(new ConsoleProgress(profile.testName(), profile.describeModel(),
                    profile.displayHost(), profile.model().duration(),
                    settings.progressInterval(), out));
        }
        Optional<Path> directory = settings.directory();
        directory.ifPresent(this::clearPreviousRun);
        history = directory.map(d -> new StatsHistoryCsv(d.resolve(STATS_HISTORY), settings.fullHistory()))
                .orElse(null);
        histogramLog = directory.map(d -> new HistogramLog(d.resolve(HISTOGRAM_LOG), profile.testName()))
                .orElse(null);
        if (history != null) {
            listeners.add(history);
            listeners.add(histogramLog);
        }
    }

    /**
     * The reporting of a run of {@code profile}, for {@code testClass}, printing to {@link System#out}, with the job
     * summary file looked up in {@code environment} ({@code System::getenv} in a real run).
     *
     * @throws dev.junitloadtest.internal.config.LoadTestConfigurationException if a reporting parameter is invalid
     */
    public static Reporting create(Class<?> testClass, LoadProfile profile, ConfigurationParameters parameters,
            Function<String, String> environment) {
        return create(testClass, profile, ReportSettings.read(testClass, parameters, environment), System.out,
                System.err);
    }

    /** The reporting of a run with explicit settings and streams. */
    public static Reporting create(Class<?> testClass, LoadProfile profile, ReportSettings settings, PrintStream out,
            PrintStream err) {
        return new Reporting(testClass, profile, settings, out, err);
    }

    /**
     * Deletes the files a previous run of the class left in its folder, so a run that stops half-way never sits beside
     * the last run's report and summary. The folder is the class's own: every regular file in it goes.
     */
    private void clearPreviousRun(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                try {
                    Files.delete(file);
                } catch (IOException e) {
                    startProblems.add("Could not delete " + file.toAbsolutePath() + ", left by a previous run: " + e);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            startProblems.add("Could not clear " + dir.toAbsolutePath() + " of a previous run's files: " + e);
        }
    }

    /** Listeners for the live outputs. */
    public List<RunListener> listeners() {
        return List.copyOf(listeners);
    }

    /**
     * Writes the final outputs of {@code result} (thresholds judged); returns what should be attached to the JUnit
     * result: report entries and files.
     */
    public Attachments finish(LoadTestResult result) {
        return finish(result, Optional.empty());
    }

    /**
     * Writes the final outputs of {@code result} (thresholds judged), the HTML report showing it against
     * {@code baseline} when it was compared with one; saves it as a baseline when asked to; returns what should be
     * attached to the JUnit result: report entries and files.
     */
    public Attachments finish(LoadTestResult result, Optional<BaselineComparison> baseline) {
        Optional<BaselineRun> before = baseline.map(BaselineComparison::baseline);
        if (settings.consoleSummary()) {
            ConsoleSummary.print(result, out);
        }
        List<String> problems = new ArrayList<>(startProblems);
        List<Path> files = new ArrayList<>();
        Optional<Path> directory = settings.directory();
        if (directory.isPresent()) {
            Path dir = directory.get();
            try {
                Files.createDirectories(dir);
                closeStreams(problems);
                if (!history.started()) {
                    // The run never started (it failed first): the streamed files still get their headers.
                    write(problems, dir.resolve(STATS_HISTORY), file -> {
                        try (CsvWriter csv = CsvWriter.create(file)) {
                            csv.row(LocustCsv.HISTORY_COLUMNS);
                        }
                    });
                }
                write(problems, dir.resolve(STATS), file -> LocustCsv.writeStats(file, result));
                write(problems, dir.resolve(FAILURES), file -> LocustCsv.writeFailures(file, result));
                write(problems, dir.resolve(EXCEPTIONS), file -> LocustCsv.writeExceptions(file, result));
                write(problems, dir.resolve(SUMMARY), file -> JsonSummary.write(file, testClass, result));
                result.capacity().ifPresent(capacity -> write(problems, dir.resolve(CAPACITY),
                        file -> CapacityReport.writeCsv(file, capacity)));
                write(problems, dir.resolve(HTML), file -> HtmlReport.write(result, before, file));
                write(problems, dir.resolve(MARKDOWN), file -> Files.writeString(file, markdown(result, true)));
            } catch (IOException e) {
                problems.add("Could not create the report directory " + dir.toAbsolutePath() + ": " + e);
            }
            for (String file : List.of(HTML, SUMMARY, STATS)) {
                if (Files.isRegularFile(dir.resolve(file))) {
                    files.add(dir.resolve(file));
                }
            }
            if (settings.consoleSummary() && Files.isRegularFile(dir.resolve(HTML))) {
                out.println("[" + result.profile().testName() + "] report: " + dir.resolve(HTML).toUri()
                        + " (CSV, JSON and HdrHistogram log next to it)");
            }
        }
        settings.baselineSave().ifPresent(file -> saveBaseline(problems, file, result));
        settings.jobSummary().ifPresent(file -> appendJobSummary(problems, file, markdown(result, false)));
        for (String problem : problems) {
            err.println("[" + result.profile().testName() + "] " + problem);
        }
        return new Attachments(entries(result, problems), files);
    }

    /**
     * The Markdown summary, listing the files of the report directory that are there, and {@code summary.md} itself
     * when it is about to be written.
     */
    private String markdown(LoadTestResult result, boolean writingIt) {
        Optional<Path> directory = settings.directory();
        List<String> files = directory.map(dir -> FILES.stream()
                .filter(file -> writingIt && file.equals(MARKDOWN) || Files.isRegularFile(dir.resolve(file)))
                .toList())
                .orElse(List.of());
        return MarkdownSummary.render(result, directory.orElse(null), files);
    }

    /**
     * Saves the run as a baseline: its summary, which holds each request's counts and histogram. A run that ended
     * early or failed on the generator's side measured less than was asked, and would make a later sound run look
     * slow or fast: it is not saved, and the outputs say so.
     */
    private void saveBaseline(List<String> problems, Path file, LoadTestResult result) {
        if (result.stop().isPresent() || !result.runFailures().isEmpty()) {
            problems.add("Not saved as a baseline to " + file.toAbsolutePath() + ": the run "
                    + (result.stop().isPresent() ? "ended early" : "failed on the load generator's side")
                    + ", so it is no measure to compare later runs with.");
            return;
        }
        write(problems, file, target -> {
            Files.createDirectories(target.toAbsolutePath().getParent());
            JsonSummary.write(target, testClass, result);
        });
        if (Files.isRegularFile(file) && settings.consoleSummary()) {
            out.println("[" + result.profile().testName() + "] saved as a baseline: " + file.toAbsolutePath());
        }
    }

    /**
     * Appends {@code markdown} to the job summary {@code file}, never truncating it: the other load test classes of
     * the job append theirs. One write of the whole section, so sections of classes run in parallel do not
     * interleave.
     */
    private static void appendJobSummary(List<String> problems, String file, String markdown) {
        try {
            Files.writeString(Path.of(file), markdown, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        } catch (IOException | InvalidPathException e) {
            problems.add("Could not append to the job summary " + file + " (environment variable "
                    + ReportSettings.JOB_SUMMARY_ENVIRONMENT_VARIABLE + "): " + e);
        }
    }

    private void closeStreams(List<String> problems) {
        for (Runnable close : List.<Runnable>of(history::close, histogramLog::close)) {
            try {
                close.run();
            } catch (UncheckedIOException e) {
                problems.add(e.getMessage() + ": " + e.getCause());
            }
        }
    }

    private static void write(List<String> problems, Path file, FileWrite write) {
        try {
            write.to(file);
        } catch (IOException | UncheckedIOException e) {
            problems.add("Could not write " + file.toAbsolutePath() + ": " + e);
        }
    }

    private Map<String, String> entries(LoadTestResult result, List<String> problems) {
        RequestStats total = result.total();
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("loadtest.failure-rate", Formats.percent(total.failureRate(), 2));
        entries.put("loadtest.p50.ms", millis(total.median()));
        entries.put("loadtest.p99.ms", millis(total.percentile(99)));
        entries.put("loadtest.max.ms", millis(total.max()));
        entries.put("loadtest.elapsed.s", String.format(Locale.ROOT, "%.3f", result.elapsed().toNanos() / 1e9));
        entries.put("loadtest.load", result.profile().loadModel());
        result.capacity().ifPresent(capacity -> entries.put("loadtest.capacity", capacity.describe()));
        int i = 0;
        for (RequestStats stats : result.requests()) {
            if (i++ == MAX_REQUEST_ENTRIES) {
                break;
            }
            entries.put("loadtest.request." + stats.key(), String.format(Locale.ROOT,
                    "%d requests, %d failures (%s), %.1f req/s, p50 %s ms, p95 %s ms, p99 %s ms", stats.count(),
                    stats.failures(), Formats.percent(stats.failureRate(), 2), stats.throughput(),
                    millis(stats.median()), millis(stats.percentile(95)), millis(stats.percentile(99))));
        }
        if (!result.thresholds().isEmpty()) {
            long passed = result.thresholds().stream().filter(ThresholdResult::passed).count();
            entries.put("loadtest.thresholds", passed + " passed, " + (result.thresholds().size() - passed)
                    + " failed");
        }
        long exceptions = result.exceptions().stream().mapToLong(e -> e.count()).sum();
        if (exceptions > 0) {
            entries.put("loadtest.exceptions", Long.toString(exceptions));
        }
        if (result.droppedIterations() > 0) {
            entries.put("loadtest.dropped-iterations", Long.toString(result.droppedIterations()));
        }
        if (result.notSentCount() > 0) {
            entries.put("loadtest.not-sent", Long.toString(result.notSentCount()));
        }
        result.stopReason().ifPresent(reason -> entries.put("loadtest.stop-reason", reason));
        if (!result.runFailures().isEmpty()) {
            entries.put("loadtest.run-failures", String.join("\n", result.runFailures()));
        }
        if (!result.warnings().isEmpty()) {
            entries.put("loadtest.warnings", String.join("\n", result.warnings()));
        }
        settings.directory().ifPresent(dir -> entries.put("loadtest.report-dir", dir.toAbsolutePath().toString()));
        if (!problems.isEmpty()) {
            entries.put("loadtest.report-problems", String.join("\n", problems));
        }
        return entries;
    }

    private static String millis(java.time.Duration duration) {
        return String.format(Locale.ROOT, "%.3f", duration.toNanos() / 1e6);
    }

    @FunctionalInterface
    private interface FileWrite {
        void to(Path file) throws IOException;
    }

    /**
     * What the JUnit adapter attaches to the test class's result.
     *
     * @param entries report entries (name → value)
     * @param files files to publish (e.g. the HTML report)
     */
    public record Attachments(Map<String, String> entries, List<Path> files) {
    }
}
