package dev.junitloadtest.config;

import static dev.junitloadtest.EngineRuns.runLoad;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.junitloadtest.LoadTest;
import dev.junitloadtest.LoadTestHost;
import dev.junitloadtest.TargetHost;
import dev.junitloadtest.Task;
import dev.junitloadtest.Users;
import dev.junitloadtest.VirtualUser;
import dev.junitloadtest.internal.config.LoadProfile;
import dev.junitloadtest.internal.config.ProfileReader;
import dev.junitloadtest.result.LoadTestResult;

/**
 * The host comes from, most specific first: the configuration parameter, the annotation, the TARGET_HOST environment
 * variable, a @TargetHost member, an extension through LoadTestHost.
 */
class HostPrecedenceTests {

    @Test
    void theConfigurationParameterWinsOverTheAnnotation() {
        LoadTestResult result = runLoad(AnnotatedHostTestCase.class, Map.of("loadtest.host", "http://127.0.0.2:8081"))
                .result();

        assertThat(result.profile().host()).isEqualTo("http://127.0.0.2:8081");
        assertThat(result.profile().hostSource()).isEqualTo("configuration parameter loadtest.host");
    }

    @Test
    void theAnnotationWinsOverTheEnvironmentAndCode() {
        LoadTestResult result = runLoad(AnnotatedHostTestCase.class).result();

        assertThat(result.profile().host()).isEqualTo("http://127.0.0.3:8082");
        assertThat(result.profile().hostSource()).isEqualTo("@LoadTest(host)");
    }

    @Test
    void theEnvironmentVariableWinsOverHostsSuppliedInCode() {
        Map<String, String> environment = new HashMap<>();
        environment.put("TARGET_HOST", "http://127.0.0.4:8083/");
        LoadProfile profile = new ProfileReader(CodeHostTestCase.class,
                dev.junitloadtest.internal.config.ConfigurationParameters.NONE, environment::get).read();

        assertThat(profile.host()).contains(URI.create("http://127.0.0.4:8083/"));
        assertThat(profile.hostSource()).isEqualTo("environment variable TARGET_HOST");
        environment.put("TARGET_HOST", "not a host");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> new ProfileReader(CodeHostTestCase.class,
                dev.junitloadtest.internal.config.ConfigurationParameters.NONE, environment::get).read()))
                .hasMessage("Environment variable `TARGET_HOST` requires an absolute http or https URI such as "
                        + "http://127.0.0.1:9000, but was 'not a host'.");
    }

    @Test
    void aTargetHostMemberWinsOverAnExtension() {
        LoadTestResult result = runLoad(CodeHostTestCase.class).result();

        assertThat(result.profile().host()).isEqualTo("http://127.0.0.5:8084");
        assertThat(result.profile().hostSource()).isEqualTo("@TargetHost CodeHostTestCase.host");
    }

    @Test
    void anExtensionCanSupplyTheHost() {
        LoadTestResult result = runLoad(ExtensionHostTestCase.class).result();

        assertThat(result.profile().host()).isEqualTo("http://127.0.0.6:8085");
        assertThat(result.profile().hostSource()).isEqualTo("LoadTestHost (extension)");
    }

    // Fixtures: one user, one task that does nothing but stop, so no request is ever sent to these hosts.

    abstract static class Quick {
        @Task
        void nothing(VirtualUser user) {
            user.stop();
        }
    }

    static final class PublishingExtension implements BeforeAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) {
            LoadTestHost.publish(context, URI.create("http://127.0.0.6:8085"));
        }
    }

    @LoadTest(duration = "200ms", host = "http://127.0.0.3:8082")
    @Users(count = 1)
    static class AnnotatedHostTestCase extends Quick {
        @RegisterExtension
        static PublishingExtension extension = new PublishingExtension();

        @TargetHost
        static String host() {
            return "http://127.0.0.5:8084";
        }
    }

    @LoadTest(duration = "200ms")
    @Users(count = 1)
    static class CodeHostTestCase extends Quick {
        @RegisterExtension
        static PublishingExtension extension = new PublishingExtension();

        @TargetHost
        static URI host() {
            return URI.create("http://127.0.0.5:8084");
        }
    }

    @LoadTest(duration = "200ms")
    @Users(count = 1)
    static class ExtensionHostTestCase extends Quick {
        @RegisterExtension
        static PublishingExtension extension = new PublishingExtension();
    }
}
