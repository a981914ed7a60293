package dev.junitloadtest.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw HTTP/1.1 server on loopback that answers every request with a 200 whose body comes in {@code chunks} pieces of
 * {@code chunkBytes} bytes, one every {@code pauseMillis}: a body that keeps arriving, or a very large one. Each
 * connection ends after one response; the server ends on {@link #close()}.
 */
final class TrickleServer implements AutoCloseable {

    private final ServerSocket socket;
    private final AtomicInteger requests = new AtomicInteger();

    TrickleServer(int chunks, int chunkBytes, long pauseMillis) throws IOException {
        socket = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("trickle-accept").start(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket connection = socket.accept();
                    Thread.ofVirtual().start(() -> answer(connection, chunks, chunkBytes, pauseMillis));
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    private void answer(Socket connection, int chunks, int chunkBytes, long pauseMillis) {
        try (connection; InputStream in = connection.getInputStream(); OutputStream out = connection.getOutputStream()) {
            int matched = 0;
            // Reads the request head up to its blank line.
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            requests.incrementAndGet();
            out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + (long) chunks * chunkBytes
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[chunkBytes];
            for (int i = 0; i < chunks && !socket.isClosed(); i++) {
                out.write(chunk);
                out.flush();
                if (pauseMillis > 0) {
                    Thread.sleep(pauseMillis);
                }
            }
        } catch (IOException | InterruptedException gone) {
            // The client went away, or the server is closing.
        }
    }

    /** The base URI to send requests to. */
    String baseUri() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    /** How many request heads the server has read. */
    int requests() {
        return requests.get();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
