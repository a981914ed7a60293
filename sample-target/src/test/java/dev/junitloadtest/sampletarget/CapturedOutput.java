package dev.junitloadtest.sampletarget;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** A print stream whose text tests can read back: where a target prints its per-request lines. */
final class CapturedOutput {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    PrintStream stream() {
        return stream;
    }

    String text() {
        synchronized (stream) { // PrintStream writes under its own lock
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
