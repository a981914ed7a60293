package dev.junitloadtest.internal.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

class JUnitVersionCheckTests {

    /** Sees this test's class path but for the named classes, as if an older JUnit had no such types. */
    private static final class Without extends ClassLoader {

        private final Set<String> hidden;

        Without(String... hidden) {
            super(JUnitVersionCheckTests.class.getClassLoader());
            this.hidden = Set.of(hidden);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (hidden.contains(name)) {
                throw new ClassNotFoundException(name);
            }
            return super.loadClass(name, resolve);
        }
    }

    @Test
    void theJupiterThisBuildUsesPasses() {
        assertThat(JUnitVersionCheck.problem(JUnitVersionCheckTests.class.getClassLoader())).isEmpty();
    }

    @Test
    void aJupiterWithoutTheNewestTypeUsedIsNamedWithTheVersionNeeded() {
        String found = Test.class.getPackage().getImplementationVersion();

        assertThat(JUnitVersionCheck.problem(new Without("org.junit.jupiter.api.MediaType"))).contains(
                "junit-loadtest requires JUnit Jupiter 5.14.0 or newer (tested up to 6.1.3), but the test class path "
                        + "has JUnit Jupiter " + found + ". Import org.junit:junit-bom 5.14.0 or newer in "
                        + "<dependencyManagement> (or your build tool's platform), so that every JUnit artifact has "
                        + "that version.");
    }

    @Test
    void aClassPathWithoutJupiterIsLeftAlone() {
        assertThat(JUnitVersionCheck.problem(new Without("org.junit.jupiter.api.Test",
                "org.junit.jupiter.api.MediaType"))).isEmpty();
    }

    @Test
    void theNewestTestedIsTheVersionThisBuildUses() {
        // The message's "tested up to" must move with the build's JUnit (the parent pom's junit.version), which CI
        // also runs the example project with.
        assertThat(Test.class.getPackage().getImplementationVersion()).isEqualTo(JUnitVersionCheck.NEWEST_TESTED);
    }
}
