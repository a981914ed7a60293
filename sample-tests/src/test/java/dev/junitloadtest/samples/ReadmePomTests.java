package dev.junitloadtest.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The README's pom for a new project is the example project's pom, byte for byte: CI builds and runs the example
 * (examples/check.sh), so the pom a reader copies is the one proven to work. It also uses this build's library
 * version and its JUnit, the newest the library is tested with.
 */
class ReadmePomTests {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theReadmesPomIsTheExampleProjectsPom() throws IOException {
        assertThat(readmePom()).isEqualTo(Files.readString(ROOT.resolve("examples/quickstart/pom.xml")));
    }

    @Test
    void theReadmesPomUsesThisBuildsLibraryAndJUnitVersions() throws IOException {
        String build = Files.readString(ROOT.resolve("pom.xml"));
        String pom = readmePom();

        assertThat(first(pom, "<artifactId>junit-loadtest</artifactId>\\s*<version>([^<]+)</version>"))
                .isEqualTo(first(build, "<artifactId>junit-loadtest-parent</artifactId>\\s*<version>([^<]+)</version>"));
        assertThat(first(pom, "<junit.version>([^<]+)</junit.version>"))
                .isEqualTo(first(build, "<junit.version>([^<]+)</junit.version>"));
    }

    /** The one ```xml block of the README's "Add it to your project" section, up to its closing fence. */
    private static String readmePom() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int section = readme.indexOf("\n## Add it to your project\n");
        assertThat(section).as("README.md has a section \"Add it to your project\"").isNotNegative();
        int next = readme.indexOf("\n## ", section + 1);
        String text = readme.substring(section, next < 0 ? readme.length() : next);
        Matcher blocks = Pattern.compile("(?s)\n```xml\n(.*?\n)```\n").matcher(text);
        assertThat(blocks.find()).as("the section has an ```xml block").isTrue();
        String pom = blocks.group(1);
        assertThat(blocks.find()).as("the section has one ```xml block").isFalse();
        return pom;
    }

    private static String first(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as("%s in %n%s", regex, text).isTrue();
        return matcher.group(1);
    }
}
