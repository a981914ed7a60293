package dev.junitloadtest.internal.baseline;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.DataFormatException;

import org.HdrHistogram.Histogram;

import dev.junitloadtest.json.Json;
import dev.junitloadtest.json.JsonParseException;
import dev.junitloadtest.json.JsonValue;

/**
 * Reads a baseline file: the {@code summary.json} of a run (schema {@value #SCHEMA}), of which it needs the class, and
 * per request the method, name, failures, throughput and response-time histogram. Every way a file can fail to be
 * one is a {@link Unreadable} naming what is wrong, for the configuration error the reader makes of it. Internal.
 */
final class BaselineFile {

    /** The one schema a baseline can have: that of {@code summary.json}. */
    static final String SCHEMA = "junit-loadtest/summary/v1";

    /** Larger than any summary a run writes with its 500 request names; a guard against reading a wrong file whole. */
    private static final long MAX_BYTES = 256L * 1024 * 1024;

    private BaselineFile() {
    }

    /** The run in {@code file}, named {@code name} as it was configured. */
    static BaselineRun read(Path file, String name) throws IOException {
        if (Files.size(file) > MAX_BYTES) {
            throw new Unreadable("it is larger than " + MAX_BYTES / 1024 / 1024 + " MB");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new Unreadable("it is not UTF-8 text");
        }
        JsonValue json;
        try {
            json = Json.parse(text);
        } catch (JsonParseException e) {
            throw new Unreadable("it is not valid JSON: " + e.getMessage().replaceFirst("^Not valid JSON: ", ""));
        }
        String schema = json.get("schema").text().orElse(null);
        if (!SCHEMA.equals(schema)) {
            throw new Unreadable(schema == null ? "it has no \"schema\" " + SCHEMA + "; a baseline is the summary.json "
                    + "of a run" : "its schema is '" + schema + "', not " + SCHEMA);
        }
        List<BaselineRun.Request> requests = new ArrayList<>();
        for (JsonValue request : json.get("requests").elements()) {
            requests.add(request(request));
        }
        return new BaselineRun(name, text(json, "testClass"), text(json, "startedAt"),
                json.at("/profile/loadModel").text().orElse(""), json.at("/profile/host").text().orElse(""),
                requests);
    }

    private static BaselineRun.Request request(JsonValue json) {
        String method = text(json, "method");
        String name = text(json, "name");
        Histogram histogram;
        try {
            histogram = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(
                    text(json, "histogram"))), 0);
        } catch (IllegalArgumentException | DataFormatException | java.nio.BufferUnderflowException e) {
            throw new Unreadable("the histogram at " + json.get("histogram").path() + " is not an HdrHistogram in "
                    + "compressed base64 form");
        }
        return BaselineRun.Request.of(method, name, number(json, "failures").longValue(),
                number(json, "requestsPerSecond").doubleValue(), histogram);
    }

    private static String text(JsonValue json, String field) {
        return json.get(field).text().orElseThrow(() -> new Unreadable("it has no text at "
                + json.get(field).path()));
    }

    private static Number number(JsonValue json, String field) {
        JsonValue value = json.get(field);
        if (value.type() != JsonValue.Type.NUMBER) {
            throw new Unreadable("it has no number at " + value.path());
        }
        return value.asDecimal();
    }

    /** Why a file is not a baseline, in words that follow "it cannot be read as a baseline: ". */
    static final class Unreadable extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Unreadable(String reason) {
            super(reason, null, false, false);
        }
    }
}
