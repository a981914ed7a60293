package dev.junitloadtest.internal.http;

import java.io.IOException;
import java.net.Socket;
import java.util.List;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import org.apache.hc.core5.http.ssl.TLS;
import org.apache.hc.core5.http.ssl.TlsCiphers;
import org.apache.hc.core5.net.InetAddressUtils;

import dev.junitloadtest.internal.config.TrustSettings;

/**
 * TLS for the lean transport: the JDK's {@link SSLSocket} layered over a user's connected socket, with the handshake
 * run on the user's own thread. Trust is the run's ({@link TlsTrust}, as for HttpClient), and so are its rules: host
 * name verification by the JDK (endpoint identification {@code HTTPS}) unless any certificate is trusted, weak
 * protocols and cipher suites left out as HttpClient leaves them out. The server name (SNI) is the host unless it is an
 * IP address; ALPN offers only {@code http/1.1}, the one protocol spoken here. One {@link SSLContext}, with its client
 * session cache, serves the whole run, so a user that reconnects resumes its session instead of a full handshake.
 * Thread-safe. Internal.
 */
final class LeanTls {

    private static final String[] HTTP_1_1 = {"http/1.1"};
    private static final String PLAIN_TEXT_SOCKET = "Unsupported or unrecognized SSL message";
    private static final String PLAIN_TEXT_ENGINE = "Unrecognized SSL message, plaintext connection?";

    private final SSLContext context;
    private final SSLSocketFactory factory;
    private final String[] protocols;
    private final String[] cipherSuites;
    private final boolean verifyHostNames;

    LeanTls(TrustSettings trust) {
        this.context = TlsTrust.context(trust);
        this.factory = context.getSocketFactory();
        SSLParameters defaults = context.getDefaultSSLParameters();
        this.protocols = TLS.excludeWeak(defaults.getProtocols());
        this.cipherSuites = TlsCiphers.excludeWeak(defaults.getCipherSuites());
        this.verifyHostNames = TlsTrust.verifiesHostNames(trust);
    }

    /** The client session cache the run's connections resume their sessions from. */
    SSLSessionContext sessions() {
        return context.getClientSessionContext();
    }

    /**
     * Layers TLS over {@code connected}, a socket connected to {@code host} (as the URI names it) and {@code port},
     * and completes the handshake within {@code timeoutMillis}.
     *
     * @throws java.net.SocketTimeoutException if the handshake did not complete in time
     * @throws javax.net.ssl.SSLException if it failed (an untrusted certificate, another host's, no common protocol)
     */
    SSLSocket handshake(Socket connected, String host, int port, int timeoutMillis) throws IOException {
        String name = InetAddressUtils.isIPv6URLBracketed(host) ? host.substring(1, host.length() - 1) : host;
        SSLSocket tls = (SSLSocket) factory.createSocket(connected, name, port, true);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setProtocols(protocols);
        parameters.setCipherSuites(cipherSuites);
        if (verifyHostNames) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        parameters.setApplicationProtocols(HTTP_1_1);
        if (!InetAddressUtils.isIPv4(name) && !InetAddressUtils.isIPv6(name)) {
            try {
                parameters.setServerNames(List.of(new SNIHostName(name)));
            } catch (IllegalArgumentException notAHostName) {
                // Not a name SNI can carry (a trailing dot): the JDK sends none, as for an address.
            }
        }
        tls.setSSLParameters(parameters);
        connected.setSoTimeout(timeoutMillis);
        try {
            tls.startHandshake();
        } catch (SSLException e) {
            if (!PLAIN_TEXT_SOCKET.equals(e.getMessage())) {
                throw e;
            }
            // The JDK's words for a server that answers in plain text differ between its TLS socket and its TLS
            // engine (HttpClient's): HttpClient's, so a failure table reads the same on either transport.
            throw new SSLException(PLAIN_TEXT_ENGINE, e);
        }
        // Reads are bounded by the transport's deadline watch, not by a socket timeout: the handshake's must not
        // outlive it, or a response slower than the connect timeout would fail early.
        connected.setSoTimeout(0);
        return tls;
    }
}
