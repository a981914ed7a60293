package dev.junitloadtest.internal.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.IntPredicate;

import org.apache.hc.core5.http.impl.EnglishReasonPhraseCatalog;

import dev.junitloadtest.http.HttpRequest;
import dev.junitloadtest.internal.config.DurationSyntax;
import dev.junitloadtest.http.HttpResponse;
import dev.junitloadtest.http.RequestBody;
import dev.junitloadtest.http.ResponseCheck;

/** A request being built, then sent, measured and recorded by {@link #send()}. Internal. */
final class DefaultHttpRequest implements HttpRequest {

    private static final IntPredicate BELOW_400 = status -> status > 0 && status < 400;

    private final UserHttp http;
    private final String method;
    private final String template;
    private final Object[] pathVariables;
    /** The request's own headers, or null without any. */
    private List<String[]> headers;
    private StringBuilder query;
    private RequestBody body;
    private String name;
    private Duration timeout;
    private Boolean followRedirects;
    private IntPredicate expected = BELOW_400;
    private String expectedDescription = "below 400";
    private List<ResponseCheck> checks;

    DefaultHttpRequest(UserHttp http, String method, String template, Object[] pathVariables) {
        this.http = http;
        this.method = method;
        this.template = template;
        this.pathVariables = pathVariables == null ? new Object[0] : pathVariables;
    }

    @Override
    public HttpRequest header(String headerName, String value) {
        if (headers == null) {
            headers = new ArrayList<>(2);
        }
        headers.add(new String[] {Objects.requireNonNull(headerName, "name"), Objects.requireNonNull(value, "value")});
        http.sink().secrets().addIfSecret(headerName, value);
        return this;
    }

    @Override
    public HttpRequest query(String parameterName, Object value) {
        http.sink().secrets().addIfSecret(parameterName, String.valueOf(value));
        if (query == null) {
            query = new StringBuilder();
        } else {
            query.append('&');
        }
        query.append(URLEncoder.encode(parameterName, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8));
        return this;
    }

    @Override
    public HttpRequest query(Map<String, ?> parameters) {
        parameters.forEach(this::query);
        return this;
    }

    @Override
    public HttpRequest body(RequestBody requestBody) {
        this.body = Objects.requireNonNull(requestBody, "body");
        return this;
    }

    @Override
    public HttpRequest name(String requestName) {
        this.name = Objects.requireNonNull(requestName, "name");
        return this;
    }

    @Override
    public HttpRequest timeout(Duration responseTimeout) {
        if (responseTimeout.isNegative() || responseTimeout.isZero()) {
            throw new IllegalArgumentException("A response timeout must be > 0, but was " + responseTimeout);
        }
        this.timeout = responseTimeout;
        return this;
    }

    @Override
    public HttpRequest followRedirects(boolean follow) {
        this.followRedirects = follow;
        return this;
    }

    @Override
    public HttpRequest expect(int... statuses) {
        int[] accepted = statuses.clone();
        this.expected = status -> {
            for (int s : accepted) {
                if (s == status) {
                    return true;
                }
            }
            return false;
        };
        this.expectedDescription = accepted.length == 1 ? String.valueOf(accepted[0])
                : "one of " + java.util.Arrays.toString(accepted);
        return this;
    }

    @Override
    public HttpRequest expectStatus(IntPredicate success) {
        IntPredicate accepted = Objects.requireNonNull(success, "success");
        this.expected = status -> status > 0 && accepted.test(status);
        this.expectedDescription = "an accepted status";
        return this;
    }

    @Override
    public HttpRequest check(ResponseCheck check) {
        if (checks == null) {
            checks = new ArrayList<>(1);
        }
        checks.add(Objects.requireNonNull(check, "check"));
        return this;
    }

