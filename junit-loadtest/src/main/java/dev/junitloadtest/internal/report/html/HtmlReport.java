package dev.junitloadtest.internal.report.html;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.apiguardian.api.API;

import dev.junitloadtest.internal.baseline.BaselineRun;
import dev.junitloadtest.json.Json;
import dev.junitloadtest.result.Formats;
import dev.junitloadtest.result.LoadTestResult;

/**
 * Writes {@code report.html}: one self-contained page per run that opens offline, with charts of throughput,
 * response-time percentiles and users over time (drawn by uPlot, embedded in the page), the per-request, failures,
 * exceptions and tasks tables, the threshold verdicts and the profile of the run. Stateless and thread-safe. Internal.
 *
 * <p>Text from the system under test (request names, error messages, stack traces) is escaped for HTML; the chart
 * data is JSON escaped for its {@code <script>} element; and the page's Content-Security-Policy lets only its own two
 * scripts run and nothing load from anywhere, so a page that some bug let markup into still could not run it.
 */
@API(status = INTERNAL, since = "0.1")
public final class HtmlReport {

    private HtmlReport() {
    }

    /**
     * Writes the report of {@code result} to {@code file}, creating its directory; replaces an older report whole,
     * never leaving half a page behind.
     */
    public static void write(LoadTestResult result, Path file) throws IOException {
        write(result, Optional.empty(), file);
    }

    /** Writes the report of {@code result}, showing it against {@code baseline} if it was compared with one. */
    public static void write(LoadTestResult result, Optional<BaselineRun> baseline, Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        String page = render(result, baseline);
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        // Not Files.createTempFile: its owner-only permissions would stay with the report after the move.
        Path partial = directory.resolve("." + file.getFileName() + "." + UUID.randomUUID() + ".part");
        try {
            Files.writeString(partial, page, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            try {
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** The report of {@code result} as one HTML document. */
    public static String render(LoadTestResult result) {
        return render(result, Optional.empty());
    }

    /** The report of {@code result} as one HTML document, showing it against {@code baseline} if it has one. */
    public static String render(LoadTestResult result, Optional<BaselineRun> baseline) {
        Objects.requireNonNull(result, "result");
        Assets assets = Assets.load();
        String title = result.profile().testName() + " · "
                + (result.thresholds().stream().anyMatch(verdict -> !verdict.passed()) ? "FAILED"
                        : result.thresholds().isEmpty() ? "load test report" : "PASSED");
        Map<String, String> slots = Map.of(
                "csp", "default-src 'none'; script-src " + hash(assets.uplotScript()) + " " + hash(assets.script())
                        + "; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'",
                "title", Html.text(title),
                "uplot-css", assets.uplotStyle(),
                "report-css", assets.style(),
                "body", ReportBody.render(result, baseline),
                "footer", footer(assets),
                "data", Html.scriptJson(Json.write(ChartData.of(result))),
                "uplot-js", assets.uplotScript(),
                "report-js", assets.script());
        return fill(assets.template(), slots);
    }

    private static String footer(Assets assets) {
        return "Written by junit-loadtest on " + Formats.timestamp(Instant.now()) + ". Charts drawn with uPlot "
                + Html.text(assets.uplotVersion()) + " (MIT licence, in this page's source).";
    }

    // One pass over the template: text put into a slot is never searched for slots itself, so a request named
    // "{{data}}" stays a name.
    static String fill(String template, Map<String, String> slots) {
        StringBuilder page = new StringBuilder(template.length() + slots.values().stream().mapToInt(String::length)
                .sum());
        int position = 0;
        while (true) {
            int open = template.indexOf("{{", position);
            if (open < 0) {
                return page.append(template, position, template.length()).toString();
            }
            int close = template.indexOf("}}", open + 2);
            String name = close < 0 ? null : template.substring(open + 2, close);
            String value = name == null ? null : slots.get(name);
            if (value == null) {
                throw new IllegalStateException("The report template has an unknown slot at offset " + open);
            }
            page.append(template, position, open).append(value);
            position = close + 2;
        }
    }

    private static String hash(String script) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8));
            return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
