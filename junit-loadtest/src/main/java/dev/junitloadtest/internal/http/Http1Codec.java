package dev.junitloadtest.internal.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.ContentType;
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
 * Reads HTTP/1.1 responses from a blocking socket, on the calling thread: the status line (skipping interim 1xx
 * responses such as {@code 100 Continue}), the headers, and a body delimited by Content-Length, by chunked coding
 * (extensions ignored, trailers read and dropped), or by the connection's end; none for HEAD, 1xx, 204 and 304.
 * Well-formed lines are read byte by byte in the buffer, without a String per line; lines that are not, and lines
 * longer than the buffer, are handed to HttpCore's own parser, so they fail with HttpClient's words. A header line that
 * comes back byte for byte from the user's previous response keeps its {@link Header} (a server repeats most of its
 * headers, and Date changes once a second), and a whole head that does keeps its array. The response timeout is not
 * enforced here but by the transport, which closes the socket of a response past its deadline. One per user, reused
 * for each of its responses; not thread-safe. Internal.
 */
final class Http1Codec {

    /** Longest status or header line accepted (HttpClient accepts any; this bounds memory). */
    private static final int MAX_LINE = 1 << 20;

    private static final byte[] NO_BYTES = {};
    private static final Header[] NO_HEADERS = {};

    private InputStream in;
    private byte[] buffer;
    private int position;
    private int limit;
    private long received;
    private boolean eof;

    /** The line found by {@link #nextLine}: at [lineStart, lineEnd) in the buffer, or this text when longer. */
    private int lineStart;
    private int lineEnd;
    private String lineText;

    /** The header lines of the previous head, concatenated, where each ends, and their headers. */
    private byte[] lastLines = NO_BYTES;
    private int[] lastEnds = new int[0];
    private Header[] lastHeaders = NO_HEADERS;
    /** How many of {@link #lastHeaders} have their line in {@link #lastLines}. */
    private int lastCount;
    private Header[] work = new Header[8];
    private Header lastContentTypeHeader;
    private ContentType lastContentType;

    int status;
    ProtocolVersion version;
    Header[] headers;
    byte[] body;
    /** The parsed Content-Type, or null without one (or when it does not parse). */
    ContentType contentType;
    /** Whether the response sets cookies. */
    boolean setsCookies;
    /** Whether the connection can carry the next request. */
    boolean keepAlive;

    /** Starts reading a response from {@code in}, with {@code buffer} lent for this response only. */
    void begin(InputStream input, byte[] readBuffer) {
        this.in = input;
        this.buffer = readBuffer;
        position = 0;
        limit = 0;
        received = 0;
        eof = false;
        headers = null;
        body = null;
        contentType = null;
    }

    /** Lets go of the stream and the buffer once the response is read (or failed). */
    void end() {
        in = null;
        buffer = null;
    }

    /** Bytes of the response read so far: none means the connection ended before the response began. */
    long received() {
        return received;
    }

