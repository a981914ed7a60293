package dev.junitloadtest.internal.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads CSV text (RFC 4180) into rows: the first non-blank record is the header, whose names (trimmed) are the
 * columns; fields are separated by commas; a field in double quotes may hold commas, line breaks and doubled quotes
 * ({@code ""} for one); records end at CRLF, LF or CR. Blank lines are skipped; a quote inside an unquoted field is
 * kept as it is; spaces around fields are part of them. Every record must have as many fields as the header.
 * Internal.
 */
final class CsvFormat {

    private final String dataSet;
    private final String text;
    private final List<String> required;
    private int position;
    private int line = 1;
    private int lineStart;

    private CsvFormat(String dataSet, String text, List<String> required) {
        this.dataSet = dataSet;
        this.text = text;
        this.required = required;
    }

    /**
     * The rows of {@code text} for data set {@code dataSet}, whose header must have the {@code required} columns.
     *
     * @throws DataFileException naming the line (and column or character) of the first problem
     */
    static List<Row> read(String dataSet, String text, List<String> required) {
        return new CsvFormat(dataSet, text, required).rows();
    }

    private List<Row> rows() {
        Columns columns = null;
        int headerLine = 0;
        List<Row> rows = new ArrayList<>();
        while (position < text.length()) {
            int recordLine = line;
            List<String> fields = record();
            if (fields == null) {
                continue;
            }
            if (columns == null) {
                columns = header(fields, recordLine);
                headerLine = recordLine;
            } else if (fields.size() != columns.size()) {
                throw new DataFileException("line " + recordLine + " has " + count(fields.size(), "field")
                        + ", but the header (line " + headerLine + ") has " + count(columns.size(), "column")
                        + (fields.size() < columns.size() ? ": column \"" + columns.names().get(fields.size())
                                + "\" has no value." : ": the fields after column \""
                                + columns.names().get(columns.size() - 1) + "\" have no column."));
            } else {
                rows.add(new Row(columns, fields.toArray(String[]::new), recordLine));
            }
        }
        if (columns == null) {
            throw new DataFileException("the file is empty.");
        }
        if (rows.isEmpty()) {
            throw new DataFileException("the file has only its header (line " + headerLine + "), no rows.");
        }
        return rows;
    }

    private Columns header(List<String> fields, int headerLine) {
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < fields.size(); i++) {
            String name = fields.get(i).strip();
            if (name.isEmpty()) {
                throw new DataFileException("the header (line " + headerLine + ") has no name for "
                        + "column " + (i + 1) + "; every column needs a name, as rows are read by it.");
            }
            if (!seen.add(name)) {
                throw new DataFileException("the header (line " + headerLine + ") names column \""
                        + name + "\" twice; rows are read by column name, so each must be unique.");
            }
            names.add(name);
        }
        for (String column : required) {
            if (!seen.contains(column)) {
                throw new DataFileException("the header (line " + headerLine + ") has no column \"" + column
                        + "\", which `columns` lists; its columns are " + String.join(", ", names) + ".");
            }
        }
        return new Columns(dataSet, names);
    }

    /** The fields of the record at the current position, which it ends past; {@code null} for a blank line. */
    private List<String> record() {
        if (atLineBreak()) {
            lineBreak();
            return null;
        }
        List<String> fields = new ArrayList<>();
        while (true) {
            fields.add(position < text.length() && text.charAt(position) == '"' ? quoted() : unquoted());
            if (position >= text.length()) {
                return fields;
            }
            if (text.charAt(position) == ',') {
                position++;
            } else {
                lineBreak();
                return fields;
            }
        }
    }

    private String unquoted() {
        int start = position;
        while (position < text.length() && text.charAt(position) != ',' && !atLineBreak()) {
            position++;
        }
        return text.substring(start, position);
    }

    private String quoted() {
        int openLine = line;
        int openCharacter = position - lineStart + 1;
        position++;
        StringBuilder field = new StringBuilder();
        while (true) {
            if (position >= text.length()) {
                throw new DataFileException("line " + openLine + ": the quoted field that starts at "
                        + "character " + openCharacter + " is never closed (a quote inside a quoted field is written "
                        + "as two quotes, \"\").");
            }
            char c = text.charAt(position);
            if (c == '"') {
                if (position + 1 < text.length() && text.charAt(position + 1) == '"') {
                    field.append('"');
                    position += 2;
                    continue;
                }
                position++;
                break;
            }
            if (atLineBreak()) {
                int from = position;
                lineBreak();
                field.append(text, from, position);
            } else {
                field.append(c);
                position++;
            }
        }
        if (position < text.length() && text.charAt(position) != ',' && !atLineBreak()) {
            throw new DataFileException("line " + line + ", character " + (position - lineStart + 1)
                    + ": a quoted field must be followed by a comma or the end of the line, but its closing quote is "
                    + "followed by '" + text.charAt(position) + "' (a quote inside a quoted field is written as two "
                    + "quotes, \"\").");
        }
        return field.toString();
    }

    private boolean atLineBreak() {
        return position < text.length() && (text.charAt(position) == '\n' || text.charAt(position) == '\r');
    }

    /** Steps over one line break, CRLF, LF or CR. */
    private void lineBreak() {
        if (text.charAt(position) == '\r' && position + 1 < text.length() && text.charAt(position + 1) == '\n') {
            position++;
        }
        position++;
        line++;
        lineStart = position;
    }

    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
