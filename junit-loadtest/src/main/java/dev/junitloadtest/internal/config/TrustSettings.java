package dev.junitloadtest.internal.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.junitloadtest.LoadTestConstants;

import org.apiguardian.api.API;

/**
 * The run's safety rails and secrets handling: a cap on the request rate, the hosts requests may go to, how HTTPS
 * certificates are trusted, and which names mark secret values. Internal.
 *
 * @param maxRequestsPerSecond the cap on the run's request rate; positive infinity for none
 * @param allowedHosts patterns of the hosts requests may go to; empty for any
 * @param trustStore a trust store to verify HTTPS certificates with instead of the JDK's, if any
 * @param trustStorePassword the trust store's password, empty for none
 * @param trustAllCertificates whether HTTPS certificates are accepted without verification (an explicit opt-in)
 * @param secretNames names of fields, parameters and headers whose values are secrets (case-insensitive)
 */
@API(status = INTERNAL, since = "0.1")
public record TrustSettings(double maxRequestsPerSecond, List<String> allowedHosts, Optional<Path> trustStore,
        String trustStorePassword, boolean trustAllCertificates, List<String> secretNames) {

    /** The users ceiling unless raised: catches typos such as 200000 for 20000. */
    public static final int DEFAULT_USERS_CEILING = 20_000;

    /** The duration ceiling unless raised: catches typos such as 100h for 100s. */
    public static final java.time.Duration DEFAULT_DURATION_CEILING = java.time.Duration.ofHours(2);

    /**
     * Names whose values are masked in every output unless {@value LoadTestConstants#SECRET_NAMES_PROPERTY_NAME} says
     * otherwise.
     */
    public static final List<String> DEFAULT_SECRET_NAMES = List.of("password", "passwd", "pwd", "secret",
            "client_secret", "token", "access_token", "refresh_token", "id_token", "api_key", "apikey", "api-key",
            "x-api-key", "session", "sessionid", "jsessionid", "csrf_token", "csrfmiddlewaretoken", "authorization",
            "proxy-authorization", "cookie", "set-cookie");

    /** Copies the lists. */
    public TrustSettings {
        allowedHosts = List.copyOf(allowedHosts);
        secretNames = List.copyOf(secretNames);
    }

    /** No cap, any host, the JDK's trust, the default secret names. */
    public static TrustSettings defaults() {
        return new TrustSettings(Double.POSITIVE_INFINITY, List.of(), Optional.empty(), "", false,
                DEFAULT_SECRET_NAMES);
    }

    /** Whether {@code host} (and {@code port}) may be sent requests. */
    public boolean allows(String host, int port) {
        if (allowedHosts.isEmpty()) {
            return true;
        }
        String withPort = host + ":" + port;
        for (String pattern : allowedHosts) {
            Pattern regex = glob(pattern);
            if (regex.matcher(pattern.contains(":") ? withPort : host).matches()) {
                return true;
            }
        }
        return false;
    }

    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? "[^:]*" : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    }

    /** Like the record's, but the trust store's password is never written out (a log, an assertion message). */
    @Override
    public String toString() {
        return "TrustSettings[maxRequestsPerSecond=" + maxRequestsPerSecond + ", allowedHosts=" + allowedHosts
                + ", trustStore=" + trustStore + ", trustStorePassword=" + (trustStorePassword.isEmpty() ? "" : "****")
                + ", trustAllCertificates=" + trustAllCertificates + ", secretNames=" + secretNames + "]";
    }
}
