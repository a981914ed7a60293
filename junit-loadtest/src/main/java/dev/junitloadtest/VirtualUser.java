package dev.junitloadtest;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.STABLE;

import java.util.concurrent.Callable;
import java.util.random.RandomGenerator;

import org.apiguardian.api.API;

/**
 * {@code VirtualUser} is the handle of one virtual user, handed to {@link Task @Task}, {@link OnStart @OnStart} and
 * {@link OnStop @OnStop} methods that declare a parameter of this type.
 *
 * <p>A handle belongs to its user's thread: use it from the task that received it, not from other threads.
 */
@API(status = STABLE, since = "0.1")
public interface VirtualUser {

    /**
     * This user's number within the run, from 1 in the order users were started. In shard I of N
     * ({@link LoadTestConstants#SHARD_PROPERTY_NAME}) it is the number the whole load gives the user: I+1, I+1+N,
     * I+1+2N..., so numbers are distinct across the shards.
     */
    int id();

    /** Simple name of this user's type (its class). */
    String userType();

    /**
     * This user's source of randomness, seeded from the run's {@link LoadTest#seed() seed} and the user's
     * {@link #id()}: use it to pick search terms, ids or categories, and a run with the same seed repeats the picks.
     * A user of a shard draws what the user of the same id draws in the unsharded run, so shards of one seed draw
     * distinct numbers.
     */
    RandomGenerator random();

    /**
     * The next row of the data set declared by {@link Feeder @Feeder}{@code (name = name)}, by that feeder's
     * {@link Feeder#policy() policy}: the next row in file order shared by all users ({@code CIRCULAR}), a row drawn
     * from {@link #random()} ({@code RANDOM}), or a row no other call got ({@code UNIQUE}). Each call hands out a row:
     * to keep one row for the user's whole life (an account), call it once in {@link OnStart @OnStart} and keep the
     * row in a field. Never blocks.
     *
     * <p>When a {@code UNIQUE} feeder has no row left, this method does not return: it ends the task or hook that
     * called it and stops the user, or the whole run, as {@link Feeder#whenExhausted()} says.
     *
     * @throws IllegalArgumentException if the load test declares no feeder of that name, naming those it declares
     */
    @API(status = EXPERIMENTAL, since = "0.1")
    DataRow data(String name);

    /**
     * Stops this user once the current task returns, as Locust's {@code StopUser}: it starts no further task, runs its
     * {@link OnStop @OnStop} and ends. In the closed model the user is not replaced.
     */
    void stop();

    /** Whether this user has been asked to stop, by {@link #stop()} or because the run or its stage is ending. */
    boolean isStopping();

    /**
     * Runs {@code work} and records its duration under {@code type} and {@code name}, as a request is recorded, so
     * work that is not HTTP (a JDBC query, a gRPC call, a message round trip) shows in the statistics and
     * thresholds. A {@code work} that throws is recorded as a failure with the exception as its error; the exception
     * is then rethrown wrapped in a {@link RecordedFailureException}, which ends the task without being counted a
     * second time as a task exception.
     *
     * @param type the kind of work, shown where HTTP shows the method, e.g. {@code "JDBC"}
     * @param name what was done, e.g. {@code "find orders by customer"}
     * @param work the work to measure
     * @return what {@code work} returned
     * @throws RecordedFailureException if {@code work} threw
     */
    <T> T time(String type, String name, Callable<T> work);

    /**
     * Runs {@code work} and records its duration, as {@link #time(String, String, Callable)} does for work that
     * returns nothing.
     */
    default void time(String type, String name, ThrowingRunnable work) {
        time(type, name, () -> {
            work.run();
            return null;
        });
    }

    /** {@code ThrowingRunnable} is work measured by {@link VirtualUser#time(String, String, ThrowingRunnable)}. */
    @FunctionalInterface
    @API(status = STABLE, since = "0.1")
    interface ThrowingRunnable {

        /** Does the work. */
        void run() throws Exception;
    }
}
