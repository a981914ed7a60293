package dev.junitloadtest.config;

import static dev.junitloadtest.EngineRuns.configurationError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.junitloadtest.LoadTest;
import dev.junitloadtest.LoadTestConstants;
import dev.junitloadtest.Task;
import dev.junitloadtest.Users;
import dev.junitloadtest.internal.config.ConfigurationKeys;
import dev.junitloadtest.internal.config.ConfigurationKeys.GivenKey;
import dev.junitloadtest.internal.config.LoadTestConfigurationException;

/**
 * A mistyped {@code loadtest.*} key fails the class before any load, naming the key, where it was given and the
 * nearest known key; the list of known keys is the README's.
 */
class UnknownParameterTests {

    static final AtomicInteger ITERATIONS = new AtomicInteger();

    private static final String RULE = "junit-loadtest fails on a `loadtest.*` parameter it does not know rather than "
            + "run a load that was not asked for; the README's Configuration parameters and Output settings list the "
            + "known ones.";

    /** The repository's root: Maven runs the tests in the module's directory. */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path folder;

    @Test
    void aMistypedSystemPropertyFailsTheClassBeforeAnyLoad() {
        ITERATIONS.set(0);
        System.setProperty("loadtest.user", "5");
        try {
            assertThat(configurationError(TenUsersTestCase.class)).isEqualTo("Unknown configuration parameter "
                    + "`loadtest.user` (system property): did you mean `loadtest.users`? " + RULE);
        } finally {
            System.clearProperty("loadtest.user");
        }
        assertThat(ITERATIONS).hasValue(0);
    }

    @Test
    void aMistypedKeyInJunitPlatformPropertiesFailsTheClassBeforeAnyLoad() throws Exception {
        Path properties = folder.resolve(ConfigurationKeys.PROPERTIES_FILE);
        // The value is not shown: it may be a password.
        Files.writeString(properties, "loadtest.duraton=1s\nloadtest.tls.trust-store-pasword=hunter2\n"
                + "junit.jupiter.execution.parallel.enabled=false\n", StandardCharsets.UTF_8);
        URL url = properties.toUri().toURL();
        Class<?> fixture = new PropertiesClassLoader(PropertiesFileFixture.class, url)
                .loadClass(PropertiesFileFixture.class.getName());
        assertThat(fixture.getClassLoader()).isInstanceOf(PropertiesClassLoader.class);

        String source = "junit-platform.properties at " + url;
        assertThat(configurationError(fixture)).isEqualTo("Unknown configuration parameters:\n"
                + "  `loadtest.duraton` (" + source + "): did you mean `loadtest.duration`?\n"
                + "  `loadtest.tls.trust-store-pasword` (" + source + "): did you mean "
                + "`loadtest.tls.trust-store-password`?\n" + RULE);
        // The fixture's own counter: the class the loader defined has its own statics.
        java.lang.reflect.Field iterations = fixture.getDeclaredField("ITERATIONS");
        iterations.setAccessible(true);
        assertThat(iterations.get(null)).hasToString("0");
    }

    @Test
    void onlyCloseKeysAreSuggested() {
        assertThatThrownBy(() -> ConfigurationKeys.requireKnown(() -> List.of(
                new GivenKey("loadtest.spawnrate", "system property"),
                new GivenKey("loadtest.Max-Users", "system property"),
                new GivenKey("loadtest.foo", "system property"),
                new GivenKey("loadtest.http.timeout", "junit-platform.properties at file:/x"))))
                .isInstanceOf(LoadTestConfigurationException.class)
                .hasMessage("Unknown configuration parameters:\n"
                        + "  `loadtest.spawnrate` (system property): did you mean `loadtest.spawn-rate`?\n"
                        + "  `loadtest.Max-Users` (system property): did you mean `loadtest.max-users`?\n"
                        + "  `loadtest.foo` (system property).\n"
                        + "  `loadtest.http.timeout` (junit-platform.properties at file:/x).\n" + RULE);
    }

    @Test
    void knownKeysAndOtherNamesPass() {
        assertThatCode(() -> ConfigurationKeys.requireKnown(() -> LoadTestConstants.ALL_PROPERTY_NAMES.stream()
                .map(key -> new GivenKey(key, "system property")).toList())).doesNotThrowAnyException();
        assertThatCode(() -> ConfigurationKeys.requireKnown(() -> List.of(
                new GivenKey("junitloadtest.test.require-chromium", "system property"),
                new GivenKey("loadtestx.users", "system property"),
                new GivenKey("junit.jupiter.execution.parallel.enabled", "system property"))))
                .doesNotThrowAnyException();
    }

