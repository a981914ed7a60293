package dev.junitloadtest.sampletarget;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.junitloadtest.sampletarget.SampleTarget.Route;
import java.io.IOException;
import java.net.URI;

/**
 * The one JDK handler of the target: routes as Go's {@code ServeMux} does for these patterns, counts the
 * request, and answers it.
 *
 * <p>Internal: not for users. Thread-safe; runs on one virtual thread per request.
 */
final class TargetHandler implements HttpHandler {

    private final Endpoints endpoints;
    private final ServedRequests served;

    TargetHandler(Endpoints endpoints, ServedRequests served) {
        this.endpoints = endpoints;
        this.served = served;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Route route = Route.forPath(goPath(exchange.getRequestURI()));
            // Counted before any sleep, so a request cut by close() still counts as served.
            served.increment(route);
            TextResponse response = switch (route) {
                case HOME -> endpoints.home();
                case VOLATILE -> endpoints.volatileDelay();
                case BUGGY -> endpoints.buggy();
            };
            response.send(exchange);
        } catch (InterruptedException e) {
            // Only close() interrupts a handler, after the server closed every connection: nothing to answer.
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The decoded path as Go's {@code url.ParseRequestURI} reads the request target: a {@code #} is part of
     * the path there (browsers never send fragments), where {@link URI} splits it off as a fragment.
     */
    static String goPath(URI target) {
        String fragment = target.getFragment();
        return fragment == null ? target.getPath() : target.getPath() + "#" + fragment;
    }
}
