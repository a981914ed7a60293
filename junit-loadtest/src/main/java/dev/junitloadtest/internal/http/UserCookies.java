package dev.junitloadtest.internal.http;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.hc.client5.http.cookie.BasicCookieStore;
import org.apache.hc.client5.http.cookie.Cookie;
import org.apache.hc.client5.http.impl.cookie.BasicClientCookie;

import dev.junitloadtest.http.Cookies;
import dev.junitloadtest.internal.recording.SecretMasker;

/** One user's cookie jar, over HttpClient's cookie store. Internal. */
final class UserCookies implements Cookies {

    private final BasicCookieStore store;
    private final Optional<URI> host;
    private final SecretMasker.UserSecrets secrets;

    UserCookies(BasicCookieStore store, Optional<URI> host, SecretMasker.UserSecrets secrets) {
        this.store = store;
        this.host = host;
        this.secrets = secrets;
    }

    @Override
    public Optional<String> get(String name) {
        return Optional.ofNullable(asMap().get(name));
    }

    @Override
    public Map<String, String> asMap() {
        Map<String, String> cookies = new LinkedHashMap<>();
        Instant now = Instant.now();
        for (Cookie cookie : store.getCookies()) {
            if (!cookie.isExpired(now)) {
                cookies.put(cookie.getName(), cookie.getValue());
            }
        }
        return cookies;
    }

    @Override
    public void put(String name, String value) {
        if (secrets.isSecretName("cookie")) {
            secrets.add(value);
        }
        BasicClientCookie cookie = new BasicClientCookie(name, value);
        cookie.setDomain(host.map(URI::getHost).orElseThrow(() -> new IllegalStateException(
                "Cookies.put needs the run's host, to know which domain the cookie is for, and this run has none")));
        cookie.setPath("/");
        cookie.setAttribute("domain", cookie.getDomain());
        store.addCookie(cookie);
    }

    @Override
    public void clear() {
        store.clear();
    }
}
