package dev.junitloadtest.sampletarget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junitloadtest.sampletarget.RawConnection.Response;
import java.io.IOException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The bytes on the wire, compared with what Go's net/http sends for the same handlers: status lines, header
 * values and bodies, HEAD without a body, and keep-alive. (Header names differ in case only: the JDK sends
 * {@code Content-type}, Go {@code Content-Type}; HTTP field names are case-insensitive.)
 */
class GoResponseFormatTests {

    /** Go's {@code http.TimeFormat}. */
    private static final DateTimeFormatter GO_TIME_FORMAT =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

    @AutoClose
    final SampleTarget target = SampleTarget.start();

    @AutoClose
    final RawConnection connection = new RawConnection(target.baseUri());

    GoResponseFormatTests() throws IOException {
    }

    private Response exchange(String method, String path) throws IOException {
        connection.send(method, path);
        return connection.read(method.equals("HEAD"));
    }

    @Test
    void homeIsA200WithSniffedPlainText() throws IOException {
        Response response = exchange("GET", "/");

        assertThat(response.statusLine()).isEqualTo("HTTP/1.1 200 OK");
        assertThat(response.headers()).containsOnlyKeys("date", "content-type", "content-length");
        assertThat(response.headers()).containsEntry("content-type", "text/plain; charset=utf-8");
        assertThat(response.headers()).containsEntry("content-length", "9");
        assertThat(response.body()).isEqualTo("Server OK");
    }

    @Test
    void buggyFailureIsGosHttpError() throws IOException {
        Response response = exchange("GET", "/buggy");

        assertThat(response.statusLine()).isEqualTo("HTTP/1.1 500 Internal Server Error");
        assertThat(response.headers()).containsOnlyKeys("date", "content-type", "content-length", "x-content-type-options");
        assertThat(response.headers()).containsEntry("content-type", "text/plain; charset=utf-8");
        assertThat(response.headers()).containsEntry("x-content-type-options", "nosniff");
        assertThat(response.headers()).containsEntry("content-length", "22");
        assertThat(response.body()).isEqualTo("Internal Server Error\n");
    }

    @Test
    void buggySuccessIsA200WithSniffedPlainText() throws IOException {
        target.setCounter(1);

        Response response = exchange("GET", "/buggy");

        assertThat(response.statusLine()).isEqualTo("HTTP/1.1 200 OK");
        assertThat(response.headers()).containsOnlyKeys("date", "content-type", "content-length");
        assertThat(response.headers()).containsEntry("content-type", "text/plain; charset=utf-8");
        assertThat(response.headers()).containsEntry("content-length", "16");
        assertThat(response.body()).isEqualTo("Ok for request 1");
    }

    @Test
    void volatileIsA200WithSniffedPlainText() throws IOException {
        Response response = exchange("GET", "/volatile");

        assertThat(response.statusLine()).isEqualTo("HTTP/1.1 200 OK");
        assertThat(response.headers()).containsOnlyKeys("date", "content-type", "content-length");
        assertThat(response.headers()).containsEntry("content-type", "text/plain; charset=utf-8");
        assertThat(response.headers()).containsEntry("content-length", "34");
        assertThat(response.body()).isEqualTo("Produced response after 0 second/s");
    }

    @Test
    void dateIsNowInGosTimeFormat() throws IOException {
        Response response = exchange("GET", "/");

        ZonedDateTime date = ZonedDateTime.parse(response.headers().get("date"), GO_TIME_FORMAT.withZone(ZoneOffset.UTC));
        assertThat(Duration.between(date, ZonedDateTime.now()).abs()).isLessThan(Duration.ofMinutes(1));
    }

    @Test
    void headAnnouncesTheLengthOfTheBodyItLeavesOut() throws IOException {
        Response head = exchange("HEAD", "/");
        // The next response on the same connection must start right away: no body bytes followed the HEAD one.
        Response get = exchange("GET", "/");

        assertThat(head.statusLine()).isEqualTo("HTTP/1.1 200 OK");
        assertThat(head.headers()).containsEntry("content-length", "9");
        assertThat(head.headers()).containsEntry("content-type", "text/plain; charset=utf-8");
        assertThat(get.body()).isEqualTo("Server OK");
    }

    @Test
    void headOfAFailureKeepsGosErrorHeaders() throws IOException {
        Response head = exchange("HEAD", "/buggy");
        Response next = exchange("GET", "/buggy");

        assertThat(head.statusLine()).isEqualTo("HTTP/1.1 500 Internal Server Error");
        assertThat(head.headers()).containsEntry("content-length", "22");
        assertThat(head.headers()).containsEntry("x-content-type-options", "nosniff");
        assertThat(next.body()).isEqualTo("Ok for request 1");
    }

    @Test
    void connectionIsKeptAliveAcrossRequests() throws IOException {
        for (int i = 0; i < 20; i++) {
            assertThat(exchange("GET", "/").body()).isEqualTo("Server OK");
        }
        assertThat(target.requestsServed()).isEqualTo(20);
    }

    @Test
    void requestBodyIsIgnored() throws IOException {
        connection.send("POST", "/buggy");
        Response failure = connection.read(false);
        String post = "POST /buggy HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n\r\nhello";
        connection.sendRaw(post);

        assertThat(failure.statusLine()).isEqualTo("HTTP/1.1 500 Internal Server Error");
        assertThat(connection.read(false).body()).isEqualTo("Ok for request 1");
        assertThat(exchange("GET", "/").body()).isEqualTo("Server OK");
    }
}
