package dev.junitloadtest.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A CSV file read back strictly as RFC 4180 (CR LF row ends, quoted fields may hold commas, quotes and line breaks):
 * a reader independent of the writer under test.
 *
 * @param header the first row
 * @param rows the other rows
 * @param text the file's text
 */
record CsvFile(List<String> header, List<List<String>> rows, String text) {

    static CsvFile read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CsvFile parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i += 2;
                    continue;
                }
                if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
                i++;
                continue;
            }
            if (c == '"' && field.isEmpty()) {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else if (c == '\n' || c == '\r') {
                throw new IllegalArgumentException("A bare line break outside quotes at offset " + i);
            } else {
                field.append(c);
            }
            i++;
        }
        if (quoted || !field.isEmpty() || !row.isEmpty()) {
            throw new IllegalArgumentException("The last row does not end with CR LF");
        }
        return new CsvFile(rows.getFirst(), List.copyOf(rows.subList(1, rows.size())), text);
    }

    /** The rows whose {@code column} satisfies {@code test}, as maps of column name to value. */
    List<Map<String, String>> where(String column, Predicate<String> test) {
        int index = header.indexOf(column);
        return rows.stream().filter(row -> test.test(row.get(index))).map(this::asMap).toList();
    }

    /** The row of {@code type} and {@code name} (the first two columns). */
    Map<String, String> row(String type, String name) {
        return rows.stream().filter(row -> row.get(0).equals(type) && row.get(1).equals(name)).map(this::asMap)
                .findFirst().orElseThrow(() -> new AssertionError("No row " + type + " " + name + " in\n" + text));
    }

    Map<String, String> asMap(List<String> row) {
        if (row.size() != header.size()) {
            throw new AssertionError("A row of " + row.size() + " fields under a header of " + header.size() + ": "
                    + row);
        }
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            map.put(header.get(i), row.get(i));
        }
        return map;
    }
}
