package dev.junitloadtest.internal.http;

import java.io.IOException;
import java.security.GeneralSecurityException;

import javax.net.ssl.SSLContext;

import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.client5.http.ssl.TrustAllStrategy;
import org.apache.hc.core5.http.nio.ssl.TlsStrategy;
import org.apache.hc.core5.ssl.SSLContextBuilder;

import dev.junitloadtest.internal.config.LoadTestConfigurationException;
import dev.junitloadtest.internal.config.TrustSettings;

/**
 * How HTTPS certificates are trusted: by the JDK's trust store and host name verification unless the run names a
 * trust store of its own (a staging CA, host names still verified) or opts in, explicitly, to trusting any certificate
 * (made out to any host). Both transports take their
 * {@link SSLContext} from here, so they trust the same certificates. Internal.
 */
final class TlsTrust {

    private TlsTrust() {
    }

    /** Whether the certificate's host names are checked against the host's: unless any certificate is trusted. */
    static boolean verifiesHostNames(TrustSettings trust) {
        return !trust.trustAllCertificates();
    }

    /** HttpClient's TLS strategy over {@link #context}'s trust. */
    static TlsStrategy strategy(TrustSettings trust) {
        SSLContext context = context(trust);
        if (trust.trustAllCertificates()) {
            // The client's verifier only: with HttpClient's default (both), the JDK would still check the host name,
            // and refuse a staging certificate made out to another name.
            return ClientTlsStrategyBuilder.create().setSslContext(context)
                    .setHostVerificationPolicy(HostnameVerificationPolicy.CLIENT)
                    .setHostnameVerifier(NoopHostnameVerifier.INSTANCE).buildAsync();
        }
        return ClientTlsStrategyBuilder.create().setSslContext(context).buildAsync();
    }

    /**
     * The TLS context of the run's connections: the JDK's default (its trust store, {@code javax.net.ssl.*}), one over
     * the run's trust store, or one that trusts any certificate. A new context (and with it a new session cache) for
     * each call, but the JDK's default.
     */
    static SSLContext context(TrustSettings trust) {
        try {
            if (trust.trustAllCertificates()) {
                return SSLContextBuilder.create().loadTrustMaterial(TrustAllStrategy.INSTANCE).build();
            }
            if (trust.trustStore().isPresent()) {
                return SSLContextBuilder.create()
                        .loadTrustMaterial(trust.trustStore().get(), trust.trustStorePassword().toCharArray())
                        .build();
            }
            return SSLContext.getDefault();
        } catch (GeneralSecurityException | IOException e) {
            throw new LoadTestConfigurationException("The TLS trust store "
                    + trust.trustStore().map(Object::toString).orElse("(default)") + " cannot be used: " + e, e);
        }
    }
}
