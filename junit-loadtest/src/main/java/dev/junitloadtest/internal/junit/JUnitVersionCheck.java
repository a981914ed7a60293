package dev.junitloadtest.internal.junit;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Optional;

import org.apiguardian.api.API;
import org.junit.platform.commons.JUnitException;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Stops a test run at once, before any test class is loaded, when the JUnit Jupiter on the class path is older than
 * the one junit-loadtest needs. Without it, an older Jupiter fails each load test class with a linkage error
 * ({@code NoClassDefFoundError: ClassTemplateInvocationContextProvider}) that names neither version.
 *
 * <p>Registered through {@code META-INF/services}, so every launcher (Surefire, Gradle, IDEs) calls it when it opens
 * its session. It touches only APIs that JUnit Platform 1.8 already had, and JUnit Jupiter's classes only by name, so
 * it loads and runs with the old versions it is there to reject. Internal.
 */
@API(status = INTERNAL, since = "0.1")
public final class JUnitVersionCheck implements LauncherSessionListener {

    /** The lowest JUnit Jupiter junit-loadtest runs on. */
    static final String LOWEST = "5.14.0";
    /** The newest JUnit Jupiter junit-loadtest was tested with. */
    static final String NEWEST_TESTED = "6.1.3";
    /** The newest of the Jupiter API types the library uses: new in 5.14 ({@code @ClassTemplate} is from 5.13). */
    private static final String NEWEST_TYPE_USED = "org.junit.jupiter.api.MediaType";

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        problem(JUnitVersionCheck.class.getClassLoader()).ifPresent(message -> {
            throw new JUnitException(message);
        });
    }

    /** What is wrong with the JUnit Jupiter that {@code loader} sees, if anything; nothing when it has no Jupiter. */
    static Optional<String> problem(ClassLoader loader) {
        Class<?> test;
        try {
            test = Class.forName("org.junit.jupiter.api.Test", false, loader);
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
        try {
            Class.forName(NEWEST_TYPE_USED, false, loader);
            return Optional.empty();
        } catch (ClassNotFoundException e) {
            String found = Optional.ofNullable(test.getPackage().getImplementationVersion())
                    .map(version -> "JUnit Jupiter " + version).orElse("an older JUnit Jupiter");
            return Optional.of("junit-loadtest requires JUnit Jupiter " + LOWEST + " or newer (tested up to "
                    + NEWEST_TESTED + "), but the test class path has " + found + ". Import org.junit:junit-bom "
                    + LOWEST + " or newer in <dependencyManagement> (or your build tool's platform), so that every "
                    + "JUnit artifact has that version.");
        }
    }
}