    @Override
    public HttpResponse send() {
        RequestSink sink = http.sink();
        String path = PathTemplate.expand(template, pathVariables);
        String recordedName = name != null ? name : PathTemplate.name(template);
        String target = query == null ? path : path + (path.indexOf('?') < 0 ? '?' : '&') + query;
        URI uri = http.knownUri(target);
        if (uri == null) {
            uri = resolve(sink, path, target);
            http.rememberUri(target, uri);
        }
        List<String[]> defaults = http.defaultHeaders();
        List<String[]> allHeaders = defaults;
        if (headers != null) {
            allHeaders = new ArrayList<>(defaults.size() + headers.size());
            allHeaders.addAll(defaults);
            allHeaders.addAll(headers);
        }
        byte[] content = null;
        if (body != null) {
            content = body.content();
            SecretScan.body(content, body.contentType(), sink.secrets());
        }
        Transport.Outgoing request = new Transport.Outgoing(method, uri, allHeaders, content,
                body == null ? null : body.contentType(), timeout, followRedirects == null || followRedirects);

        HttpTransport transport = http.transport();
        if (!http.knownAllowed(uri)) {
            int port = Transport.port(uri.getScheme(), uri.getPort());
            if (!transport.trust().allows(uri.getHost(), port)) {
                // Refused before a byte is sent; recorded, so the report shows what was attempted.
                String error = blocked("host", uri.getHost() + ":" + port, transport);
                sink.record(method, recordedName, 0, 0, error);
                return DefaultHttpResponse.none(method, uri, 0, error);
            }
            http.rememberAllowed(uri);
        }
        try {
            if (!transport.awaitRateSlot()) {
                throw notSent(sink, "the run stopped while it waited for the rate cap", path);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw notSent(sink, "the run stopped while it waited for the rate cap", path);
        }
        Duration responseTimeout = timeout != null ? timeout : transport.responseTimeout();
        long start = System.nanoTime();
        Transport.Outcome exchange = http.channel().exchange(request, start + responseTimeout.toNanos());
        if (exchange.interrupted()) {
            // A request written to its connection has reached (or is reaching) the target: count it, so the totals
            // match what the target saw. One that never left is not counted as the target's.
            if (!exchange.sent()) {
                throw notSent(sink, "the run stopped before it was sent", path);
            }
            sink.record(method, recordedName, (System.nanoTime() - start) / 1000, 0,
                    "Cancelled: the run stopped before the response arrived");
            throw new InterruptedRequestException(method + " " + path + " was cut: the run is stopping");
        }
        long elapsed = exchange.endNanos() - start;
        long serviceMicros = elapsed / 1000;
        Transport.Received received = exchange.response();
        if (received == null) {
            String generatorSide = exchange.timedOut() ? null : transport.failures().notSentReason(exchange.failure());
            if (generatorSide != null) {
                // The load generator failed, not the target: the run is being stopped and failed for it.
                if (!exchange.sent()) {
                    throw notSent(sink, generatorSide, path);
                }
                sink.record(method, recordedName, serviceMicros, 0,
                        "Cancelled: the load generator failed before the response arrived");
                throw new InterruptedRequestException(method + " " + path + " was cut: the load generator failed");
            }
            // A time-out before the request was written is the connect timeout's (TCP connect and TLS handshake).
            String error = exchange.timedOut() ? timeoutMessage(responseTimeout)
                    : !exchange.sent() && isTimeout(exchange.failure())
                            ? "ConnectTimeoutException: no connection within "
                                    + DurationSyntax.format(transport.connectTimeout())
                            : describe(exchange.failure(), responseTimeout);
            DefaultHttpResponse none = DefaultHttpResponse.none(method, uri, elapsed, error);
            sink.record(method, recordedName, serviceMicros, 0, error);
            return none;
        }
        transport.failures().responseBody(received.body() == null ? 0 : received.body().length);
        DefaultHttpResponse response = new DefaultHttpResponse(method, received.status(), received.headers(),
                received.body(), received.contentType(), uri, elapsed, received.version());
        SecretScan.cookies(received.headers(), sink.secrets());
        String error = exchange.blockedRedirect() != null
                ? blocked("redirect to host", exchange.blockedRedirect(), transport) : judge(response);
        response.outcome(error);
        sink.record(method, recordedName, serviceMicros, response.bodyLength(), error);
        return response;
    }

    private static String blocked(String what, String hostAndPort, HttpTransport transport) {
        return "Blocked: " + what + " " + hostAndPort + " is not in the allowed hosts "
                + transport.trust().allowedHosts() + " (@LoadTest(allowedHosts) or -D"
                + dev.junitloadtest.LoadTestConstants.ALLOWED_HOSTS_PROPERTY_NAME + ")";
    }

    private String judge(DefaultHttpResponse response) {
        int status = response.status();
        if (!expected.test(status)) {
            String reason = EnglishReasonPhraseCatalog.INSTANCE.getReason(status, null);
            String text = "HTTP " + status + (reason == null ? "" : " " + reason);
            return expected == BELOW_400 ? text : text + " (expected " + expectedDescription + ")";
        }
        if (checks != null) {
            for (ResponseCheck check : checks) {
                try {
                    check.verify(response);
                } catch (VirtualMachineError e) {
                    throw e;
                } catch (Throwable e) {
                    String message = e.getMessage();
                    return "Check failed: " + (message == null || message.isBlank() ? e.getClass().getName() : message);
                }
            }
        }
        return null;
    }

    private URI resolve(RequestSink sink, String path, String full) {
        if (full.startsWith("http://") || full.startsWith("https://")) {
            return uri(full);
        }
        URI host = http.host().orElseThrow(() -> sink.missingHost(method, path));
        String base = host.toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return uri(base + (full.startsWith("/") ? full : "/" + full));
    }

    private static URI uri(String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Not a valid request URI: " + text + " (" + e.getMessage() + ")", e);
        }
    }

    /** The failure of a request whose response was not complete within {@code responseTimeout}. */
    private static String timeoutMessage(Duration responseTimeout) {
        return "SocketTimeoutException: no complete response within " + DurationSyntax.format(responseTimeout);
    }

    /** Counts a request the load generator did not send, and returns what ends the task that asked for it. */
    private InterruptedRequestException notSent(RequestSink sink, String reason, String path) {
        sink.notSent(reason);
        return new InterruptedRequestException(method + " " + path + " was not sent: " + reason);
    }

    private static boolean isTimeout(Exception failure) {
        Throwable cause = failure instanceof java.util.concurrent.ExecutionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof java.net.SocketTimeoutException;
    }

    /** How a request that got no response is shown in the failure statistics. */
    static String describe(Exception failure, Duration responseTimeout) {
        if (failure == null) {
            return "No response";
        }
        Throwable cause = failure;
        if (cause instanceof java.util.concurrent.ExecutionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof java.net.SocketTimeoutException && responseTimeout != null) {
            return timeoutMessage(responseTimeout);
        }
        if (cause instanceof CancellationException) {
            return "Cancelled: " + cause.getMessage();
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
