package dev.junitloadtest.internal.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table as Locust prints its own: a header, a dashed separator with {@code |} where a group of columns
 * ends, rows with text left-aligned and numbers right-aligned, and optionally a separator before the last row.
 * Columns are as wide as their widest cell. Not thread-safe. Internal.
 */
final class TextTable {

    private final List<Column> columns = new ArrayList<>();
    private final List<List<String>> rows = new ArrayList<>();
    private int footerRows;

    /** Adds a left-aligned column. */
    TextTable text(String header) {
        columns.add(new Column(header, false, false));
        return this;
    }

    /** Adds a right-aligned column. */
    TextTable number(String header) {
        columns.add(new Column(header, true, false));
        return this;
    }

    /** Ends a group of columns after the last one added: a {@code |} follows it. */
    TextTable group() {
        Column last = columns.removeLast();
        columns.add(new Column(last.header(), last.right(), true));
        return this;
    }

    /** Adds a row. */
    TextTable row(List<String> cells) {
        if (cells.size() != columns.size()) {
            throw new IllegalArgumentException("A row of " + columns.size() + " columns, but got " + cells);
        }
        rows.add(List.copyOf(cells));
        return this;
    }

    /** Adds a row below a separator, as Locust's Aggregated row. */
    TextTable footer(List<String> cells) {
        row(cells);
        footerRows++;
        return this;
    }

    /** The table's lines, each ended by a line break. */
    String render() {
        int[] widths = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            widths[i] = columns.get(i).header().length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, columns.stream().map(Column::header).toList(), widths);
        String separator = separator(widths);
        out.append(separator);
        for (int r = 0; r < rows.size(); r++) {
            if (footerRows > 0 && r == rows.size() - footerRows) {
                out.append(separator);
            }
            line(out, rows.get(r), widths);
        }
        return out.toString();
    }

    private void line(StringBuilder out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            Column column = columns.get(i);
            String cell = cells.get(i);
            String padding = " ".repeat(widths[i] - cell.length());
            line.append(column.right() ? padding + cell : cell + padding);
            if (i < cells.size() - 1) {
                line.append(column.groupEnd() ? " | " : "  ");
            }
        }
        out.append(line.toString().stripTrailing()).append(System.lineSeparator());
    }

    private String separator(int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            line.append("-".repeat(widths[i]));
            if (i < widths.length - 1) {
                line.append(columns.get(i).groupEnd() ? "-|-" : "--");
            }
        }
        return line.append(System.lineSeparator()).toString();
    }

    private record Column(String header, boolean right, boolean groupEnd) {
    }
}
