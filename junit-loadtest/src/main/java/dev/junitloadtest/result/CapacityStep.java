package dev.junitloadtest.result;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

import org.apiguardian.api.API;

/**
 * {@code CapacityStep} is one step of a capacity search as it was judged: its users, and the figures of all
 * requests together in its steady part (the step after its warm-up), with the budgets it broke. Immutable.
 *
 * @param number the step's number, from 1
 * @param users the users it ran; 0 in a search of the arrival rate, whose users come and go with the iterations
 * @param arrivalRate the iterations per second it started, in a search of the arrival rate; empty in a search of users
 * @param narrowing whether it narrowed the capacity down after the search found its limit (judged once, not
 *        confirmed)
 * @param judgedFrom where its steady part starts, from the run's start
 * @param judgedTo where its steady part ends, from the run's start
 * @param requests the requests of its steady part, failures included
 * @param failures the failed requests of its steady part
 * @param requestsPerSecond requests per second of its steady part
 * @param p50 the median response time of its steady part (zero without requests)
 * @param p95 the 95th percentile response time of its steady part (zero without requests)
 * @param p99 the 99th percentile response time of its steady part (zero without requests)
 * @param breaches the figures of each budget it broke, e.g.
 *        {@code p95 of all requests in step 3 (12.0-16.0 s) was 61.2 ms, budget < 50 ms (n=812)}; empty if it held
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record CapacityStep(int number, int users, OptionalDouble arrivalRate, boolean narrowing, Duration judgedFrom, Duration judgedTo, long requests,
        long failures, double requestsPerSecond, Duration p50, Duration p95, Duration p99, List<String> breaches) {

    /** Checks that no component is null, and copies the breaches. */
    public CapacityStep {
        Objects.requireNonNull(arrivalRate, "arrivalRate");
        Objects.requireNonNull(judgedFrom, "judgedFrom");
        Objects.requireNonNull(judgedTo, "judgedTo");
        Objects.requireNonNull(p50, "p50");
        Objects.requireNonNull(p95, "p95");
        Objects.requireNonNull(p99, "p99");
        breaches = List.copyOf(breaches);
    }

    /** The load it ran, users or iterations per second, as a number. */
    public double load() {
        return arrivalRate.isPresent() ? arrivalRate.getAsDouble() : users;
    }

    /** The load it ran in words: {@code 8 users}, {@code 180 iterations/s}. */
    public String describeLoad() {
        return arrivalRate.isPresent() ? Formats.compact(arrivalRate.getAsDouble()) + " iterations/s"
                : users + " users";
    }

    /** Whether it met every budget. */
    public boolean held() {
        return breaches.isEmpty();
    }

    /** Failed requests as a share of all, from 0 to 1; zero without requests. */
    public double failureRate() {
        return requests == 0 ? 0 : (double) failures / requests;
    }

    /** Its figures in words: {@code 812.4 req/s, p95 43.1 ms, 0.00% failed}. */
    public String figures() {
        return Formats.readableRate(requestsPerSecond) + " req/s, p95 " + Formats.readableMillis(p95) + " ms, "
                + Formats.percent(failureRate(), 2) + " failed";
    }
}
