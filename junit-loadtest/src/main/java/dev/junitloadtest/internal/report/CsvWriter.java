package dev.junitloadtest.internal.report;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes CSV the way Locust's files are written (Python's {@code csv.writer} with its defaults): comma-separated,
 * a field quoted only when it holds a comma, a double quote or a line break, quotes doubled inside, and every row
 * ended by CR LF; UTF-8. Not thread-safe. Internal.
 */
final class CsvWriter implements Closeable {

    private final Writer out;

    CsvWriter(Writer out) {
        this.out = out;
    }

    /** A writer of a new (or truncated) file at {@code file}. */
    static CsvWriter create(Path file) throws IOException {
        return new CsvWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    }

    /** Writes one row. */
    void row(List<String> fields) {
        try {
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(field(fields.get(i)));
            }
            out.write("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes what was written so far through to the file, so it can be read while the run goes. */
    void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    /** {@code text} as one CSV field. */
    static String field(String text) {
        boolean quote = false;
        for (int i = 0; i < text.length() && !quote; i++) {
            char c = text.charAt(i);
            quote = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }
}
