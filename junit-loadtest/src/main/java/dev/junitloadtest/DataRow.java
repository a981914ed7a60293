package dev.junitloadtest;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import java.util.Map;

import org.apiguardian.api.API;

/**
 * {@code DataRow} is one row of a {@link Feeder @Feeder}'s file, handed to a user by
 * {@link VirtualUser#data(String)}. Rows are immutable and shared: the same row may be read by several users at once.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface DataRow {

    /**
     * The value of {@code column}: a CSV field as written (quotes removed), or a JSON-lines value as text (a string
     * as is, a number or boolean as written, {@code null} as {@code null}, an object or array as its JSON text). A
     * CSV field that is empty is {@code ""}; a JSON-lines key that is absent from this row is {@code null}.
     *
     * @throws IllegalArgumentException if the file has no such column, naming the columns it has
     */
    String get(String column);

    /** The file's columns, in the order of its header (CSV) or of first appearance (JSON lines). */
    List<String> columns();

    /** This row as column to value, in the order of {@link #columns()}; unmodifiable. */
    Map<String, String> asMap();

    /** The line of the file on which this row starts, from 1 (the header of a CSV file is line 1). */
    int line();
}
