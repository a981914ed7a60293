package dev.junitloadtest.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A Python interpreter of this machine, found by probing, to run the test scripts under {@code src/test/resources}.
 * Debian's {@code python3-locust} installs Locust for {@code /usr/bin/python3}, which may not be the {@code python3}
 * first on the path (pyenv), so both are tried.
 *
 * @param command the interpreter
 */
record Python(String command) {

    private static final List<String> CANDIDATES = List.of("python3", "/usr/bin/python3", "python");

    /** The first interpreter that can import {@code module} ({@code csv}, {@code locust}). */
    static Optional<Python> withModule(String module) {
        for (String candidate : CANDIDATES) {
            try {
                Process process = new ProcessBuilder(candidate, "-c", "import " + module)
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0) {
                    return Optional.of(new Python(candidate));
                }
                process.destroyForcibly();
            } catch (IOException e) {
                // Not installed under this name: try the next.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Runs the script resource {@code script} with {@code arguments}; returns its standard output. */
    String run(String script, Path workDirectory, String... arguments) {
        try {
            Path file = workDirectory.resolve(script);
            try (InputStream in = Python.class.getResourceAsStream(script)) {
                Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            List<String> commandLine = new ArrayList<>(List.of(command, file.toString()));
            commandLine.addAll(List.of(arguments));
            Path errors = workDirectory.resolve(script + ".err");
            Process process = new ProcessBuilder(commandLine).redirectError(errors.toFile()).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " " + script + " did not end within 60 s");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError(command + " " + script + " failed (exit " + process.exitValue() + "):\n"
                        + Files.readString(errors));
            }
            return new String(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while running " + script, e);
        }
    }
}
