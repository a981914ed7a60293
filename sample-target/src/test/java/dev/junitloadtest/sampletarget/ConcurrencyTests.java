package dev.junitloadtest.sampletarget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junitloadtest.sampletarget.SampleTarget.Route;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Exactness under concurrency: the atomic counter and the served-request counts. */
class ConcurrencyTests {

    private final CapturedOutput printed = new CapturedOutput();

    @AutoClose
    final SampleTarget target = SampleTarget.builder()
            .printRequestsTo(printed.stream())
            .sleeper(new RecordingSleeper())
            .start();

    @AutoClose
    final Http http = new Http();

    @AutoClose("shutdownNow")
    final ExecutorService clients = Executors.newFixedThreadPool(100);

    private List<HttpResponse<String>> getAll(String path, int requests) throws Exception {
        URI uri = target.baseUri().resolve(path);
        List<Future<HttpResponse<String>>> futures = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            futures.add(clients.submit(() -> http.get(uri)));
        }
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (Future<HttpResponse<String>> future : futures) {
            responses.add(future.get());
        }
        return responses;
    }

    @Test
    void exactlyOneBuggyRequestInFiveFails() throws Exception {
        List<HttpResponse<String>> responses = getAll("/buggy", 500);

        assertThat(responses).filteredOn(r -> r.statusCode() == 500).hasSize(100);
        assertThat(target.counter()).isEqualTo(500);
    }

    @Test
    void everyBuggyRequestSeesItsOwnCounterValue() throws Exception {
        List<String> seen = new ArrayList<>();
        for (HttpResponse<String> response : getAll("/buggy", 500)) {
            if (response.statusCode() == 200) {
                seen.add(response.body().substring("Ok for request ".length()));
            }
        }
        printed.text().lines().forEach(line -> seen.add(line.replaceAll("Returning error at (\\d+) request ", "$1")));

        assertThat(seen).containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, 500).mapToObj(Integer::toString).toList());
    }

    @Test
    void requestsServedCountsEveryRequestOfEveryRoute() throws Exception {
        try (ExecutorService routes = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<List<HttpResponse<String>>>> batches = List.of(
                    routes.submit(() -> getAll("/", 300)),
                    routes.submit(() -> getAll("/buggy", 200)),
                    routes.submit(() -> getAll("/volatile", 100)));
            for (Future<List<HttpResponse<String>>> batch : batches) {
                batch.get();
            }
        }

        assertThat(target.requestsServed(Route.HOME)).isEqualTo(300);
        assertThat(target.requestsServed(Route.BUGGY)).isEqualTo(200);
        assertThat(target.requestsServed(Route.VOLATILE)).isEqualTo(100);
        assertThat(target.requestsServed()).isEqualTo(600);
    }
}
