package dev.junitloadtest.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.junitloadtest.internal.config.DurationSyntax;

class DurationSyntaxTests {

    @ParameterizedTest
    @CsvSource({"500ms, PT0.5S", "30s, PT30S", "2m, PT2M", "1h30m, PT1H30M", "1.5s, PT1.5S", "PT2M, PT2M",
        "1m30s, PT1M30S", "0s, PT0S", "2d, PT48H", " 10s , PT10S"})
    void readsDurationsAsPeopleWriteThem(String text, Duration expected) {
        assertThat(DurationSyntax.parse(text)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10", "ten seconds", "-5s", "5 s", "1x", "PT-2M", "s", "1.s"})
    void rejectsWhatIsNotADuration(String text) {
        assertThat(DurationSyntax.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"PT0.5S, 500ms", "PT30S, 30s", "PT1H30M, 1h30m", "PT1.5S, 1.5s", "PT0S, 0s", "PT0.0005S, 0.5ms"})
    void writesDurationsTheWayItReadsThem(Duration duration, String expected) {
        assertThat(DurationSyntax.format(duration)).isEqualTo(expected);
        assertThat(DurationSyntax.parse(expected)).contains(duration);
    }
}
