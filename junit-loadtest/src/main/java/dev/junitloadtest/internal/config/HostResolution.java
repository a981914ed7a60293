package dev.junitloadtest.internal.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import static dev.junitloadtest.LoadTestConstants.HOST_ENVIRONMENT_VARIABLE;
import static dev.junitloadtest.LoadTestConstants.HOST_PROPERTY_NAME;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import dev.junitloadtest.LoadTest;

import org.apiguardian.api.API;

/**
 * Where a run's requests go: the host of the first of its five {@link Source sources} that sets one, in their order.
 * The three sources of configuration are read with the rest of the configuration, so a bad host fails the class
 * before anything runs; the two that only code can give are read when the run starts (after {@code @BeforeAll}), and
 * only if no source of configuration set a host. Internal.
 */
@API(status = INTERNAL, since = "0.1")
public final class HostResolution {

    /**
     * The host of a run, if any, and where it came from, as reports show it.
     *
     * @param uri the host, empty when no source set one
     * @param source where it came from; {@code none} for no host
     */
    public record Host(Optional<URI> uri, String source) {

        /** No host: requests need absolute URLs. */
        public static final Host NONE = new Host(Optional.empty(), "none");
    }

    /** The places a host can be given, in the order they win. */
    public enum Source {
        /** The configuration parameter {@value dev.junitloadtest.LoadTestConstants#HOST_PROPERTY_NAME}. */
        PARAMETER("configuration parameter " + HOST_PROPERTY_NAME, "the configuration parameter `"
                + HOST_PROPERTY_NAME + "` (e.g. -D" + HOST_PROPERTY_NAME + "=http://127.0.0.1:9000)"),
        /** {@code @LoadTest(host)}. */
        ANNOTATION("@LoadTest(host)", "@LoadTest(host = \"http://...\")"),
        /** The environment variable {@value dev.junitloadtest.LoadTestConstants#HOST_ENVIRONMENT_VARIABLE}. */
        ENVIRONMENT("environment variable " + HOST_ENVIRONMENT_VARIABLE,
                "the environment variable " + HOST_ENVIRONMENT_VARIABLE),
        /** A static {@code @TargetHost} member of the class, read after {@code @BeforeAll}. */
        TARGET_HOST("@TargetHost %s", "a @TargetHost method or field"),
        /** An extension that called {@code LoadTestHost.publish}. */
        EXTENSION("LoadTestHost (extension)", "an extension using LoadTestHost");

        private final String label;
        private final String howToSet;

        Source(String label, String howToSet) {
            this.label = label;
            this.howToSet = howToSet;
        }

        /** {@code uri}, found in this source ({@code detail} names the member for {@link #TARGET_HOST}). */
        public Host found(URI uri, Object... detail) {
            return new Host(Optional.of(uri), label.formatted(detail));
        }

        private boolean inCode() {
            return this == TARGET_HOST || this == EXTENSION;
        }
    }

    /** Looks a host up in one source: empty when that source sets none. */
    @FunctionalInterface
    public interface Lookup {

        /** The host this source sets, if it sets one. */
        Optional<Host> find();
    }

    /**
     * The lookups of the sources only code can give, made by the JUnit adapter.
     *
     * @param targetHost the {@link Source#TARGET_HOST} lookup
     * @param extension the {@link Source#EXTENSION} lookup
     */
    public record CodeSources(Lookup targetHost, Lookup extension) {

        /** Outside JUnit: code gives no host. */
        public static final CodeSources NONE = new CodeSources(Optional::empty, Optional::empty);
    }

    private final Optional<Host> configured;

    private HostResolution(Optional<Host> configured) {
        this.configured = configured;
    }

    /**
     * Reads the sources of configuration: {@code loadtest.host}, {@code @LoadTest(host)}, then {@code environment}.
     *
     * @throws LoadTestConfigurationException if the first that is set is not an absolute http(s) URI
     */
    static HostResolution configured(LoadTest loadTest, ConfigurationParameters parameters,
            Function<String, String> environment) {
        return new HostResolution(first(false, source -> switch (source) {
            case PARAMETER -> parameters.get(HOST_PROPERTY_NAME).map(text -> source.found(
                    parse(text, "Configuration parameter `" + HOST_PROPERTY_NAME + "`")));
            case ANNOTATION -> Optional.of(loadTest.host()).filter(text -> !text.isBlank())
                    .map(text -> source.found(parse(text, "@LoadTest `host`")));
            case ENVIRONMENT -> Optional.ofNullable(environment.apply(HOST_ENVIRONMENT_VARIABLE))
                    .filter(text -> !text.isBlank()).map(text -> source.found(parse(text.trim(),
                            "Environment variable `" + HOST_ENVIRONMENT_VARIABLE + "`")));
            case TARGET_HOST, EXTENSION -> throw new IllegalStateException(source + " is read from code");
        }));
    }

    /** The host: the one configuration set, else the first that {@code code} gives, else {@link Host#NONE}. */
    Host resolve(CodeSources code) {
        return configured.or(() -> first(true, source -> switch (source) {
            case TARGET_HOST -> code.targetHost().find();
            case EXTENSION -> code.extension().find();
            case PARAMETER, ANNOTATION, ENVIRONMENT -> throw new IllegalStateException(source + " is configuration");
        })).orElse(Host.NONE);
    }

    /** The host of the first source of the kind asked for ({@code inCode} or not), in {@link Source} order. */
    private static Optional<Host> first(boolean inCode, Function<Source, Optional<Host>> lookup) {
        for (Source source : Source.values()) {
            if (source.inCode() == inCode) {
                Optional<Host> host = lookup.apply(source);
                if (host.isPresent()) {
                    return host;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Every way to set the host, for the message of a relative path without one: the annotation first, as most tests
     * set it, then the others in the order they win.
     */
    public static String waysToSetIt() {
        List<String> ways = new ArrayList<>(List.of(Source.ANNOTATION.howToSet));
        for (Source source : Source.values()) {
            if (source != Source.ANNOTATION) {
                ways.add(source.howToSet);
            }
        }
        return String.join(", ", ways.subList(0, ways.size() - 1)) + ", or " + ways.get(ways.size() - 1);
    }

    /**
     * Parses a host, as written by a user in {@code where}.
     *
     * @throws LoadTestConfigurationException if it is not an absolute http(s) URI
     */
    public static URI parse(String text, String where) {
        String rule = " requires an absolute http or https URI such as http://127.0.0.1:9000, but was '" + text + "'.";
        try {
            URI uri = new URI(text.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
                throw new LoadTestConfigurationException(where + rule);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new LoadTestConfigurationException(where + rule, e);
        }
    }
}