    /** A key added to the code without a row in the README's tables, or a row for a key no code reads, fails. */
    @Test
    void theReadmeTablesListExactlyTheKnownKeys() throws IOException {
        Pattern key = Pattern.compile("`(loadtest\\.[a-z0-9.-]+)`");
        Set<String> documented = new TreeSet<>();
        for (String line : Files.readAllLines(ROOT.resolve("README.md"))) {
            if (line.startsWith("| `loadtest.")) {
                Matcher matcher = key.matcher(line.substring(0, line.indexOf('|', 1)));
                while (matcher.find()) {
                    documented.add(matcher.group(1));
                }
            }
        }
        assertThat(documented).hasSize(LoadTestConstants.ALL_PROPERTY_NAMES.size())
                .containsExactlyInAnyOrderElementsOf(LoadTestConstants.ALL_PROPERTY_NAMES);
    }

    /** The list the check and the README table use holds every key constant, so a constant cannot be left out. */
    @Test
    void theListOfKnownKeysHoldsEveryConstant() throws IllegalAccessException {
        List<String> constants = new ArrayList<>();
        for (java.lang.reflect.Field field : LoadTestConstants.class.getFields()) {
            if (field.getType() == String.class && field.getName().endsWith("_PROPERTY_NAME")) {
                constants.add((String) field.get(null));
            }
        }
        assertThat(constants).allMatch(name -> name.startsWith(LoadTestConstants.PROPERTY_NAME_PREFIX))
                .containsExactlyInAnyOrderElementsOf(LoadTestConstants.ALL_PROPERTY_NAMES);
    }

    /**
     * The keys the build itself passes (poms' system properties, CI, benchmark scripts, the READMEs' examples) are
     * known: a test switch named {@code loadtest.*} would fail every load test.
     */
    @Test
    void theBuildPassesOnlyKnownKeys() throws IOException {
        Pattern pom = Pattern.compile("<(loadtest\\.[\\w.-]+)>");
        Pattern option = Pattern.compile("(?:-D|--config )(loadtest\\.[\\w.-]+)=");
        List<String> unknown = new ArrayList<>();
        int found = 0;
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path file : files.filter(Files::isRegularFile)
                    .filter(file -> !ROOT.relativize(file).toString().matches("(.*/)?(target|\\.git)/.*"))
                    .filter(file -> file.toString().matches(".*(pom\\.xml|\\.sh|\\.md|/\\.ci/run)")).toList()) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                for (Pattern pattern : List.of(pom, option)) {
                    Matcher matcher = pattern.matcher(text);
                    while (matcher.find()) {
                        found++;
                        // The README shows -Dloadtest.user=5 as the mistake this check catches.
                        if (!LoadTestConstants.ALL_PROPERTY_NAMES.contains(matcher.group(1))
                                && !matcher.group(1).equals("loadtest.user")) {
                            unknown.add(ROOT.relativize(file) + ": " + matcher.group(1));
                        }
                    }
                }
            }
        }
        assertThat(found).as("keys found in the build").isGreaterThan(20);
        assertThat(unknown).isEmpty();
    }

    @LoadTest(duration = "1s")
    @Users(count = 10)
    static class TenUsersTestCase {

        @Task
        void task() {
            ITERATIONS.incrementAndGet();
        }
    }

    /**
     * Defines one class itself, so that its class loader is this one, and adds a {@code junit-platform.properties} to
     * the resources its parent finds.
     */
    static final class PropertiesClassLoader extends ClassLoader {

        private final String className;
        private final URL properties;

        PropertiesClassLoader(Class<?> fixture, URL properties) {
            super(fixture.getClassLoader());
            this.className = fixture.getName();
            this.properties = properties;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals(className)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                        byte[] bytes = in.readAllBytes();
                        loaded = defineClass(name, bytes, 0, bytes.length);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                return loaded;
            }
        }

        @Override
        protected Enumeration<URL> findResources(String name) {
            return name.equals(ConfigurationKeys.PROPERTIES_FILE) ? Collections.enumeration(List.of(properties))
                    : Collections.emptyEnumeration();
        }
    }
}

/**
 * A load test class that {@link UnknownParameterTests.PropertiesClassLoader} loads: top-level, as a nested class
 * defined by another loader than its enclosing class's would not be a member of it.
 */
@LoadTest(duration = "1s")
@Users(count = 10)
class PropertiesFileFixture {

    static final AtomicInteger ITERATIONS = new AtomicInteger();

    @Task
    void task() {
        ITERATIONS.incrementAndGet();
    }
}
