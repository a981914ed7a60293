package dev.junitloadtest.internal.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import dev.junitloadtest.LoadTest;
import dev.junitloadtest.LoadTestConstants;
import dev.junitloadtest.result.Formats;

/**
 * Reads the safety rails and secrets handling: the request rate cap and allowed hosts of {@link LoadTest @LoadTest}
 * (each overridable by its parameter), and the TLS trust and secret names, which only parameters set. Internal.
 */
final class TrustSettingsReader {

    private static final Setting<Double> MAX_RPS = Setting.of(LoadTestConstants.MAX_RPS_PROPERTY_NAME,
            Parser.POSITIVE_NUMBER);
    private static final Setting<List<String>> ALLOWED_HOSTS = Setting.of(LoadTestConstants.ALLOWED_HOSTS_PROPERTY_NAME,
            Parser.COMMA_SEPARATED);
    private static final Setting<Path> TRUST_STORE = Setting.of(LoadTestConstants.TRUST_STORE_PROPERTY_NAME,
            (text, where) -> readable(Path.of(text), where));
    private static final Setting<String> TRUST_STORE_PASSWORD = Setting.of(
            LoadTestConstants.TRUST_STORE_PASSWORD_PROPERTY_NAME, Parser.TEXT);
    private static final Setting<Boolean> TRUST_ALL = Setting.of(LoadTestConstants.TRUST_ALL_CERTIFICATES_PROPERTY_NAME,
            Parser.BOOLEAN);
    private static final Setting<List<String>> SECRET_NAMES = Setting.of(LoadTestConstants.SECRET_NAMES_PROPERTY_NAME,
            Parser.COMMA_SEPARATED);

    private TrustSettingsReader() {
    }

    static TrustSettings read(LoadTest loadTest, ConfigurationParameters parameters) {
        double maxRps = MAX_RPS.read(parameters, () -> maxRps(loadTest)).value();
        List<String> allowedHosts = ALLOWED_HOSTS.read(parameters, () -> List.of(loadTest.allowedHosts()))
                .value();
        for (String pattern : allowedHosts) {
            if (pattern.isBlank() || pattern.contains("/") || pattern.contains(" ")) {
                throw new LoadTestConfigurationException("Allowed hosts (@LoadTest `allowedHosts` or configuration "
                        + "parameter `" + ALLOWED_HOSTS.key() + "`) are host or host:port patterns "
                        + "such as 127.0.0.1 or *.staging.example.com:8443, but one was '" + pattern + "'.");
            }
        }
        Optional<Path> trustStore = TRUST_STORE.parameter(parameters);
        String password = TRUST_STORE_PASSWORD.orDefault(parameters, "");
        boolean trustAll = TRUST_ALL.orDefault(parameters, false);
        List<String> secretNames = SECRET_NAMES.orDefault(parameters, TrustSettings.DEFAULT_SECRET_NAMES);
        return new TrustSettings(maxRps, allowedHosts, trustStore, password, trustAll, secretNames);
    }

    private static double maxRps(LoadTest loadTest) {
        if (!(loadTest.maxRps() > 0)) {
            throw new LoadTestConfigurationException("@LoadTest requires that `maxRps` be > 0, but was "
                    + Formats.compact(loadTest.maxRps()) + ".");
        }
        return loadTest.maxRps();
    }

    private static Path readable(Path path, String where) {
        if (!Files.isReadable(path)) {
            throw new LoadTestConfigurationException(where + " names a trust store that cannot be read: "
                    + path.toAbsolutePath() + ".");
        }
        return path;
    }
}