    /** Reads the response to a request made with {@code method}. */
    void read(String method) throws IOException, HttpException {
        do {
            statusLine();
            headers();
        } while (status >= 100 && status < 200 && status != 101);
        String connection = null;
        String transferEncoding = null;
        String contentLength = null;
        Header contentTypeHeader = null;
        setsCookies = false;
        for (Header header : headers) {
            String name = header.getName();
            // By length first: most headers are none of these.
            switch (name.length()) {
                case 10 -> {
                    if (name.equalsIgnoreCase("Connection")) {
                        connection = joined(connection, header.getValue());
                    } else if (name.equalsIgnoreCase("Set-Cookie")) {
                        setsCookies = true;
                    }
                }
                case 12 -> {
                    if (name.equalsIgnoreCase("Content-Type")) {
                        contentTypeHeader = header;
                    }
                }
                case 14 -> {
                    if (name.equalsIgnoreCase("Content-Length")) {
                        contentLength = joined(contentLength, header.getValue());
                    }
                }
                case 17 -> {
                    if (name.equalsIgnoreCase("Transfer-Encoding")) {
                        transferEncoding = joined(transferEncoding, header.getValue());
                    }
                }
                default -> {
                    // not one that decides how the response is read
                }
            }
        }
        contentType = contentType(contentTypeHeader);
        keepAlive = version.greaterEquals(HttpVersion.HTTP_1_1)
                ? connection == null || !connection.toLowerCase(Locale.ROOT).contains("close")
                : connection != null && connection.toLowerCase(Locale.ROOT).contains("keep-alive");
        if ("HEAD".equals(method) || status == 204 || status == 304 || status < 200) {
            body = null;
            return;
        }
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

    private static String joined(String found, String value) {
        return found == null ? value : found + ", " + value;
    }

    /** The last Content-Type's value parsed, or null; the same header as last time keeps its parsed value. */
    private ContentType contentType(Header header) {
        if (header == null) {
            return null;
        }
        if (header == lastContentTypeHeader) {
            return lastContentType;
        }
        ContentType parsed;
        try {
            parsed = ContentType.parse(header.getValue());
        } catch (RuntimeException unsupported) {
            parsed = null;
        }
        lastContentTypeHeader = header;
        lastContentType = parsed;
        return parsed;
    }

    private void statusLine() throws IOException, HttpException {
        nextLine(true);
        if (lineText == null) {
            // The common case, in the buffer: "HTTP/1.1 200" followed by the end or a space and a reason.
            byte[] b = buffer;
            int at = lineStart;
            int length = lineEnd - at;
            if (length >= 12 && b[at] == 'H' && b[at + 1] == 'T' && b[at + 2] == 'T' && b[at + 3] == 'P'
                    && b[at + 4] == '/' && b[at + 5] == '1' && b[at + 6] == '.' && b[at + 8] == ' '
                    && (length == 12 || b[at + 12] == ' ')) {
                byte minor = b[at + 7];
                int code = digit(b[at + 9]) * 100 + digit(b[at + 10]) * 10 + digit(b[at + 11]);
                if ((minor == '1' || minor == '0') && code >= 100 && code < 1000) {
                    status = code;
                    version = minor == '1' ? HttpVersion.HTTP_1_1 : HttpVersion.HTTP_1_0;
                    return;
                }
            }
        }
        StatusLine line = statusLine(lineText != null ? lineText : latin1(lineStart, lineEnd));
        status = line.getStatusCode();
        version = line.getProtocolVersion();
    }

    /** The digit's value, or a large negative number that spoils any sum it is in. */
    private static int digit(byte b) {
        return b >= '0' && b <= '9' ? b - '0' : -10_000;
    }

    private String latin1(int from, int to) {
        return new String(buffer, from, to - from, StandardCharsets.ISO_8859_1);
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

    private void headers() throws IOException, HttpException {
        int count = 0;
        // Lines compared with the previous head's while they match; from the first that does not, stored instead.
        boolean same = true;
        boolean cached = true;
        for (nextLine(false); !lineEmpty(); nextLine(false)) {
            Header header;
            if (lineText != null) {
                header = header(lineText);
                cached = false;
            } else if (same && count < lastCount && Arrays.equals(buffer, lineStart, lineEnd, lastLines,
                    count == 0 ? 0 : lastEnds[count - 1], lastEnds[count])) {
                header = lastHeaders[count];
            } else {
                header = header(lineStart, lineEnd);
                if (same) {
                    same = false;
                    lastCount = count;
                }
                if (cached) {
                    keepLine(count);
                }
            }
            if (count == work.length) {
                work = Arrays.copyOf(work, count * 2);
            }
            work[count++] = header;
        }
        if (same && count == lastHeaders.length && count == lastCount) {
            headers = lastHeaders;
        } else {
            headers = count == 0 ? NO_HEADERS : Arrays.copyOf(work, count);
            lastHeaders = headers;
            if (same) {
                lastCount = Math.min(lastCount, count);
            } else if (cached) {
                lastCount = count;
            }
        }
        Arrays.fill(work, 0, count, null);
    }

    /** Stores the current line as the {@code index}th of the head, the lines before it being stored already. */
    private void keepLine(int index) {
        int from = index == 0 ? 0 : lastEnds[index - 1];
        int length = lineEnd - lineStart;
        if (lastLines.length < from + length) {
            lastLines = Arrays.copyOf(lastLines, Math.max(from + length, lastLines.length * 2));
        }
        if (lastEnds.length <= index) {
            lastEnds = Arrays.copyOf(lastEnds, Math.max(8, index * 2));
        }
        System.arraycopy(buffer, lineStart, lastLines, from, length);
        lastEnds[index] = from + length;
    }

    private boolean lineEmpty() {
        return lineText == null ? lineStart == lineEnd : lineText.isEmpty();
    }

    /** The header on [from, to) of the buffer: name, colon, value (trimmed); anything else through HttpCore. */
    private Header header(int from, int to) throws HttpException {
        byte[] b = buffer;
        int colon = -1;
        for (int i = from; i < to; i++) {
            if (b[i] == ':') {
                colon = i;
                break;
            }
        }
        if (colon <= from || b[colon - 1] == ' ' || b[from] == ' ' || b[from] == '\t') {
            return header(latin1(from, to));
        }
        int valueFrom = colon + 1;
        int valueTo = to;
        // As String.trim(): every char up to the space.
        while (valueFrom < valueTo && (b[valueFrom] & 0xff) <= ' ') {
            valueFrom++;
        }
        while (valueTo > valueFrom && (b[valueTo - 1] & 0xff) <= ' ') {
            valueTo--;
        }
        return new BasicHeader(latin1(from, colon), latin1(valueFrom, valueTo));
    }

    private static Header header(String line) throws HttpException {
        int colon = line.indexOf(':');
        if (colon <= 0 || line.charAt(colon - 1) == ' ' || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
            CharArrayBuffer chars = new CharArrayBuffer(line.length());
            chars.append(line);
            return LazyLaxLineParser.INSTANCE.parseHeader(chars);
        }
        return new BasicHeader(line.substring(0, colon), line.substring(colon + 1).trim());
    }

    /**
     * Finds the next line, without its CR LF: at [lineStart, lineEnd) in the buffer, or, when it is longer than the
     * buffer, as {@link #lineText}. A line cut by the buffer's end is moved to its start and read on behind it.
     */
    private void nextLine(boolean first) throws IOException, HttpException {
        lineText = null;
        int scan = position;
        while (true) {
            byte[] b = buffer;
            for (int i = scan; i < limit; i++) {
                if (b[i] == '\n') {
                    lineStart = position;
                    lineEnd = i > position && b[i - 1] == '\r' ? i - 1 : i;
                    position = i + 1;
                    return;
                }
            }
            if (position > 0) {
                int kept = limit - position;
                System.arraycopy(b, position, b, 0, kept);
                position = 0;
                limit = kept;
            }
            if (limit == b.length) {
                lineText = line(first);
                return;
            }
            scan = limit;
            int n = eof ? -1 : in.read(b, limit, b.length - limit);
            if (n < 0) {
                eof = true;
                String partial = position < limit ? latin1(position, limit) : null;
                position = 0;
                limit = 0;
                throw closedInHead(first, partial);
            }
            limit += n;
            received += n;
        }
    }

    /**
     * The connection ended in the head, after {@code partial} (or null) of a line: the failure, as HttpCore words it
     * (thrown by its parser when the partial line does not parse).
     */
    private ConnectionClosedException closedInHead(boolean first, String partial) throws HttpException {
        if (partial != null) {
            // A line cut by the connection's end is parsed as it is, as HttpCore does, for its words.
            CharArrayBuffer chars = new CharArrayBuffer(partial.length());
            chars.append(partial);
            if (first) {
                BasicLineParser.INSTANCE.parseStatusLine(chars);
            } else {
                LazyLaxLineParser.INSTANCE.parseHeader(chars);
            }
        }
        return new ConnectionClosedException(received == 0 && first ? "Connection closed by peer"
                : "Premature end of message head");
    }

    /**
     * A line longer than the buffer, without its CR LF, decoded byte for byte (ISO-8859-1), as HttpCore does: read
     * from {@link #position} on, refilling the buffer from its start.
     */
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
                throw closedInHead(first, longLine == null ? null : longLine.toString());
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
            long size = chunkSize();
            if (size == 0) {
                // Trailers: read and dropped, as HttpClient's simple responses do.
                for (chunkLine(); !lineEmpty(); chunkLine()) {
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
            chunkLine();
            if (!lineEmpty()) {
                throw new MalformedChunkCodingException("CRLF expected at end of chunk");
            }
        }
    }

    /** The size in the next chunk's header line ({@code 1a;extension}), its extensions ignored. */
    private long chunkSize() throws IOException, HttpException {
        chunkLine();
        if (lineText == null) {
            // Up to 15 hex digits, then the end or an extension: anything else as below, for its failure.
            long size = 0;
            int i = lineStart;
            for (int digit; i < lineEnd && i - lineStart < 15
                    && (digit = Character.digit((char) (buffer[i] & 0xff), 16)) >= 0; i++) {
                size = size * 16 + digit;
            }
            if (i > lineStart && (i == lineEnd || buffer[i] == ';') && size <= Integer.MAX_VALUE) {
                return size;
            }
        }
        String header = lineText != null ? lineText : latin1(lineStart, lineEnd);
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
        return size;
    }

    private void chunkLine() throws IOException, HttpException {
        try {
            nextLine(false);
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
