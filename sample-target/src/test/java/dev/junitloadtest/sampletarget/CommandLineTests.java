package dev.junitloadtest.sampletarget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junitloadtest.sampletarget.CommandLine.InvalidCommandLineException;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The options of the jar: port precedence, bind address, and the messages of bad values. */
class CommandLineTests {

    private static CommandLine parse(Map<String, String> env, String... args) throws InvalidCommandLineException {
        return CommandLine.parse(List.of(args), env);
    }

    @Test
    void defaultsToPort9000OnAllInterfacesPrinting() throws Exception {
        CommandLine commandLine = parse(Map.of());

        assertThat(commandLine.port()).isEqualTo(9000);
        assertThat(commandLine.bindAddress().getHostAddress()).isEqualTo("0.0.0.0");
        assertThat(commandLine.quiet()).isFalse();
        assertThat(commandLine.help()).isFalse();
    }

    @Test
    void portEnvironmentVariableIsUsedWithoutFlag() throws Exception {
        assertThat(parse(Map.of("PORT", "5000")).port()).isEqualTo(5000);
    }

    @Test
    void emptyPortEnvironmentVariableCountsAsUnset() throws Exception {
        assertThat(parse(Map.of("PORT", "")).port()).isEqualTo(9000);
    }

    @Test
    void portFlagWinsOverEnvironment() throws Exception {
        assertThat(parse(Map.of("PORT", "5000"), "--port", "6000").port()).isEqualTo(6000);
    }

    @Test
    void portFlagWinsOverAnInvalidEnvironmentValue() throws Exception {
        assertThat(parse(Map.of("PORT", "web"), "--port=6000").port()).isEqualTo(6000);
    }

    @Test
    void portZeroAsksForAnyFreePort() throws Exception {
        assertThat(parse(Map.of(), "--port", "0").port()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-1", "65536", "99999", "+80", " 80", "8080.0", ""})
    void badPortFlagIsRejected(String value) {
        assertThatThrownBy(() -> parse(Map.of(), "--port", value))
                .isInstanceOf(InvalidCommandLineException.class)
                .hasMessage("`--port` must be an integer from 0 to 65535, but was '" + value + "'.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "70000", "-5"})
    void badPortEnvironmentVariableIsRejected(String value) {
        assertThatThrownBy(() -> parse(Map.of("PORT", value)))
                .isInstanceOf(InvalidCommandLineException.class)
                .hasMessage("The PORT environment variable must be an integer from 0 to 65535, but was '" + value + "'.");
    }

    @Test
    void portFlagWithoutValueIsRejected() {
        assertThatThrownBy(() -> parse(Map.of(), "--port"))
                .isInstanceOf(InvalidCommandLineException.class)
                .hasMessage("`--port` needs a value, as in `--port 9000`.");
    }

    @Test
    void bindFlagSetsTheAddress() throws Exception {
        assertThat(parse(Map.of(), "--bind", "127.0.0.1").bindAddress()).isEqualTo(InetAddress.getByName("127.0.0.1"));
    }

    @Test
    void unknownHostIsRejected() {
        assertThatThrownBy(() -> parse(Map.of(), "--bind", "no-such-host.invalid"))
                .isInstanceOf(InvalidCommandLineException.class)
                .hasMessage("`--bind` must be an IP address or a host name, but was 'no-such-host.invalid' (unknown host).");
    }

    @Test
    void quietFlagLeavesOutRequestLines() throws Exception {
        assertThat(parse(Map.of(), "--quiet").quiet()).isTrue();
    }

    @Test
    void unknownArgumentIsRejected() {
        assertThatThrownBy(() -> parse(Map.of(), "--verbose"))
                .isInstanceOf(InvalidCommandLineException.class)
                .hasMessage("Unknown argument '--verbose'.");
    }

    @Test
    void helpWinsOverEverythingElse() throws Exception {
        assertThat(parse(Map.of("PORT", "web"), "--port", "x", "--help").help()).isTrue();
    }
}
