package dev.junitloadtest.baseline;

import static dev.junitloadtest.EngineRuns.configurationError;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.junitloadtest.Baseline;
import dev.junitloadtest.LoadTest;
import dev.junitloadtest.Task;
import dev.junitloadtest.Users;
import dev.junitloadtest.http.Http;

/** A baseline that cannot be used fails the class before any load, saying which file and what is wrong with it. */
class BaselineConfigurationTests {

    @TempDir
    Path directory;

    @Test
    void aMissingBaselineFileFailsNamingTheAnnotationAndWhereItLooked() {
        assertThat(configurationError(MissingBaselineTestCase.class)).isEqualTo("@Baseline `value` names the "
                + "baseline file 'target/no-such-directory/Missing.json', which does not exist (looked for "
                + Path.of("target/no-such-directory/Missing.json").toAbsolutePath() + "). Save a run as a baseline "
                + "with -Dloadtest.baseline.save=<directory>, or keep the summary.json of a run of the class.");
    }

    @Test
    void aFileThatIsNotJsonFailsNamingTheParameter() throws IOException {
        Path file = Files.writeString(directory.resolve("broken.json"), "{\"schema\": ");

        assertThat(configurationError(PlainTestCase.class, Map.of("loadtest.baseline", file.toString())))
                .isEqualTo("Configuration parameter `loadtest.baseline` names the baseline file '" + file + "', which "
                        + "cannot be read as a baseline: it is not valid JSON: unexpected end of input at line 1, column 12 (offset 11).");
    }

    @Test
    void aJsonFileThatIsNoSummaryFails() throws IOException {
        Path file = Files.writeString(directory.resolve("other.json"), "{\"schema\": \"something/else\"}");

        assertThat(configurationError(PlainTestCase.class, Map.of("loadtest.baseline", file.toString())))
                .isEqualTo("Configuration parameter `loadtest.baseline` names the baseline file '" + file + "', which "
                        + "cannot be read as a baseline: its schema is 'something/else', not junit-loadtest/summary/v1.");
    }

    @Test
    void anotherClassesBaselineFails() throws IOException {
        Path file = Files.writeString(directory.resolve("CheckoutLoadTest.json"), "{\"schema\": "
                + "\"junit-loadtest/summary/v1\", \"testClass\": \"com.example.CheckoutLoadTest\", \"startedAt\": "
                + "\"2025-11-22T20:33:10Z\", \"requests\": []}");

        assertThat(configurationError(PlainTestCase.class, Map.of("loadtest.baseline", file.toString())))
                .isEqualTo("Configuration parameter `loadtest.baseline` names the baseline file '" + file + "', a run "
                        + "of com.example.CheckoutLoadTest, not of " + PlainTestCase.class.getName() + ": a baseline "
                        + "is compared only with runs of the class it was saved from.");
    }

    @Test
    void aDirectoryWithoutTheClassesBaselineFailsNamingBothPlacesItLooked() {
        assertThat(configurationError(PlainTestCase.class, Map.of("loadtest.baseline", directory.toString())))
                .isEqualTo("Configuration parameter `loadtest.baseline` names the directory '" + directory + "', "
                        + "which holds no baseline of PlainTestCase: neither PlainTestCase.json nor "
                        + "PlainTestCase/summary.json is in " + directory.toAbsolutePath() + ".");
    }

    @Test
    void aMalformedToleranceFailsBeforeTheFileIsLookedFor() {
        assertThat(configurationError(BadToleranceTestCase.class)).isEqualTo(
                "@Baseline requires that `tolerance` be a percentage >= 0 such as 20%, but was '20'.");
        assertThat(configurationError(MissingBaselineTestCase.class, Map.of("loadtest.baseline.floor", "-5ms")))
                .isEqualTo("Configuration parameter `loadtest.baseline.floor` requires a duration such as 500ms, 30s, "
                        + "2m, 1h30m or PT2M, >= 0, but was '-5ms'.");
    }

    @LoadTest(duration = "1s")
    @Users(count = 1)
    @Baseline("target/no-such-directory/Missing.json")
    static class MissingBaselineTestCase {

        @Task
        void get(Http http) {
            http.get("/");
        }
    }

    @LoadTest(duration = "1s")
    @Users(count = 1)
    @Baseline(value = "target/no-such-directory/Missing.json", tolerance = "20")
    static class BadToleranceTestCase {

        @Task
        void get(Http http) {
            http.get("/");
        }
    }

    @LoadTest(duration = "1s", host = "http://127.0.0.1:1")
    @Users(count = 1)
    static class PlainTestCase {

        @Task
        void get(Http http) {
            http.get("/");
        }
    }
}
