package dev.junitloadtest.internal.http;

import org.apache.hc.client5.http.cookie.BasicCookieStore;
import org.apache.hc.client5.http.cookie.Cookie;

/**
 * One user's cookie store: HttpClient's, which also knows when it has never held a cookie. Reading the cookies takes
 * the store's lock and copies them, on every request; most users of a load test never get a cookie, and their
 * requests skip that. ({@code addCookies} adds through {@code addCookie}.) Internal.
 */
final class UserCookieStore extends BasicCookieStore {

    private static final long serialVersionUID = 1L;

    private volatile boolean everAdded;

    @Override
    public void addCookie(Cookie cookie) {
        everAdded = true;
        super.addCookie(cookie);
    }

    /** Whether a cookie was ever added: if not, the store is empty. */
    boolean everAdded() {
        return everAdded;
    }
}
