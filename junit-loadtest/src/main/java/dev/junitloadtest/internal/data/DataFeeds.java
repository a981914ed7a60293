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
import dev.junitloadtest.internal.config.Shard;

/**
 * One run's position in each of its data sets: hands rows out by each feeder's policy. A shard of a sharded load
 * hands out only its block of a {@code UNIQUE} data set's rows ({@link Shard#share(int)} rows from
 * {@link Shard#blockStart(int)}), so each row is used once across all shards; it starts a {@code CIRCULAR} one at
 * that block's first row, so shards do not all begin with the same rows. Thread-safe without a lock:
 * a shared cursor per data set, taken with one atomic increment, so no two takers ever get the same ticket and
 * users never wait for one another. Internal.
 */
@API(status = INTERNAL, since = "0.1")
public final class DataFeeds {

    private final Map<String, Feed> feeds = new LinkedHashMap<>();
    private final Shard shard;

    /** Fresh cursors over {@code dataSets}: every run starts at the first row. */
    public DataFeeds(List<DataSet> dataSets) {
        this(dataSets, Shard.whole());
    }

    /** Fresh cursors over {@code dataSets} for {@code shard}: every run starts at the first row of its block. */
    public DataFeeds(List<DataSet> dataSets, Shard shard) {
        this.shard = shard;
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
            case CIRCULAR -> dataSet.row((int) ((feed.cursor.getAndIncrement() + shard.blockStart(dataSet.size()))
                    % dataSet.size()));
            case RANDOM -> dataSet.row(random.nextInt(dataSet.size()));
            case UNIQUE -> {
                long ticket = feed.cursor.getAndIncrement();
                yield ticket < shard.share(dataSet.size())
                        ? dataSet.row((int) (shard.blockStart(dataSet.size()) + ticket)) : null;
            }
        };
    }

    /**
     * The rows a {@code UNIQUE} data set hands out in this run, in words: {@code all 10 rows of "users.csv"}, or for
     * a shard {@code all 4 rows of shard 0/3's part (rows 1 to 4) of "users.csv"}.
     */
    public String uniqueRows(DataSet dataSet) {
        if (shard.isWhole()) {
            return "all " + dataSet.size() + " rows of \"" + dataSet.file() + "\"";
        }
        int first = shard.blockStart(dataSet.size());
        int count = shard.share(dataSet.size());
        return "all " + count + " rows of shard " + shard + "'s part (rows " + (first + 1) + " to " + (first + count)
                + ") of \"" + dataSet.file() + "\"";
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
