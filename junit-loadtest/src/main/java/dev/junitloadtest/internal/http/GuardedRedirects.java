package dev.junitloadtest.internal.http;

import org.apache.hc.client5.http.impl.DefaultRedirectStrategy;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.protocol.HttpContext;

import dev.junitloadtest.internal.config.TrustSettings;

/**
 * Follows redirects as HttpClient does, except to hosts outside the run's allowed hosts: those are not followed, and
 * the request notes where it was sent, so it can fail with that. Internal.
 */
final class GuardedRedirects extends DefaultRedirectStrategy {

    /** Context attribute holding the host a redirect was refused to. */
    static final String BLOCKED_REDIRECT = "dev.junitloadtest.blocked-redirect";

    private final TrustSettings trust;

    GuardedRedirects(TrustSettings trust) {
        this.trust = trust;
    }

    @Override
    public boolean isRedirectAllowed(HttpHost currentTarget, HttpHost newTarget, HttpRequest redirect,
            HttpContext context) {
        int port = Transport.port(newTarget.getSchemeName(), newTarget.getPort());
        if (!trust.allows(newTarget.getHostName(), port)) {
            HttpClientContext.castOrCreate(context).setAttribute(BLOCKED_REDIRECT, newTarget.getHostName() + ":" + port);
            return false;
        }
        return super.isRedirectAllowed(currentTarget, newTarget, redirect, context);
    }
}
