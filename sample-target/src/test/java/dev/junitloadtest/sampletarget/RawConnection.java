package dev.junitloadtest.sampletarget;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One keep-alive TCP connection to a target, speaking HTTP/1.1 by hand, so tests see the exact bytes: header
 * names as sent, and whether a body follows.
 */
final class RawConnection implements AutoCloseable {

    /**
     * A response as read from the wire.
     *
     * @param statusLine for example {@code HTTP/1.1 200 OK}
     * @param headers by lower-cased name, in the order received
     * @param headerNames the names exactly as sent, in the order received
     * @param body the body, read as long as {@code Content-Length} says ({@code ""} for HEAD)
     */
    record Response(String statusLine, Map<String, String> headers, List<String> headerNames, String body) {
    }

    private final Socket socket;
    private final InputStream in;

    RawConnection(URI base) throws IOException {
        socket = new Socket(base.getHost(), base.getPort());
        socket.setSoTimeout(10_000);
        in = new BufferedInputStream(socket.getInputStream());
    }

    /** Sends {@code method path} with a Host header and no body. */
    void send(String method, String path) throws IOException {
        sendRaw(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    }

    /** Sends {@code request} as is. */
    void sendRaw(String request) throws IOException {
        socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    /** Reads one response; {@code toHead} says the request was HEAD, so no body follows whatever the headers say. */
    Response read(boolean toHead) throws IOException {
        String head = readHead();
        String[] lines = head.split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            names.add(lines[i].substring(0, colon));
            headers.put(lines[i].substring(0, colon).toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        String body = "";
        if (!toHead) {
            body = new String(in.readNBytes(Integer.parseInt(headers.get("content-length"))), StandardCharsets.UTF_8);
        }
        return new Response(lines[0], headers, names, body);
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed after " + head.size() + " bytes of response head");
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        return text.substring(0, text.length() - end.length);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
