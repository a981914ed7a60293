package dev.junitloadtest.internal.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpVersion;
import org.apache.hc.core5.http.MalformedChunkCodingException;
import org.apache.hc.core5.http.ProtocolException;
import org.apache.hc.core5.http.ProtocolVersion;
import org.apache.hc.core5.http.TruncatedChunkException;
import org.apache.hc.core5.http.message.BasicHeader;
import org.apache.hc.core5.http.message.BasicLineParser;
import org.apache.hc.core5.http.message.LazyLaxLineParser;
import org.apache.hc.core5.http.message.StatusLine;
import org.apache.hc.core5.util.CharArrayBuffer;

/**
 * Reads one HTTP/1.1 response from a blocking socket, on the calling thread: the status line (skipping interim 1xx
 * responses such as {@code 100 Continue}), the headers, and a body delimited by Content-Length, by chunked coding
 * (extensions ignored, trailers read and dropped), or by the connection's end; none for HEAD, 1xx, 204 and 304. The
 * whole response must arrive by a deadline: before every read the socket's timeout is set to the time left. Lines
 * that are not well-formed are handed to HttpCore's own parser, so they fail with HttpClient's words. One per
 * response; not thread-safe. Internal.
 */
final class Http1Codec {

    /** Longest status or header line accepted (HttpClient accepts any; this bounds memory). */
    private static final int MAX_LINE = 1 << 20;

    private final Socket socket;
    private final InputStream in;
    private final byte[] buffer;
    private final long deadlineNanos;
    private int position;
    private int limit;
    private long received;
    private boolean eof;

    int status;
    ProtocolVersion version;
    Header[] headers;
    byte[] body;
    /** Whether the connection can carry the next request. */
    boolean keepAlive;

    Http1Codec(Socket socket, InputStream in, byte[] buffer, long deadlineNanos) {
        this.socket = socket;
        this.in = in;
        this.buffer = buffer;
        this.deadlineNanos = deadlineNanos;
    }

    /** Bytes of the response read so far: none means the connection ended before the response began. */
    long received() {
        return received;
    }

