package dev.junitloadtest.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The trust settings hold the trust store's password; nothing that prints them may print it. */
class TrustSettingsTests {

    @Test
    void theTrustStorePasswordNeverAppearsInTheirText() {
        TrustSettings settings = new TrustSettings(Double.POSITIVE_INFINITY, List.of("127.0.0.1"),
                Optional.of(Path.of("staging.p12")), "SECRET-STORE-PASSWORD-4711", false, List.of("password"));

        assertThat(settings.toString()).doesNotContain("SECRET-STORE-PASSWORD-4711")
                .contains("trustStorePassword=****", "trustStore=Optional[staging.p12]", "allowedHosts=[127.0.0.1]");
    }
}
