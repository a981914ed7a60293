package dev.junitloadtest.json;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.Serial;

import org.apiguardian.api.API;

/** {@code JsonParseException} reports text that is not JSON, with the offset where parsing failed. */
@API(status = EXPERIMENTAL, since = "0.1")
public class JsonParseException extends IllegalArgumentException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final int offset;

    /** Creates the exception. */
    public JsonParseException(String message, int offset) {
        super(message);
        this.offset = offset;
    }

    /** Offset in the text, from 0, where parsing failed. */
    public int offset() {
        return offset;
    }
}
