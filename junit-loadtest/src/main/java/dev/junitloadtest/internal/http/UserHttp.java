package dev.junitloadtest.internal.http;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.apiguardian.api.API;

import dev.junitloadtest.http.Cookies;
import dev.junitloadtest.http.Http;
import dev.junitloadtest.http.HttpRequest;
import dev.junitloadtest.http.HttpResponse;
import dev.junitloadtest.http.RequestBody;

/**
 * One virtual user's {@link Http}: its cookie store, its default headers, and a connection state that keeps its
 * connections its own. Belongs to the user's thread. Internal.
 */
@API(status = INTERNAL, since = "0.1")
public final class UserHttp implements Http {

    private final HttpTransport transport;
    private final RequestSink sink;
    private final UserCookieStore cookieStore = new UserCookieStore();
    private final Map<String, String[]> defaultHeaders = new LinkedHashMap<>();
    /** The default headers as one list, made again when they change: most requests send just these. */
    private List<String[]> defaultHeaderList = List.of();
    private final UserCookies cookies;
    private final Transport.UserChannel channel;
    private String lastTarget;
    private URI lastUri;
    private URI lastAllowed;
    private final Optional<URI> host;

    /** A client for one user, with its own cookies and connections. */
    public UserHttp(HttpTransport transport, RequestSink sink) {
        this.transport = transport;
        this.sink = sink;
        this.channel = transport.open(cookieStore);
        this.host = sink.host().map(UserHttp::withoutUserInfo);
        this.cookies = new UserCookies(cookieStore, host, sink.secrets());
        // A host written http://user:password@host logs in with Basic authentication, as browsers and Locust do;
        // HttpClient itself refuses user info in a request URI.
        sink.host().map(URI::getRawUserInfo).ifPresent(userInfo -> defaultHeader("Authorization", "Basic "
                + Base64.getEncoder().encodeToString(URLDecoder.decode(userInfo, StandardCharsets.UTF_8)
                        .getBytes(StandardCharsets.UTF_8))));
    }

    private static URI withoutUserInfo(URI uri) {
        if (uri.getRawUserInfo() == null) {
            return uri;
        }
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(),
                    uri.getFragment());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("Host " + uri.getHost() + " cannot be used without its user info", e);
        }
    }

    /** The base URI of relative paths, without user info. */
    Optional<URI> host() {
        return host;
    }

    @Override
    public HttpResponse get(String path, Object... pathVariables) {
        return request("GET", path, pathVariables).send();
    }

    @Override
    public HttpResponse head(String path, Object... pathVariables) {
        return request("HEAD", path, pathVariables).send();
    }

    @Override
    public HttpResponse delete(String path, Object... pathVariables) {
        return request("DELETE", path, pathVariables).send();
    }

    @Override
    public HttpResponse post(String path, RequestBody body, Object... pathVariables) {
        return request("POST", path, pathVariables).body(body).send();
    }

    @Override
    public HttpResponse put(String path, RequestBody body, Object... pathVariables) {
        return request("PUT", path, pathVariables).body(body).send();
    }

    @Override
    public HttpResponse patch(String path, RequestBody body, Object... pathVariables) {
        return request("PATCH", path, pathVariables).body(body).send();
    }

    @Override
    public HttpRequest request(String method, String path, Object... pathVariables) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        return new DefaultHttpRequest(this, method.toUpperCase(Locale.ROOT), path, pathVariables);
    }

    @Override
    public Http defaultHeader(String name, String value) {
        sink.secrets().addIfSecret(name, value);
        defaultHeaders.put(name.toLowerCase(Locale.ROOT), new String[] {name, value});
        defaultHeaderList = List.copyOf(defaultHeaders.values());
        return this;
    }

    @Override
    public Http removeDefaultHeader(String name) {
        defaultHeaders.remove(name.toLowerCase(Locale.ROOT));
        defaultHeaderList = List.copyOf(defaultHeaders.values());
        return this;
    }

    @Override
    public Cookies cookies() {
        return cookies;
    }

    HttpTransport transport() {
        return transport;
    }

    RequestSink sink() {
        return sink;
    }

    /** The user's own connections, on the run's transport. */
    Transport.UserChannel channel() {
        return channel;
    }

    /**
     * The URI of {@code target} (a path with its query string, or an absolute URL) if it is the same as the user's
     * previous request's, else null: a user mostly requests the same few paths, and parsing a URI is a good part of
     * building a request. {@link #rememberUri} keeps the one made.
     */
    URI knownUri(String target) {
        return target.equals(lastTarget) ? lastUri : null;
    }

    void rememberUri(String target, URI uri) {
        lastTarget = target;
        lastUri = uri;
    }

    /** Whether {@code uri} is the last one the allowed hosts were found to allow (the check matches patterns). */
    boolean knownAllowed(URI uri) {
        return uri == lastAllowed;
    }

    void rememberAllowed(URI uri) {
        lastAllowed = uri;
    }

    /** The default headers, in the order they were set; an unmodifiable list, the same while they do not change. */
    List<String[]> defaultHeaders() {
        return defaultHeaderList;
    }
}
