package dev.junitloadtest.sampletarget;

import dev.junitloadtest.sampletarget.CommandLine.InvalidCommandLineException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The entry point of {@code java -jar sample-target.jar}: serves the sample target until the process is stopped.
 *
 * <p>Run with {@code --help} for the options. Prints one line to standard output when ready
 * ({@code sample-target listening on http://0.0.0.0:9000}), then Go's per-request lines unless {@code --quiet},
 * and {@code sample-target stopped} once a SIGTERM (or Ctrl-C) has closed the server. Exit status: 2 for a bad
 * command line or {@code PORT}, 1 if the server cannot listen, and the JVM's 143 after SIGTERM.
 */
public final class Main {

    private Main() {
    }

    /**
     * Starts the target as the command line says and returns; the server's threads keep the JVM running.
     *
     * @param args the command line, see {@code --help}
     */
    public static void main(String[] args) {
        CommandLine commandLine;
        try {
            commandLine = CommandLine.parse(List.of(args), System.getenv());
        } catch (InvalidCommandLineException e) {
            System.err.println("sample-target: " + e.getMessage());
            System.err.println("Run `java -jar sample-target.jar --help` for usage.");
            System.exit(2);
            return;
        }
        if (commandLine.help()) {
            System.out.print(CommandLine.USAGE);
            return;
        }
        SampleTarget target;
        try {
            target = SampleTarget.builder()
                    .bindAddress(commandLine.bindAddress())
                    .port(commandLine.port())
                    .printRequests(!commandLine.quiet())
                    .start();
        } catch (UncheckedIOException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            target.close();
            System.out.println("sample-target stopped");
        }, "sample-target-shutdown"));
        System.out.println("sample-target listening on http://"
                + SampleTarget.literal(commandLine.bindAddress()) + ":" + target.port());
    }
}
