package dev.junitloadtest.sampletarget;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A short plain-text response, written the way Go's net/http writes it.
 *
 * <p>Internal: not for users. Immutable.
 *
 * <p>Go sniffs {@code text/plain; charset=utf-8} for every body this target writes, and sets
 * {@code Content-Length} because each body fits its buffer; {@code http.Error} also sets
 * {@code X-Content-Type-Options: nosniff} and ends the message with a newline. For {@code HEAD}, Go eats the
 * body but still announces the length the body would have had, so this does the same.
 *
 * @param status the HTTP status code
 * @param body the body, sent as UTF-8; never empty (the JDK would switch to chunked encoding)
 * @param noSniff whether to send {@code X-Content-Type-Options: nosniff}, as Go's {@code http.Error} does
 */
record TextResponse(int status, String body, boolean noSniff) {

    static final String CONTENT_TYPE = "text/plain; charset=utf-8";

    /** A 200 with {@code body}, as {@code fmt.Fprintf(w, body)} produces. */
    static TextResponse ok(String body) {
        return new TextResponse(200, body, false);
    }

    /** What {@code http.Error(w, http.StatusText(500), 500)} produces. */
    static TextResponse internalServerError() {
        return new TextResponse(500, "Internal Server Error\n", true);
    }

    /** Sends this response and completes the exchange (the JDK adds {@code Date}). */
    void send(HttpExchange exchange) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", CONTENT_TYPE);
        if (noSniff) {
            headers.set("X-Content-Type-Options", "nosniff");
        }
        if ("HEAD".equals(exchange.getRequestMethod())) {
            // The JDK sends no Content-Length for HEAD unless set by hand, and logs a warning if given one.
            headers.set("Content-Length", Integer.toString(bytes.length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
