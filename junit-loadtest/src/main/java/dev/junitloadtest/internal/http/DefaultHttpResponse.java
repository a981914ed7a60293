package dev.junitloadtest.internal.http;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpVersion;
import org.apache.hc.core5.http.ProtocolVersion;

import dev.junitloadtest.RecordedFailureException;
import dev.junitloadtest.http.HttpResponse;
import dev.junitloadtest.json.Json;
import dev.junitloadtest.json.JsonParseException;
import dev.junitloadtest.json.JsonValue;

/** An immutable response, or the failure to get one. Internal. */
final class DefaultHttpResponse implements HttpResponse {

    private static final byte[] NO_BODY = new byte[0];
    private static final Header[] NO_HEADERS = new Header[0];

    private final String method;
    private final int status;
    private final Header[] headers;
    private final byte[] body;
    private final ContentType contentType;
    private final URI uri;
    private final long elapsedNanos;
    private final String protocol;
    private volatile String failure;
    private volatile String text;
    private volatile JsonValue json;

    DefaultHttpResponse(String method, int status, Header[] headers, byte[] body, ContentType contentType, URI uri,
            long elapsedNanos, ProtocolVersion version) {
        this.method = method;
        this.status = status;
        this.headers = headers;
        this.body = body == null ? NO_BODY : body;
        this.contentType = contentType;
        this.uri = uri;
        this.elapsedNanos = elapsedNanos;
        this.protocol = protocol(version);
    }

    /** "HTTP/1.1" and the like; those of HTTP/1.x without building them for every response. */
    private static String protocol(ProtocolVersion version) {
        if (version == null) {
            return "";
        }
        if (version == HttpVersion.HTTP_1_1) {
            return "HTTP/1.1";
        }
        if (version == HttpVersion.HTTP_1_0) {
            return "HTTP/1.0";
        }
        return version.getMajor() >= 2 ? "HTTP/" + version.getMajor()
                : version.getProtocol() + "/" + version.getMajor() + "." + version.getMinor();
    }

    static DefaultHttpResponse none(String method, URI uri, long elapsedNanos, String failure) {
        DefaultHttpResponse response = new DefaultHttpResponse(method, 0, NO_HEADERS, NO_BODY, null, uri,
                elapsedNanos, null);
        response.failure = failure;
        return response;
    }

    /** Sets the outcome once the status and checks are decided. */
    void outcome(String failureOrNull) {
        this.failure = failureOrNull;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public Optional<String> header(String name) {
        for (Header header : headers) {
            if (header.getName().equalsIgnoreCase(name)) {
                return Optional.of(header.getValue());
            }
        }
        return Optional.empty();
    }

    @Override
    public List<String> headers(String name) {
        List<String> values = new ArrayList<>();
        for (Header header : headers) {
            if (header.getName().equalsIgnoreCase(name)) {
                values.add(header.getValue());
            }
        }
        return Collections.unmodifiableList(values);
    }

    @Override
    public Map<String, List<String>> headers() {
        Map<String, List<String>> all = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (Header header : headers) {
            String name = names.computeIfAbsent(header.getName().toLowerCase(Locale.ROOT), k -> header.getName());
            all.computeIfAbsent(name, k -> new ArrayList<>()).add(header.getValue());
        }
        all.replaceAll((k, v) -> List.copyOf(v));
        return Collections.unmodifiableMap(all);
    }

    @Override
    public String body() {
        String decoded = text;
        if (decoded == null) {
            Charset charset = contentType == null || contentType.getCharset() == null ? StandardCharsets.UTF_8
                    : contentType.getCharset();
            decoded = new String(body, charset);
            text = decoded;
        }
        return decoded;
    }

    @Override
    public byte[] bodyBytes() {
        return body.clone();
    }

    int bodyLength() {
        return body.length;
    }

    @Override
    public JsonValue json() {
        JsonValue parsed = json;
        if (parsed == null) {
            try {
                parsed = Json.parse(body());
            } catch (JsonParseException e) {
                throw new IllegalStateException("The response to " + method + " " + uri.getRawPath()
                        + (status == 0 ? " (none: " + failure + ")" : " (HTTP " + status + ")")
                        + " is not JSON: " + e.getMessage(), e);
            }
            json = parsed;
        }
        return parsed;
    }

    @Override
    public String protocol() {
        return protocol;
    }

    @Override
    public URI uri() {
        return uri;
    }

    @Override
    public Duration elapsed() {
        return Duration.ofNanos(elapsedNanos);
    }

    @Override
    public boolean isSuccess() {
        return failure == null;
    }

    @Override
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public HttpResponse orThrow() {
        String why = failure;
        if (why != null) {
            throw new RecordedFailureException(method + " " + uri.getRawPath() + " failed: " + why, null);
        }
        return this;
    }

    @Override
    public String toString() {
        return method + " " + uri + " → " + (status == 0 ? "no response" : String.valueOf(status))
                + (failure == null ? "" : " (failure: " + failure + ")");
    }
}
