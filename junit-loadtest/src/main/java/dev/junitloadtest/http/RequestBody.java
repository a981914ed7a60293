package dev.junitloadtest.http;

import static org.apiguardian.api.API.Status.STABLE;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.apiguardian.api.API;

import dev.junitloadtest.json.Json;

/**
 * {@code RequestBody} is the body of a request: its bytes and content type. Immutable.
 */
@API(status = STABLE, since = "0.1")
public final class RequestBody {

    private final byte[] content;
    private final String contentType;

    private RequestBody(byte[] content, String contentType) {
        this.content = content;
        this.contentType = contentType;
    }

    /** A JSON body ({@code application/json}) holding {@code json} as it is. */
    public static RequestBody json(String json) {
        Objects.requireNonNull(json, "json");
        return new RequestBody(json.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    /**
     * A JSON body written from {@code value}: a {@link Map} (an object, keys as strings), an {@link Iterable} or array
     * (an array), a {@link CharSequence}, {@link Number}, {@link Boolean}, {@code null}, or a
     * {@link dev.junitloadtest.json.JsonValue}, nested as deep as needed.
     */
    public static RequestBody json(Object value) {
        return json(Json.write(value));
    }

    /**
     * A form body ({@code application/x-www-form-urlencoded}), fields in the map's iteration order, names and values
     * URL-encoded ({@code toString()} of each value).
     */
    public static RequestBody form(Map<String, ?> fields) {
        Objects.requireNonNull(fields, "fields");
        StringBuilder form = new StringBuilder();
        fields.forEach((name, value) -> {
            if (!form.isEmpty()) {
                form.append('&');
            }
            form.append(FormEncoding.encode(name)).append('=').append(FormEncoding.encode(String.valueOf(value)));
        });
        return new RequestBody(form.toString().getBytes(StandardCharsets.US_ASCII), "application/x-www-form-urlencoded");
    }

    /** A form body from alternating names and values: {@code form("user", "ann", "password", secret)}. */
    public static RequestBody form(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("RequestBody.form requires names and values in pairs, but got "
                    + namesAndValues.length + " strings");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return form(fields);
    }

    /** A {@code text/plain; charset=UTF-8} body. */
    public static RequestBody text(String text) {
        return text(text, "text/plain; charset=UTF-8");
    }

    /** A text body of the given content type, encoded as UTF-8. */
    public static RequestBody text(String text, String contentType) {
        Objects.requireNonNull(text, "text");
        return new RequestBody(text.getBytes(StandardCharsets.UTF_8), Objects.requireNonNull(contentType, "contentType"));
    }

    /** A body of raw bytes; the array is copied. */
    public static RequestBody bytes(byte[] content, String contentType) {
        return new RequestBody(content.clone(), Objects.requireNonNull(contentType, "contentType"));
    }

    /** The body's bytes (a copy). */
    public byte[] content() {
        return content.clone();
    }

    /** The content type sent with the body. */
    public String contentType() {
        return contentType;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RequestBody body && Arrays.equals(content, body.content)
                && contentType.equals(body.contentType);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(content) + contentType.hashCode();
    }

    @Override
    public String toString() {
        return "RequestBody[" + contentType + ", " + content.length + " bytes]";
    }
}
