package dev.junitloadtest.internal.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.junitloadtest.json.Json;
import dev.junitloadtest.json.JsonParseException;
import dev.junitloadtest.json.JsonValue;

/**
 * Reads JSON lines (one JSON object per line, LF, CRLF or CR) into rows: the objects' keys are the columns, in the
 * order they first appear; a value is its text (a string as is, a number or boolean as written, {@code null} as
 * {@code null}, an object or array as compact JSON); a key absent from a row is {@code null} there. Blank lines are
 * skipped. Internal.
 */
final class JsonLinesFormat {

    private JsonLinesFormat() {
    }

    /**
     * The rows of {@code text} for data set {@code dataSet}, each of whose objects must have the {@code required} keys.
     *
     * @throws DataFileException naming the line (and key or character) of the first problem
     */
    static List<Row> read(String dataSet, String text, List<String> required) {
        List<Map<String, String>> objects = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        List<String> names = new ArrayList<>();
        int line = 0;
        for (String content : text.split("\r\n|\n|\r", -1)) {
            line++;
            if (content.isBlank()) {
                continue;
            }
            JsonValue value;
            try {
                value = Json.parse(content);
            } catch (JsonParseException e) {
                throw new DataFileException("line " + line + ", character " + (e.offset() + 1) + ", is not JSON: "
                        + e.getMessage());
            }
            if (!value.isObject()) {
                throw new DataFileException("line " + line + " is a JSON " + value.type().name().toLowerCase(Locale.ROOT)
                        + ", but each line must be a JSON object, whose keys are the columns.");
            }
            for (String column : required) {
                if (!value.fields().containsKey(column)) {
                    throw new DataFileException("line " + line + " has no key \"" + column
                            + "\", which `columns` lists; its keys are " + String.join(", ", value.fields().keySet())
                            + ".");
                }
            }
            Map<String, String> row = new LinkedHashMap<>();
            value.fields().forEach((key, field) -> {
                row.put(key, text(field));
                if (!names.contains(key)) {
                    names.add(key);
                }
            });
            objects.add(row);
            lines.add(line);
        }
        if (objects.isEmpty()) {
            throw new DataFileException("the file is empty.");
        }
        Columns columns = new Columns(dataSet, names);
        List<Row> rows = new ArrayList<>(objects.size());
        for (int i = 0; i < objects.size(); i++) {
            String[] values = new String[names.size()];
            for (int c = 0; c < values.length; c++) {
                values[c] = objects.get(i).get(names.get(c));
            }
            rows.add(new Row(columns, values, lines.get(i)));
        }
        return rows;
    }

    private static String text(JsonValue value) {
        return switch (value.type()) {
            case STRING, NUMBER, BOOLEAN -> value.asText();
            case NULL, MISSING -> null;
            case OBJECT, ARRAY -> Json.write(value);
        };
    }
}
