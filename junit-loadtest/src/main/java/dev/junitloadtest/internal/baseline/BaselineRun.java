package dev.junitloadtest.internal.baseline;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import java.util.Optional;

import org.HdrHistogram.Histogram;
import org.apiguardian.api.API;

import dev.junitloadtest.result.LatencyDistribution;

/**
 * The run a load test class is compared with, as its baseline file holds it: which class it was, when it ran, its load
 * model, and per request its counts, throughput and response-time histogram. Immutable. Internal.
 *
 * @param file the file as it was named (a path relative to the working directory, as configured)
 * @param testClass the full name of the class the run was of
 * @param startedAt when the run started, as written (ISO-8601)
 * @param loadModel the run's load model in words, e.g. {@code 40 users at once for 2s}
 * @param host the host the run sent its requests to, as its reports show it (empty if none)
 * @param requests each request's figures, in the file's order
 */
@API(status = INTERNAL, since = "0.1")
public record BaselineRun(String file, String testClass, String startedAt, String loadModel, String host,
        List<Request> requests) {

    /** Copies the requests. */
    public BaselineRun {
        requests = List.copyOf(requests);
    }

    /** The request recorded as {@code key} ({@code GET /orders}), if the baseline has it. */
    public Optional<Request> request(String key) {
        return requests.stream().filter(request -> request.key().equals(key)).findFirst();
    }

    /**
     * One request of the baseline run.
     *
     * @param method its method, e.g. {@code GET}
     * @param name its name, e.g. {@code /orders/{id}}
     * @param failures how many failed
     * @param throughput requests per second over the run's measured time
     * @param responseTimes its response times (µs)
     */
    public record Request(String method, String name, long failures, double throughput,
            LatencyDistribution responseTimes) {

        /** Method and name, as results name a request: {@code GET /orders}. */
        public String key() {
            return method.isEmpty() ? name : method + " " + name;
        }

        /** Number of requests, failures included. */
        public long count() {
            return responseTimes.count();
        }

        /** Failures as a fraction of all requests, 0 when there were none. */
        public double failureRate() {
            return count() == 0 ? 0 : (double) failures / count();
        }

        static Request of(String method, String name, long failures, double throughput, Histogram histogram) {
            return new Request(method, name, failures, throughput, LatencyDistribution.ofMicros(histogram));
        }
    }
}
