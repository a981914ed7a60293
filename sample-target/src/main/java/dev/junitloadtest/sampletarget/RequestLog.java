package dev.junitloadtest.sampletarget;

import java.io.PrintStream;
import java.util.Objects;

/**
 * Where the per-request lines of the Go target go (Go prints them to standard output).
 *
 * <p>Internal: not for users. Implementations are thread-safe: handlers log concurrently.
 */
@FunctionalInterface
interface RequestLog {

    /** Prints nothing: the default when embedded, and {@code --quiet} on the command line. */
    RequestLog QUIET = line -> { };

    /**
     * Prints each line to {@code out}, ended by {@code \n} as Go's {@code fmt.Println} and {@code "...\n"}
     * formats do (not the platform line separator).
     */
    static RequestLog to(PrintStream out) {
        Objects.requireNonNull(out, "out");
        // One print call per line: PrintStream locks per call, so concurrent lines never interleave, and
        // with autoflush (System.out) the '\n' flushes the line at once, as Go's unbuffered os.Stdout does.
        return line -> out.print(line + "\n");
    }

    /** Logs one line, given without its line terminator. */
    void line(String line);
}