    /** Reads the response to a request made with {@code method}. */
    void read(String method) throws IOException, HttpException {
        StatusLine statusLine;
        List<Header> list;
        do {
            statusLine = statusLine(line(true));
            list = headers();
        } while (statusLine.getStatusCode() >= 100 && statusLine.getStatusCode() < 200
                && statusLine.getStatusCode() != 101);
        status = statusLine.getStatusCode();
        version = statusLine.getProtocolVersion();
        headers = list.toArray(new Header[0]);
        String connection = value(list, "Connection");
        keepAlive = version.greaterEquals(HttpVersion.HTTP_1_1)
                ? connection == null || !connection.toLowerCase(Locale.ROOT).contains("close")
                : connection != null && connection.toLowerCase(Locale.ROOT).contains("keep-alive");
        if ("HEAD".equals(method) || status == 204 || status == 304 || status < 200) {
            body = null;
            return;
        }
        String transferEncoding = value(list, "Transfer-Encoding");
        String contentLength = value(list, "Content-Length");
        if (transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).trim().endsWith("chunked")) {
            body = chunked();
        } else if (contentLength != null) {
            long length;
            try {
                length = Long.parseLong(contentLength.trim());
            } catch (NumberFormatException e) {
                length = -1;
            }
            if (length < 0 || length > Integer.MAX_VALUE - 8) {
                throw new ProtocolException("Invalid content length: " + contentLength);
            }
            body = fixed((int) length);
        } else {
            body = untilClosed();
            keepAlive = false;
        }
        if (position < limit) {
            // More than the response: the connection is out of step, do not reuse it.
            keepAlive = false;
        }
    }

    private static String value(List<Header> headers, String name) {
        String found = null;
        for (Header header : headers) {
            if (header.getName().equalsIgnoreCase(name)) {
                found = found == null ? header.getValue() : found + ", " + header.getValue();
            }
        }
        return found;
    }

    private StatusLine statusLine(String line) throws IOException, HttpException {
        // The common case without HttpCore's parser; anything else through it, for its exact failure.
        if (line.length() >= 12 && line.startsWith("HTTP/1.") && line.charAt(8) == ' '
                && (line.length() == 12 || line.charAt(12) == ' ')) {
            char minor = line.charAt(7);
            int code = digits(line, 9, 12);
            if ((minor == '1' || minor == '0') && code >= 100) {
                return new StatusLine(minor == '1' ? HttpVersion.HTTP_1_1 : HttpVersion.HTTP_1_0, code,
                        line.length() > 13 ? line.substring(13) : null);
            }
        }
        CharArrayBuffer chars = new CharArrayBuffer(line.length());
        chars.append(line);
        return BasicLineParser.INSTANCE.parseStatusLine(chars);
    }

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private List<Header> headers() throws IOException, HttpException {
        List<Header> list = new ArrayList<>(8);
        for (String line = line(false); !line.isEmpty(); line = line(false)) {
            int colon = line.indexOf(':');
            if (colon <= 0 || line.charAt(colon - 1) == ' ' || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                CharArrayBuffer chars = new CharArrayBuffer(line.length());
                chars.append(line);
                list.add(LazyLaxLineParser.INSTANCE.parseHeader(chars));
                continue;
            }
            list.add(new BasicHeader(line.substring(0, colon), line.substring(colon + 1).trim()));
        }
        return list;
    }

    /** A line without its CR LF, decoded byte for byte (ISO-8859-1), as HttpCore does. */
    private String line(boolean first) throws IOException, HttpException {
        int start = position;
        StringBuilder longLine = null;
        while (true) {
            for (int i = position; i < limit; i++) {
                if (buffer[i] == '\n') {
                    int end = i > start && buffer[i - 1] == '\r' ? i - 1 : i;
                    String part = new String(buffer, start, end - start, StandardCharsets.ISO_8859_1);
                    position = i + 1;
                    if (longLine == null) {
                        return part;
                    }
                    longLine.append(part);
                    int last = longLine.length() - 1;
                    if (end == i && last >= 0 && longLine.charAt(last) == '\r') {
                        longLine.setLength(last);
                    }
                    return longLine.toString();
                }
            }
            if (start < limit) {
                if (longLine == null) {
                    longLine = new StringBuilder(256);
                }
                longLine.append(new String(buffer, start, limit - start, StandardCharsets.ISO_8859_1));
                if (longLine.length() > MAX_LINE) {
                    throw new ProtocolException("Maximum line length limit exceeded");
                }
            }
            position = limit;
            if (fill() < 0) {
                if (longLine != null) {
                    // A line cut by the connection's end is parsed as it is, as HttpCore does, for its words.
                    CharArrayBuffer chars = new CharArrayBuffer(longLine.length());
                    chars.append(longLine.toString());
                    if (first) {
                        BasicLineParser.INSTANCE.parseStatusLine(chars);
                    } else {
                        LazyLaxLineParser.INSTANCE.parseHeader(chars);
                    }
                }
                throw new ConnectionClosedException(received == 0 && first ? "Connection closed by peer"
                        : "Premature end of message head");
            }
            start = position;
        }
    }

    private byte[] fixed(int length) throws IOException, HttpException {
        byte[] content = new byte[length];
        int copied = 0;
        while (copied < length) {
            if (position == limit && fill() < 0) {
                throw new ConnectionClosedException(String.format(Locale.ROOT,
                        "Premature end of Content-Length delimited message body (expected: %d; received: %d)",
                        length, copied));
            }
            int n = Math.min(length - copied, limit - position);
            System.arraycopy(buffer, position, content, copied, n);
            position += n;
            copied += n;
        }
        return content;
    }

    private byte[] chunked() throws IOException, HttpException {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        while (true) {
            String header = chunkLine();
            int semicolon = header.indexOf(';');
            String hex = (semicolon < 0 ? header : header.substring(0, semicolon)).trim();
            long size;
            try {
                size = Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 0 || size > Integer.MAX_VALUE) {
                throw new MalformedChunkCodingException("Bad chunk header: " + header);
            }
            if (size == 0) {
                // Trailers: read and dropped, as HttpClient's simple responses do.
                while (!chunkLine().isEmpty()) {
                    // next trailer
                }
                return content.toByteArray();
            }
            long left = size;
            while (left > 0) {
                if (position == limit && fill() < 0) {
                    throw new TruncatedChunkException("Truncated chunk (expected size: %d; actual size: %d)", size,
                            size - left);
                }
                int n = (int) Math.min(left, limit - position);
                content.write(buffer, position, n);
                position += n;
                left -= n;
            }
            if (!chunkLine().isEmpty()) {
                throw new MalformedChunkCodingException("CRLF expected at end of chunk");
            }
        }
    }

    private String chunkLine() throws IOException, HttpException {
        try {
            return line(false);
        } catch (ConnectionClosedException e) {
            throw new ConnectionClosedException("Premature end of chunk coded message body: closing chunk expected");
        }
    }

    private byte[] untilClosed() throws IOException, HttpException {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        do {
            content.write(buffer, position, limit - position);
            position = limit;
        } while (fill() >= 0);
        return content.toByteArray();
    }

    /** Reads more into the buffer (from its start): the number of bytes read, or -1 at the connection's end. */
    private int fill() throws IOException, HttpException {
        if (eof) {
            return -1;
        }
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            throw new SocketTimeoutException("the response deadline passed");
        }
        socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, (left + 999_999) / 1_000_000)));
        int n = in.read(buffer, 0, buffer.length);
        if (n < 0) {
            eof = true;
            position = 0;
            limit = 0;
            return -1;
        }
        position = 0;
        limit = n;
        received += n;
        return n;
    }
}
