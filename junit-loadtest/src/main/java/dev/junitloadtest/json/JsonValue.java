package dev.junitloadtest.json;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.apiguardian.api.API;

/**
 * {@code JsonValue} is one value of a parsed JSON document: an object, array, string, number, boolean or null, or
 * <em>missing</em> when navigation asked for something that is not there. Navigation never throws, so
 * {@code json.get("data").get(0).get("id")} is safe to write; the {@code as...} accessors throw, naming the path, when
 * the value is missing or of another type. Immutable and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class JsonValue {

    /** The kinds of JSON value, plus {@link #MISSING} for navigation that found nothing. */
    @API(status = EXPERIMENTAL, since = "0.1")
    public enum Type {
        /** A JSON object. */
        OBJECT,
        /** A JSON array. */
        ARRAY,
        /** A JSON string. */
        STRING,
        /** A JSON number. */
        NUMBER,
        /** {@code true} or {@code false}. */
        BOOLEAN,
        /** {@code null}. */
        NULL,
        /** Nothing: the field, index or pointer asked for is not there. */
        MISSING
    }

    private final Type type;
    private final Object value;
    private final String path;

    private JsonValue(Type type, Object value, String path) {
        this.type = type;
        this.value = value;
        this.path = path;
    }

    static JsonValue object(Map<String, JsonValue> fields, String path) {
        return new JsonValue(Type.OBJECT, Collections.unmodifiableMap(fields), path);
    }

    static JsonValue array(List<JsonValue> elements, String path) {
        return new JsonValue(Type.ARRAY, Collections.unmodifiableList(elements), path);
    }

    static JsonValue string(String text, String path) {
        return new JsonValue(Type.STRING, text, path);
    }

    static JsonValue number(String literal, String path) {
        return new JsonValue(Type.NUMBER, literal, path);
    }

    static JsonValue bool(boolean flag, String path) {
        return new JsonValue(Type.BOOLEAN, flag, path);
    }

    static JsonValue nullValue(String path) {
        return new JsonValue(Type.NULL, null, path);
    }

    static JsonValue missing(String path) {
        return new JsonValue(Type.MISSING, null, path);
    }

    /** This value's type. */
    public Type type() {
        return type;
    }

    /** Where this value is in its document, as a JSON pointer ({@code ""} for the root, {@code "/data/0/id"}). */
    public String path() {
        return path;
    }

    /** Whether this is an object. */
    public boolean isObject() {
        return type == Type.OBJECT;
    }

    /** Whether this is an array. */
    public boolean isArray() {
        return type == Type.ARRAY;
    }

    /** Whether this is JSON {@code null}. */
    public boolean isNull() {
        return type == Type.NULL;
    }

    /** Whether navigation found nothing here. */
    public boolean isMissing() {
        return type == Type.MISSING;
    }

    /** The field {@code name} of this object; missing if this is not an object or has no such field. */
    public JsonValue get(String name) {
        String childPath = path + "/" + escape(name);
        if (type == Type.OBJECT) {
            JsonValue field = fieldMap().get(name);
            return field != null ? field : missing(childPath);
        }
        return missing(childPath);
    }

    /** The element at {@code index} of this array; missing if this is not an array or the index is out of range. */
    public JsonValue get(int index) {
        if (type == Type.ARRAY && index >= 0 && index < elementList().size()) {
            return elementList().get(index);
        }
        return missing(path + "/" + index);
    }

    /**
     * The value at JSON pointer {@code pointer} (RFC 6901) below this one, e.g. {@code "/data/0/id"}; missing if there
     * is none.
     */
    public JsonValue at(String pointer) {
        Objects.requireNonNull(pointer, "pointer");
        if (pointer.isEmpty()) {
            return this;
        }
        if (pointer.charAt(0) != '/') {
            throw new IllegalArgumentException("A JSON pointer starts with '/', but was '" + pointer + "'");
        }
        JsonValue current = this;
        for (String token : pointer.substring(1).split("/", -1)) {
            String name = token.replace("~1", "/").replace("~0", "~");
            if (current.type == Type.ARRAY && isIndex(name)) {
                current = current.get(Integer.parseInt(name));
            } else {
                current = current.get(name);
            }
        }
        return current;
    }

    /** Number of fields of an object or elements of an array; 0 for anything else. */
    public int size() {
        return switch (type) {
            case OBJECT -> fieldMap().size();
            case ARRAY -> elementList().size();
            default -> 0;
        };
    }

    /** The elements of this array, in order; empty for anything else. */
    public List<JsonValue> elements() {
        return type == Type.ARRAY ? elementList() : List.of();
    }

    /** The fields of this object, in document order; empty for anything else. */
    public Map<String, JsonValue> fields() {
        return type == Type.OBJECT ? fieldMap() : Map.of();
    }

    /**
     * This string's text, or the literal text of a number or boolean.
     *
     * @throws IllegalStateException if this is an object, array, null or missing
     */
    public String asText() {
        return switch (type) {
            case STRING, NUMBER -> (String) value;
            case BOOLEAN -> value.toString();
            default -> throw wrongType("text");
        };
    }

    /** This string's text, or empty if this is not a string. */
    public Optional<String> text() {
        return type == Type.STRING ? Optional.of((String) value) : Optional.empty();
    }

    /**
     * This number as an {@code int}.
     *
     * @throws IllegalStateException if this is not a number that fits an {@code int} exactly
     */
    public int asInt() {
        try {
            return asDecimal().intValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalStateException("JSON value at '" + path + "' is " + value + ", not an int");
        }
    }

    /**
     * This number as a {@code long}.
     *
     * @throws IllegalStateException if this is not a number that fits a {@code long} exactly
     */
    public long asLong() {
        try {
            return asDecimal().longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalStateException("JSON value at '" + path + "' is " + value + ", not a long");
        }
    }

    /**
     * This number as a {@code double}.
     *
     * @throws IllegalStateException if this is not a number
     */
    public double asDouble() {
        return asDecimal().doubleValue();
    }

    /**
     * This number, exactly.
     *
     * @throws IllegalStateException if this is not a number
     */
    public BigDecimal asDecimal() {
        if (type != Type.NUMBER) {
            throw wrongType("number");
        }
        return new BigDecimal((String) value);
    }

    /**
     * This boolean.
     *
     * @throws IllegalStateException if this is not a boolean
     */
    public boolean asBoolean() {
        if (type != Type.BOOLEAN) {
            throw wrongType("boolean");
        }
        return (Boolean) value;
    }

    /** This value as compact JSON text; a missing value prints as nothing. */
    @Override
    public String toString() {
        return type == Type.MISSING ? "" : Json.write(this);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JsonValue json && type == json.type && Objects.equals(value, json.value);
    }

    @Override
    public int hashCode() {
        return 31 * type.hashCode() + Objects.hashCode(value);
    }

    Object rawValue() {
        return value;
    }

    @SuppressWarnings("unchecked")
    private Map<String, JsonValue> fieldMap() {
        return (Map<String, JsonValue>) value;
    }

    @SuppressWarnings("unchecked")
    private List<JsonValue> elementList() {
        return (List<JsonValue>) value;
    }

    private IllegalStateException wrongType(String wanted) {
        String where = path.isEmpty() ? "the document root" : "'" + path + "'";
        String found = type == Type.MISSING ? "missing" : "a " + type.name().toLowerCase(java.util.Locale.ROOT);
        return new IllegalStateException("Expected a " + wanted + " at " + where + ", but it is " + found);
    }

    private static boolean isIndex(String token) {
        if (token.isEmpty() || token.length() > 9) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            if (!Character.isDigit(token.charAt(i))) {
                return false;
            }
        }
        return token.length() == 1 || token.charAt(0) != '0';
    }

    static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
