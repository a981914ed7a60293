package dev.junitloadtest.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.result.RequestStats;

/** Appends a run's figures, as {@code key=value} pairs, to the file named by the system property {@code bench.out}. */
final class ResultLine {

    private ResultLine() {
    }

    static void write(LoadTestResult result, String extra) {
        RequestStats total = result.total();
        String line = String.format(Locale.ROOT, "requests=%d errors=%d seconds=%.3f p50_ms=%.3f p99_ms=%.3f%s%n",
                total.count(), total.failures(), result.elapsed().toNanos() / 1e9,
                total.percentile(50).toNanos() / 1e6, total.percentile(99).toNanos() / 1e6,
                extra.isEmpty() ? "" : " " + extra);
        System.out.print(line);
        String out = System.getProperty("bench.out");
        if (out != null) {
            try {
                Files.writeString(Path.of(out), line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
