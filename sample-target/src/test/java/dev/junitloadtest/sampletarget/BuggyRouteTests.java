package dev.junitloadtest.sampletarget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junitloadtest.sampletarget.SampleTarget.Route;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Go's {@code "/buggy"}: a 500 on every fifth request of the shared counter, starting with the first. */
class BuggyRouteTests {

    private final CapturedOutput printed = new CapturedOutput();

    @AutoClose
    final SampleTarget target = SampleTarget.builder().printRequestsTo(printed.stream()).start();

    @AutoClose
    final Http http = new Http();

    private URI buggy() {
        return target.baseUri().resolve("/buggy");
    }

    @Test
    void firstRequestFails() {
        HttpResponse<String> response = http.get(buggy());

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).isEqualTo("Internal Server Error\n");
    }

    @Test
    void everyFifthRequestFailsAndTheOthersSayTheirNumber() {
        List<String> responses = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            HttpResponse<String> response = http.get(buggy());
            responses.add(response.statusCode() + " " + response.body());
        }

        assertThat(responses).containsExactly(
                "500 Internal Server Error\n",
                "200 Ok for request 1", "200 Ok for request 2", "200 Ok for request 3", "200 Ok for request 4",
                "500 Internal Server Error\n",
                "200 Ok for request 6", "200 Ok for request 7", "200 Ok for request 8", "200 Ok for request 9",
                "500 Internal Server Error\n");
    }

    @Test
    void printsGosLineOnlyForFailures() {
        for (int i = 0; i < 11; i++) {
            http.get(buggy());
        }

        assertThat(printed.text()).isEqualTo(
                "Returning error at 0 request \nReturning error at 5 request \nReturning error at 10 request \n");
    }

    @Test
    void methodPlaysNoPart() {
        assertThat(http.send("DELETE", buggy()).statusCode()).isEqualTo(500);
        assertThat(http.send("PUT", buggy()).body()).isEqualTo("Ok for request 1");
        assertThat(http.send("HEAD", buggy()).statusCode()).isEqualTo(200);
        assertThat(target.counter()).isEqualTo(3);
    }

    @Test
    void startsFromTheCounterSet() {
        target.setCounter(42);

        assertThat(http.get(buggy()).body()).isEqualTo("Ok for request 42");
        assertThat(target.counter()).isEqualTo(43);
    }

    @Test
    void resetCounterMakesTheNextRequestFail() {
        http.get(buggy());
        http.get(buggy());

        target.resetCounter();

        assertThat(http.get(buggy()).statusCode()).isEqualTo(500);
    }

    @Test
    void queryStringPlaysNoPartInRouting() {
        HttpResponse<String> response = http.get(target.baseUri().resolve("/buggy?n=1"));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(target.requestsServed(Route.BUGGY)).isEqualTo(1);
    }

    @Test
    void counterWrapsAsGosInt32() {
        target.setCounter(Integer.MAX_VALUE);

        assertThat(http.get(buggy()).body()).isEqualTo("Ok for request 2147483647");
        assertThat(http.get(buggy()).body()).isEqualTo("Ok for request -2147483648"); // -2147483648 % 5 == -3 in Go too
        target.setCounter(-2_147_483_645); // a multiple of 5
        assertThat(http.get(buggy()).statusCode()).isEqualTo(500);
        assertThat(printed.text()).isEqualTo("Returning error at -2147483645 request \n");
    }
}
