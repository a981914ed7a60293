package dev.junitloadtest.internal.data;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

import org.apiguardian.api.API;

import dev.junitloadtest.DataRow;
import dev.junitloadtest.Feeder;

/**
 * One run's position in each of its data sets: hands rows out by each feeder's policy. Thread-safe without a lock:
 * a shared cursor per data set, taken with one atomic increment, so no two takers ever get the same ticket and
 * users never wait for one another. Internal.
 */
@API(status = INTERNAL, since = "0.1")
public final class DataFeeds {

    private final Map<String, Feed> feeds = new LinkedHashMap<>();

    /** Fresh cursors over {@code dataSets}: every run starts at the first row. */
    public DataFeeds(List<DataSet> dataSets) {
        for (DataSet dataSet : dataSets) {
            feeds.put(dataSet.name(), new Feed(dataSet));
        }
    }

    /**
     * The next row of data set {@code name} for a user whose random source is {@code random}, or {@code null} when a
     * {@link Feeder.Policy#UNIQUE} data set has handed out every row.
     *
     * @throws IllegalArgumentException if there is no such data set
     */
    public DataRow next(String name, RandomGenerator random) {
        Feed feed = feed(name);
        DataSet dataSet = feed.dataSet;
        return switch (dataSet.policy()) {
            case CIRCULAR -> dataSet.row((int) (feed.cursor.getAndIncrement() % dataSet.size()));
            case RANDOM -> dataSet.row(random.nextInt(dataSet.size()));
            case UNIQUE -> {
                long ticket = feed.cursor.getAndIncrement();
                yield ticket < dataSet.size() ? dataSet.row((int) ticket) : null;
            }
        };
    }

    /** The data set {@code name}. */
    public DataSet dataSet(String name) {
        return feed(name).dataSet;
    }

    private Feed feed(String name) {
        Feed feed = feeds.get(name);
        if (feed == null) {
            throw new IllegalArgumentException("No @Feeder is named \"" + name + "\""
                    + (feeds.isEmpty() ? "; the load test declares no @Feeder." : "; the load test declares "
                            + String.join(", ", feeds.keySet().stream().map(n -> "\"" + n + "\"").toList()) + "."));
        }
        return feed;
    }

    /** A data set and the run's cursor in it: the next ticket to hand out (a long, so it never wraps). */
    private record Feed(DataSet dataSet, AtomicLong cursor) {

        Feed(DataSet dataSet) {
            this(dataSet, new AtomicLong());
        }
    }
}
