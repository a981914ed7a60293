package dev.junitloadtest.json;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apiguardian.api.API;

/**
 * {@code Json} reads and writes JSON text (RFC 8259): enough for load tests to read tokens and ids out of responses,
 * build request bodies, and for the library's JSON report. Stateless and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Json {

    private static final int MAX_DEPTH = 512;

    private Json() {
    }

    /**
     * Parses {@code text} as one JSON value.
     *
     * @throws JsonParseException if {@code text} is not JSON, with the position where parsing failed
     */
    public static JsonValue parse(String text) {
        Parser parser = new Parser(text);
        JsonValue value = parser.value("", 0);
        parser.skipWhitespace();
        if (parser.position < text.length()) {
            throw parser.error("unexpected '" + text.charAt(parser.position) + "' after the JSON value");
        }
        return value;
    }

    /**
     * Writes {@code value} as compact JSON: a {@link Map} as an object (keys by {@code toString()}), an
     * {@link Iterable}, array or {@link java.util.stream.Stream}-free collection as an array, a {@link CharSequence} or
     * {@link Character} or {@link Enum} as a string, a {@link Number} or {@link Boolean} as itself, {@code null} or an
     * empty {@link Optional} as {@code null}, a present {@code Optional} as its content, a {@link JsonValue} as itself.
     *
     * @throws IllegalArgumentException for another type, or a non-finite number
     */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        new Writer(out, null).write(value, 0);
        return out.toString();
    }

    /** Writes {@code value} as {@link #write(Object)} does, indented by two spaces per level. */
    public static String writePretty(Object value) {
        StringBuilder out = new StringBuilder();
        new Writer(out, "  ").write(value, 0);
        return out.append('\n').toString();
    }

    /** Appends {@code text} to {@code out} as a quoted JSON string. */
    public static void quote(CharSequence text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    // U+2028/2029 are valid JSON but end a line in JavaScript: escape them for embedding in HTML.
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static final class Writer {

        private final StringBuilder out;
        private final String indent;

        Writer(StringBuilder out, String indent) {
            this.out = out;
            this.indent = indent;
        }

        void write(Object value, int depth) {
            if (depth > MAX_DEPTH) {
                throw new IllegalArgumentException("Cannot write JSON nested deeper than " + MAX_DEPTH + " levels");
            }
            if (value instanceof Optional<?> optional) {
                value = optional.orElse(null);
            }
            switch (value) {
                case null -> out.append("null");
                case JsonValue json -> writeJson(json, depth);
                case CharSequence text -> quote(text, out);
                case Character c -> quote(String.valueOf(c), out);
                case Enum<?> e -> quote(e.name(), out);
                case Boolean b -> out.append(b);
                case Double d -> writeFinite(d, d.isNaN() || d.isInfinite());
                case Float f -> writeFinite(f, f.isNaN() || f.isInfinite());
                case Number n -> out.append(n);
                case Map<?, ?> map -> writeObject(map, depth);
                case Iterable<?> iterable -> writeArray(iterable, depth);
                default -> {
                    if (value.getClass().isArray()) {
                        List<Object> elements = new ArrayList<>();
                        for (int i = 0; i < Array.getLength(value); i++) {
                            elements.add(Array.get(value, i));
                        }
                        writeArray(elements, depth);
                    } else {
                        throw new IllegalArgumentException("Cannot write a " + value.getClass().getName()
                                + " as JSON: use maps, lists, strings, numbers, booleans and nulls");
                    }
                }
            }
        }

        private void writeFinite(Number number, boolean nonFinite) {
            if (nonFinite) {
                throw new IllegalArgumentException("JSON has no representation for " + number);
            }
            out.append(number);
        }

        private void writeJson(JsonValue json, int depth) {
            switch (json.type()) {
                case OBJECT -> writeObject(json.fields(), depth);
                case ARRAY -> writeArray(json.elements(), depth);
                case STRING -> quote(json.asText(), out);
                case NUMBER, BOOLEAN -> out.append(json.asText());
                case NULL, MISSING -> out.append("null");
            }
        }

        private void writeObject(Map<?, ?> map, int depth) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                newline(depth + 1);
                quote(String.valueOf(entry.getKey()), out);
                out.append(indent == null ? ":" : ": ");
                write(entry.getValue(), depth + 1);
            }
            if (!first) {
                newline(depth);
            }
            out.append('}');
        }

        private void writeArray(Iterable<?> elements, int depth) {
            out.append('[');
            boolean first = true;
            for (Object element : elements) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                newline(depth + 1);
                write(element, depth + 1);
            }
            if (!first) {
                newline(depth);
            }
            out.append(']');
        }

        private void newline(int depth) {
            if (indent != null) {
                out.append('\n');
                out.append(indent.repeat(depth));
            }
        }
    }

    private static final class Parser {

        private final String text;
        private int position;

        Parser(String text) {
            this.text = text;
        }

        JsonValue value(String path, int depth) {
            if (depth > MAX_DEPTH) {
                throw error("nesting deeper than " + MAX_DEPTH + " levels");
            }
            skipWhitespace();
            if (position >= text.length()) {
                throw error(position == 0 ? "empty input" : "unexpected end of input");
            }
            char c = text.charAt(position);
            return switch (c) {
                case '{' -> object(path, depth);
                case '[' -> array(path, depth);
                case '"' -> JsonValue.string(string(), path);
                case 't' -> literal("true", JsonValue.bool(true, path));
                case 'f' -> literal("false", JsonValue.bool(false, path));
                case 'n' -> literal("null", JsonValue.nullValue(path));
                default -> {
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        yield JsonValue.number(number(), path);
                    }
                    throw error("unexpected '" + c + "'");
                }
            };
        }

        private JsonValue object(String path, int depth) {
            position++;
            Map<String, JsonValue> fields = new LinkedHashMap<>();
            skipWhitespace();
            if (peek() == '}') {
                position++;
                return JsonValue.object(fields, path);
            }
            while (true) {
                skipWhitespace();
                if (peek() != '"') {
                    throw error("expected a field name in quotes");
                }
                String name = string();
                skipWhitespace();
                expect(':');
                fields.put(name, value(path + "/" + JsonValue.escape(name), depth + 1));
                skipWhitespace();
                char c = peek();
                position++;
                if (c == '}') {
                    return JsonValue.object(fields, path);
                }
                if (c != ',') {
                    position--;
                    throw error("expected ',' or '}' in an object");
                }
            }
        }

        private JsonValue array(String path, int depth) {
            position++;
            List<JsonValue> elements = new ArrayList<>();
            skipWhitespace();
            if (peek() == ']') {
                position++;
                return JsonValue.array(elements, path);
            }
            while (true) {
                elements.add(value(path + "/" + elements.size(), depth + 1));
                skipWhitespace();
                char c = peek();
                position++;
                if (c == ']') {
                    return JsonValue.array(elements, path);
                }
                if (c != ',') {
                    position--;
                    throw error("expected ',' or ']' in an array");
                }
            }
        }

        private String string() {
            int start = ++position;
            StringBuilder out = null;
            while (position < text.length()) {
                char c = text.charAt(position);
                if (c == '"') {
                    String result = out == null ? text.substring(start, position) : out.toString();
                    position++;
                    return result;
                }
                if (c < 0x20) {
                    throw error("control character in a string");
                }
                if (c == '\\') {
                    if (out == null) {
                        out = new StringBuilder().append(text, start, position);
                    }
                    position++;
                    char escape = peek();
                    switch (escape) {
                        case '"', '\\', '/' -> out.append(escape);
                        case 'b' -> out.append('\b');
                        case 'f' -> out.append('\f');
                        case 'n' -> out.append('\n');
                        case 'r' -> out.append('\r');
                        case 't' -> out.append('\t');
                        case 'u' -> {
                            if (position + 4 >= text.length()) {
                                throw error("unfinished \\u escape");
                            }
                            try {
                                out.append((char) Integer.parseInt(text.substring(position + 1, position + 5), 16));
                            } catch (NumberFormatException e) {
                                throw error("bad \\u escape");
                            }
                            position += 4;
                        }
                        default -> throw error("bad escape '\\" + escape + "'");
                    }
                    position++;
                } else {
                    if (out != null) {
                        out.append(c);
                    }
                    position++;
                }
            }
            throw error("unterminated string");
        }

        private String number() {
            int start = position;
            if (peek() == '-') {
                position++;
            }
            if (peek() == '0') {
                position++;
            } else if (isDigit(peek())) {
                digits();
            } else {
                throw error("expected a digit");
            }
            if (peek() == '.') {
                position++;
                if (!isDigit(peek())) {
                    throw error("expected a digit after '.'");
                }
                digits();
            }
            if (peek() == 'e' || peek() == 'E') {
                position++;
                if (peek() == '+' || peek() == '-') {
                    position++;
                }
                if (!isDigit(peek())) {
                    throw error("expected a digit in the exponent");
                }
                digits();
            }
            return text.substring(start, position);
        }

        private void digits() {
            while (isDigit(peek())) {
                position++;
            }
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private JsonValue literal(String word, JsonValue value) {
            if (!text.startsWith(word, position)) {
                throw error("unexpected '" + text.charAt(position) + "'");
            }
            position += word.length();
            return value;
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            position++;
        }

        private char peek() {
            return position < text.length() ? text.charAt(position) : '\0';
        }

        void skipWhitespace() {
            while (position < text.length()) {
                char c = text.charAt(position);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                position++;
            }
        }

        JsonParseException error(String problem) {
            int line = 1;
            int column = 1;
            for (int i = 0; i < Math.min(position, text.length()); i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                    column = 1;
                } else {
                    column++;
                }
            }
            return new JsonParseException("Not valid JSON: " + problem + " at line " + line + ", column " + column
                    + " (offset " + position + ")", position);
        }
    }
}
