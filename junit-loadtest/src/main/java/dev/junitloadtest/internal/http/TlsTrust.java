package dev.junitloadtest.internal.http;

import java.io.IOException;
import java.security.GeneralSecurityException;

import javax.net.ssl.SSLContext;

import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.client5.http.ssl.TrustAllStrategy;
import org.apache.hc.core5.http.nio.ssl.TlsStrategy;
import org.apache.hc.core5.ssl.SSLContextBuilder;

import dev.junitloadtest.internal.config.LoadTestConfigurationException;
import dev.junitloadtest.internal.config.TrustSettings;

/**
 * How HTTPS certificates are trusted: by the JDK's trust store and host name verification unless the run names a
 * trust store of its own (a staging CA) or opts in, explicitly, to trusting any certificate. Internal.
 */
final class TlsTrust {

    private TlsTrust() {
    }

    static TlsStrategy strategy(TrustSettings trust) {
        try {
            if (trust.trustAllCertificates()) {
                SSLContext context = SSLContextBuilder.create().loadTrustMaterial(TrustAllStrategy.INSTANCE).build();
                return ClientTlsStrategyBuilder.create().setSslContext(context)
                        .setHostnameVerifier(NoopHostnameVerifier.INSTANCE).buildAsync();
            }
            if (trust.trustStore().isPresent()) {
                SSLContext context = SSLContextBuilder.create()
                        .loadTrustMaterial(trust.trustStore().get(), trust.trustStorePassword().toCharArray())
                        .build();
                return ClientTlsStrategyBuilder.create().setSslContext(context).buildAsync();
            }
            return ClientTlsStrategyBuilder.create().setSslContext(SSLContext.getDefault()).buildAsync();
        } catch (GeneralSecurityException | IOException e) {
            throw new LoadTestConfigurationException("The TLS trust store "
                    + trust.trustStore().map(Object::toString).orElse("(default)") + " cannot be used: " + e, e);
        }
    }
}
