package dev.junitloadtest.sampletarget;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Go's {@code "/"} pattern: every other path, any method, answers {@code Server OK}. */
class HomeRouteTests {

    private final CapturedOutput printed = new CapturedOutput();

    @AutoClose
    final SampleTarget target = SampleTarget.builder().printRequestsTo(printed.stream()).start();

    @AutoClose
    final Http http = new Http();

    @ParameterizedTest
    @ValueSource(strings = {"/", "/anything", "/a/b/c", "/volatile/", "/buggy/", "/buggy/1", "/Volatile", "/BUGGY", "/?q=/buggy"})
    void everyOtherPathIsServedByHome(String path) {
        HttpResponse<String> response = http.get(target.baseUri().resolve(path));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("Server OK");
        assertThat(target.requestsServed(SampleTarget.Route.HOME)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "BREW"})
    void anyMethodIsServed(String method) {
        HttpResponse<String> response = http.send(method, target.baseUri().resolve("/"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("Server OK");
    }

    @Test
    void hashMarkIsPartOfThePathAsInGo() throws IOException {
        try (RawConnection connection = new RawConnection(target.baseUri())) {
            connection.send("GET", "/volatile#x");

            assertThat(connection.read(false).body()).isEqualTo("Server OK");
        }
    }

    @Test
    void percentEncodedPathIsDecodedBeforeRouting() throws IOException {
        try (RawConnection connection = new RawConnection(target.baseUri())) {
            connection.send("GET", "/%62uggy");

            assertThat(connection.read(false).body()).isEqualTo("Internal Server Error\n");
        }
    }

    @Test
    void printsGosLinePerRequest() {
        http.get(target.baseUri().resolve("/"));
        http.get(target.baseUri().resolve("/other"));

        assertThat(printed.text()).isEqualTo("Served home request\nServed home request\n");
    }

    @Test
    void doesNotTouchTheCounter() {
        target.setCounter(7);

        http.get(target.baseUri().resolve("/"));

        assertThat(target.counter()).isEqualTo(7);
    }
}
