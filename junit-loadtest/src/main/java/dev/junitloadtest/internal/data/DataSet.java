package dev.junitloadtest.internal.data;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.apiguardian.api.API;

import dev.junitloadtest.DataRow;
import dev.junitloadtest.Feeder;

/**
 * The rows of one feeder's file, read once before the run and shared by every user of it: immutable, so users read
 * rows without locks. Which row a user gets next is {@link DataFeeds}'s business. Internal.
 */
@API(status = INTERNAL, since = "0.1")
public final class DataSet {

    private final String name;
    private final String file;
    private final Feeder.Policy policy;
    private final Feeder.Exhausted whenExhausted;
    private final List<Row> rows;

    private DataSet(String name, String file, Feeder.Policy policy, Feeder.Exhausted whenExhausted, List<Row> rows) {
        this.name = name;
        this.file = file;
        this.policy = policy;
        this.whenExhausted = whenExhausted;
        this.rows = List.copyOf(rows);
    }

    /**
     * Reads the data set {@code name} from {@code file}: a resource on {@code classPath} if there is one of that name,
     * else a file path. {@code format} is already resolved: {@link Feeder.Format#CSV} or
     * {@link Feeder.Format#JSON_LINES}.
     *
     * @param testClass whose class path is searched, as the message of a missing file names it
     * @throws DataFileException if the file is missing, too large, not UTF-8, empty, lacks a {@code required} column
     *         or is malformed; the message says where, but not which annotation or file (the caller does)
     */
    public static DataSet read(String name, String file, Feeder.Format format, Feeder.Policy policy,
            Feeder.Exhausted whenExhausted, List<String> required, Class<?> testClass) {
        String text = decode(bytes(file, testClass));
        List<Row> rows = format == Feeder.Format.CSV ? CsvFormat.read(name, text, required)
                : JsonLinesFormat.read(name, text, required);
        return new DataSet(name, file, policy, whenExhausted, rows);
    }

    /** The format {@code file}'s extension says, if it says one. */
    public static Feeder.Format formatOf(String file) {
        String lower = file.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".csv")) {
            return Feeder.Format.CSV;
        }
        if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) {
            return Feeder.Format.JSON_LINES;
        }
        return Feeder.Format.BY_EXTENSION;
    }

    private static byte[] bytes(String file, Class<?> testClass) {
        ClassLoader loader = testClass.getClassLoader() == null ? ClassLoader.getSystemClassLoader()
                : testClass.getClassLoader();
        URL resource = loader.getResource(file.startsWith("/") ? file.substring(1) : file);
        Path path = Path.of(file);
        try {
            if (resource != null) {
                try (InputStream in = resource.openStream()) {
                    return limited(in);
                }
            }
            if (Files.isRegularFile(path)) {
                try (InputStream in = Files.newInputStream(path)) {
                    return limited(in);
                }
            }
        } catch (IOException e) {
            throw new DataFileException("it cannot be read: " + e);
        }
        throw new DataFileException("`file` names neither a resource on the class path of " + testClass.getSimpleName()
                + " nor a file (there is none at " + path.toAbsolutePath() + ").");
    }

    private static byte[] limited(InputStream in) throws IOException {
        // Reads in chunks up to the limit, so a huge file fails after reading the limit, not after filling the heap.
        byte[] bytes = in.readNBytes((int) Feeder.MAX_FILE_BYTES + 1);
        if (bytes.length > Feeder.MAX_FILE_BYTES) {
            throw new DataFileException("the file is larger than the " + Feeder.MAX_FILE_BYTES + " bytes a feeder "
                    + "holds in memory; use a smaller extract of it.");
        }
        return bytes;
    }

    /** UTF-8 text of {@code bytes}, without a byte order mark; malformed bytes fail naming their line. */
    private static String decode(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new DataFileException("line " + line + " is not valid UTF-8 (byte " + (in.position() + 1)
                    + " of the file); feeder files are read as UTF-8.");
        }
        decoder.flush(out);
        out.flip();
        String text = out.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** The name users ask for it by. */
    public String name() {
        return name;
    }

    /** The file, as the annotation names it. */
    public String file() {
        return file;
    }

    public Feeder.Policy policy() {
        return policy;
    }

    public Feeder.Exhausted whenExhausted() {
        return whenExhausted;
    }

    /** How many rows it has, at least one. */
    public int size() {
        return rows.size();
    }

    /** The row at {@code index}, from 0. */
    public DataRow row(int index) {
        return rows.get(index);
    }
}
