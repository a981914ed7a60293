package dev.junitloadtest.sampletarget;

import java.util.Map;

/**
 * The JDK HTTP server limits the target raises so that thousands of concurrent keep-alive connections work.
 *
 * <p>Internal: not for users. Thread-safe.
 *
 * <p>The JDK server ({@code sun.net.httpserver.ServerImpl}) reads these system properties once per JVM, when
 * the first {@code HttpServer} is created; their names and defaults are documented in the Javadoc of the
 * {@code jdk.httpserver} module. A property already set (for example with {@code -D}) is left alone, and if
 * another {@code HttpServer} was created in this JVM before the first target, the JDK keeps the values it
 * read then. The values only raise limits, so other JDK servers in the same JVM are not hurt by them.
 */
final class ServerLimits {

    /**
     * The properties and the values set when absent.
     *
     * <ul>
     *   <li>{@code sun.net.httpserver.maxIdleConnections} (JDK default 200): a connection that finishes a
     *       response while 200 others are idle is closed, so 2,000 keep-alive clients would reconnect all the
     *       time. Go keeps every idle connection.
     *   <li>{@code sun.net.httpserver.idleInterval} (JDK default 30 s): Go's {@code http.ListenAndServe} has
     *       no idle timeout; one hour keeps the connections of slow virtual users (think times of many seconds)
     *       open instead of racing their next request against the server's close.
     *   <li>{@code sun.net.httpserver.nodelay} (JDK default false): Go sets {@code TCP_NODELAY} on every
     *       connection.
     * </ul>
     *
     * <p>{@code jdk.httpserver.maxConnections} is left at its default, no limit, as in Go.
     */
    static final Map<String, String> VALUES = Map.of(
            "sun.net.httpserver.maxIdleConnections", "100000",
            "sun.net.httpserver.idleInterval", "3600",
            "sun.net.httpserver.nodelay", "true");

    /**
     * The listen backlog asked for; Linux clamps it to {@code net.core.somaxconn}, which is what Go asks for.
     * The JDK's default (50) drops connection bursts: a client opening 2,000 connections at once would see
     * SYN retransmits of a second or more.
     */
    static final int BACKLOG = 65_535;

    private ServerLimits() {
    }

    /** Sets each property that is not set yet. */
    static void apply() {
        synchronized (ServerLimits.class) {
            VALUES.forEach((key, value) -> {
                if (System.getProperty(key) == null) {
                    System.setProperty(key, value);
                }
            });
        }
    }
}
