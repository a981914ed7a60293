package dev.junitloadtest.internal.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.junitloadtest.DataRow;

/** One row of a data file: its values by column position, and the line it starts on. Immutable. Internal. */
final class Row implements DataRow {

    private final Columns columns;
    private final String[] values;
    private final int line;

    Row(Columns columns, String[] values, int line) {
        this.columns = columns;
        this.values = values;
        this.line = line;
    }

    @Override
    public String get(String column) {
        return values[columns.position(column)];
    }

    @Override
    public List<String> columns() {
        return columns.names();
    }

    @Override
    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            map.put(columns.names().get(i), values[i]);
        }
        return Collections.unmodifiableMap(map);
    }

    @Override
    public int line() {
        return line;
    }

    /** Names the row by where it is, never by its values, which may be passwords. */
    @Override
    public String toString() {
        return "DataRow[line " + line + "]";
    }
}
