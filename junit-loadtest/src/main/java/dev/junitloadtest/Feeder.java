package dev.junitloadtest;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.apiguardian.api.API;

/**
 * {@code @Feeder} declares a data set the virtual users of a load test draw rows from: credentials, search terms,
 * ids. A user takes the next row with {@link VirtualUser#data(String) user.data(name)} and reads its columns by
 * header name ({@link DataRow#get(String)}).
 *
 * <p>The file is read once, before any user starts, and its rows are shared by every user (never copied per user).
 * A file that cannot be found, is empty, lacks one of the {@link #columns()} or is malformed fails the class before
 * any load, with a message naming the feeder, the file, the line and the column.
 *
 * <p>Formats: CSV (RFC 4180: a header row, fields separated by commas, quoted fields that may hold commas, doubled
 * quotes and line breaks) and JSON lines (one JSON object per line, its keys the columns). Files are UTF-8; a leading
 * byte order mark and blank lines are skipped. Files are held in memory: at most {@value #MAX_FILE_BYTES} bytes.
 *
 * <p>Example, one distinct account per user:
 * <pre>{@code
 * @LoadTest
 * @Users(count = 50)
 * @Feeder(name = "users", file = "users.csv", columns = {"username", "password"}, policy = Feeder.Policy.UNIQUE)
 * class SignInLoadTest {
 *
 *     @OnStart
 *     void signIn(Http http, VirtualUser user) {
 *         DataRow account = user.data("users");
 *         http.post("/login", RequestBody.form("user", account.get("username"), "password", account.get("password")));
 *     }
 * }
 * }</pre>
 *
 * <p>{@code @Feeder} may be used as a meta-annotation, and is {@link Inherited @Inherited}.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Repeatable(Feeders.class)
@API(status = EXPERIMENTAL, since = "0.1")
public @interface Feeder {

    /** The largest file a feeder reads, in bytes ({@value}): rows are held in memory for the whole run. */
    long MAX_FILE_BYTES = 256L * 1024 * 1024;

    /** The name users ask for the data by, {@link VirtualUser#data(String) user.data(name)}; unique in the class. */
    String name();

    /**
     * The file: looked up first as a resource on the test class path ({@code "users.csv"} for
     * {@code src/test/resources/users.csv}), then as a file path, relative to the working directory.
     */
    String file();

    /**
     * Columns the users read, checked against the file before the run: a CSV header or a JSON-lines object without
     * one of them fails the class. Optional; columns not listed can be read too.
     */
    String[] columns() default {};

    /** In what order the rows are handed out; {@link Policy#CIRCULAR} by default. */
    Policy policy() default Policy.CIRCULAR;

    /**
     * What happens when a {@link Policy#UNIQUE} feeder has handed out every row; {@link Exhausted#STOP_USER} by
     * default. The other policies never run out, and may only keep the default.
     */
    Exhausted whenExhausted() default Exhausted.STOP_USER;

    /** The file's format; by default, told by its extension. */
    Format format() default Format.BY_EXTENSION;

    /** {@code Policy} says which row {@link VirtualUser#data(String)} hands out next. */
    @API(status = EXPERIMENTAL, since = "0.1")
    enum Policy {

        /**
         * The rows in file order, shared by all users, starting over after the last: the users of a run together
         * take row 1, 2, ..., n, 1, 2... (which user gets which depends on timing).
         */
        CIRCULAR,

        /**
         * A row drawn at random from the user's own {@link VirtualUser#random() random source}: a run with the same
         * {@link LoadTest#seed() seed} makes each user draw the same rows. Rows may repeat.
         */
        RANDOM,

        /**
         * Each row once in the whole run, in file order, whichever user asks: no two users (and no two calls) get
         * the same row. When every row is taken, {@link Feeder#whenExhausted()} decides. A load split into shards
         * ({@link LoadTestConstants#SHARD_PROPERTY_NAME}) gives each shard its own block of the rows, the first
         * {@code rows % N} shards one row more, so each row is used once across all shards.
         */
        UNIQUE
    }

    /** {@code Exhausted} says what a {@link Policy#UNIQUE} feeder does when every row has been handed out. */
    @API(status = EXPERIMENTAL, since = "0.1")
    enum Exhausted {

        /**
         * The user that asked stops, as if it had called {@link VirtualUser#stop()}: the task or hook that asked ends
         * there (without counting as an exception), the user's {@link OnStop @OnStop} runs and it is not replaced.
         * The run goes on with the users that have rows. Use it when the data decides how many users can run.
         */
        STOP_USER,

        /**
         * The run stops at once and fails, saying which feeder ran out after how many rows. Use it when every user
         * must have its own row and running out means the file is too short for the load.
         */
        FAIL_RUN
    }

    /** {@code Format} is the format of a feeder's file. */
    @API(status = EXPERIMENTAL, since = "0.1")
    enum Format {

        /** {@code .csv} is {@link #CSV}, {@code .jsonl} and {@code .ndjson} are {@link #JSON_LINES}. */
        BY_EXTENSION,

        /** Comma-separated values with a header row (RFC 4180). */
        CSV,

        /** One JSON object per line; its keys are the columns. */
        JSON_LINES
    }
}
