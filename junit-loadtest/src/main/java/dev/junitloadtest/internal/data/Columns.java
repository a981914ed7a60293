package dev.junitloadtest.internal.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The columns of one data file, by name and position, shared by all its rows. Immutable. Internal. */
final class Columns {

    private final String dataSet;
    private final List<String> names;
    private final Map<String, Integer> positions;

    Columns(String dataSet, List<String> names) {
        this.dataSet = dataSet;
        this.names = List.copyOf(names);
        Map<String, Integer> byName = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            byName.put(names.get(i), i);
        }
        this.positions = Collections.unmodifiableMap(byName);
    }

    List<String> names() {
        return names;
    }

    int size() {
        return names.size();
    }

    boolean contains(String column) {
        return positions.containsKey(column);
    }

    /** The position of {@code column}; a column the file does not have is a mistake in the task code, named. */
    int position(String column) {
        Integer position = positions.get(column);
        if (position == null) {
            throw new IllegalArgumentException("Feeder \"" + dataSet + "\" has no column \"" + column
                    + "\"; its columns are " + String.join(", ", names) + ".");
        }
        return position;
    }
}
