package dev.junitloadtest.sampletarget;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The options of {@code java -jar sample-target.jar}, read from its arguments and environment.
 *
 * <p>Internal: not for users. Immutable.
 *
 * <p>The port comes from {@code --port}, else the {@code PORT} environment variable (Heroku's convention; an
 * empty value counts as unset, as Go's {@code os.Getenv} idiom treats it), else {@value #DEFAULT_PORT}. A
 * {@code PORT} that is not a port is an error only when {@code --port} does not override it.
 *
 * @param bindAddress the address to listen on; the wildcard address by default (all interfaces)
 * @param port the port to listen on, from 0 to 65535
 * @param quiet whether to leave out the per-request lines
 * @param help whether to print the usage and exit
 */
record CommandLine(InetAddress bindAddress, int port, boolean quiet, boolean help) {

    static final int DEFAULT_PORT = 9000;

    static final String USAGE = """
            Usage: java -jar sample-target.jar [--port N] [--bind ADDRESS] [--quiet]

            Serves the Go target API of the Locust-on-Heroku article on the JDK's HTTP server:
              /volatile  200 after (counter / 10) seconds, up to 5, then the counter starts over
              /buggy     500 on every fifth request (the first included), else 200 "Ok for request N"
              any other  200 "Server OK"
            and prints a line per request as the Go program does.

            Options:
              --port N          port to listen on, 0 to 65535 (0: any free port).
                                Default: the PORT environment variable, else 9000.
              --bind ADDRESS    address to listen on. Default: all interfaces (0.0.0.0).
              --quiet           print no line per request (printing slows the server under load).
              -h, --help        print this help and exit.
            """;

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,5}");

    CommandLine {
        Objects.requireNonNull(bindAddress, "bindAddress");
    }

    /**
     * Reads {@code args} (as given to {@code main}) and {@code env} (as {@link System#getenv()}).
     *
     * @throws InvalidCommandLineException naming the option or variable, the rule and the value
     */
    static CommandLine parse(List<String> args, Map<String, String> env) throws InvalidCommandLineException {
        if (args.contains("--help") || args.contains("-h")) {
            return new CommandLine(wildcard(), DEFAULT_PORT, false, true);
        }
        String portText = null;
        String bindText = null;
        boolean quiet = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            switch (name) {
                case "--port", "--bind" -> {
                    String value;
                    if (arg.contains("=")) {
                        value = arg.substring(arg.indexOf('=') + 1);
                    } else if (i + 1 < args.size()) {
                        value = args.get(++i);
                    } else {
                        throw new InvalidCommandLineException(
                                "`" + name + "` needs a value, as in `" + name + (name.equals("--port") ? " 9000`." : " 127.0.0.1`."));
                    }
                    if (name.equals("--port")) {
                        portText = value;
                    } else {
                        bindText = value;
                    }
                }
                case "--quiet" -> {
                    if (!arg.equals(name)) {
                        throw new InvalidCommandLineException("`--quiet` takes no value, but was given '" + arg + "'.");
                    }
                    quiet = true;
                }
                default -> throw new InvalidCommandLineException("Unknown argument '" + arg + "'.");
            }
        }
        int port;
        if (portText != null) {
            port = port(portText, "`--port`");
        } else {
            String fromEnv = env.get("PORT");
            port = fromEnv == null || fromEnv.isEmpty() ? DEFAULT_PORT : port(fromEnv, "The PORT environment variable");
        }
        InetAddress bindAddress = bindText == null ? wildcard() : bindAddress(bindText);
        return new CommandLine(bindAddress, port, quiet, false);
    }

    private static int port(String text, String source) throws InvalidCommandLineException {
        if (DIGITS.matcher(text).matches()) {
            int port = Integer.parseInt(text);
            if (port <= 65_535) {
                return port;
            }
        }
        throw new InvalidCommandLineException(source + " must be an integer from 0 to 65535, but was '" + text + "'.");
    }

    private static InetAddress bindAddress(String text) throws InvalidCommandLineException {
        if (text.isBlank()) {
            throw new InvalidCommandLineException("`--bind` must be an IP address or a host name, but was '" + text + "'.");
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new InvalidCommandLineException(
                    "`--bind` must be an IP address or a host name, but was '" + text + "' (unknown host).");
        }
    }

    /** {@code 0.0.0.0}: the JDK listens on all interfaces, IPv6 included where available (as Go's {@code :9000}). */
    private static InetAddress wildcard() {
        try {
            return InetAddress.getByAddress(new byte[4]);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // cannot happen: four bytes are a valid IPv4 address
        }
    }

    /**
     * A command line that cannot be run; its message names the option, the rule and the value.
     *
     * <p>Internal: not for users.
     */
    static final class InvalidCommandLineException extends Exception {

        private static final long serialVersionUID = 1L;

        InvalidCommandLineException(String message) {
            super(message);
        }
    }
}
