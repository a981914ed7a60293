package dev.junitloadtest.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The output of a real Locust 2.12.1 run, committed under {@code src/test/resources} (see its README). */
final class LocustFixture {

    private LocustFixture() {
    }

    /** The text of {@code file}, as Locust wrote it. */
    static String text(String file) {
        try (InputStream in = LocustFixture.class.getResourceAsStream("locust-2.12.1/" + file)) {
            if (in == null) {
                throw new IllegalStateException("No Locust fixture " + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The parsed {@code file}. */
    static CsvFile csv(String file) {
        return CsvFile.parse(text(file));
    }

    /** The header row of {@code file}. */
    static List<String> header(String file) {
        return csv(file).header();
    }
}
