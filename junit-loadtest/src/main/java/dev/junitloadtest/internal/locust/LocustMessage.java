package dev.junitloadtest.internal.locust;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apiguardian.api.API;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * One message of Locust's master/worker protocol: a MessagePack array {@code [type, data, node_id]} in one ZeroMQ
 * frame. Data is built from maps (keys may be numbers), lists, strings, numbers, booleans and null; decoded integers
 * are {@link Long}, floats {@link Double}. Immutable. Internal.
 *
 * @param type the message type, e.g. {@code heartbeat}
 * @param data the payload, or {@code null}
 * @param nodeId the worker's node id
 */
@API(status = INTERNAL, since = "0.1")
public record LocustMessage(String type, Object data, String nodeId) {

    /** The frame's bytes. */
    public byte[] encode() {
        try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
            packer.packArrayHeader(3);
            packer.packString(type);
            pack(packer, data);
            pack(packer, nodeId);
            return packer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The message in {@code frame}.
     *
     * @throws IllegalArgumentException if the frame is no {@code [type, data, node_id]} array
     */
    public static LocustMessage decode(byte[] frame) {
        try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(frame)) {
            Object value = unpack(unpacker);
            if (!(value instanceof List<?> parts) || parts.size() != 3 || !(parts.get(0) instanceof String type)) {
                throw new IllegalArgumentException("Not a Locust message ([type, data, node_id]): " + value);
            }
            return new LocustMessage(type, parts.get(1), parts.get(2) == null ? null : parts.get(2).toString());
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException illegal) {
                throw illegal;
            }
            throw new IllegalArgumentException("Not a MessagePack frame: " + e.getMessage(), e);
        }
    }

    /** The data as a map, or an empty one when it is none. */
    @SuppressWarnings("unchecked")
    public Map<Object, Object> dataMap() {
        return data instanceof Map<?, ?> map ? (Map<Object, Object>) map : Map.of();
    }

    private static void pack(MessageBufferPacker packer, Object value) throws IOException {
        switch (value) {
            case null -> packer.packNil();
            case String text -> packer.packString(text);
            case Boolean bool -> packer.packBoolean(bool);
            case Integer number -> packer.packLong(number);
            case Long number -> packer.packLong(number);
            case Double number -> packer.packDouble(number);
            case Float number -> packer.packDouble(number);
            case Map<?, ?> map -> {
                packer.packMapHeader(map.size());
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    pack(packer, entry.getKey());
                    pack(packer, entry.getValue());
                }
            }
            case List<?> list -> {
                packer.packArrayHeader(list.size());
                for (Object item : list) {
                    pack(packer, item);
                }
            }
            default -> throw new IllegalArgumentException("Cannot encode " + value.getClass().getName() + ": " + value);
        }
    }

    private static Object unpack(MessageUnpacker unpacker) throws IOException {
        ValueType type = unpacker.getNextFormat().getValueType();
        return switch (type) {
            case NIL -> {
                unpacker.unpackNil();
                yield null;
            }
            case BOOLEAN -> unpacker.unpackBoolean();
            case INTEGER -> unpacker.unpackLong();
            case FLOAT -> unpacker.unpackDouble();
            case STRING -> unpacker.unpackString();
            case BINARY -> {
                byte[] bytes = new byte[unpacker.unpackBinaryHeader()];
                unpacker.readPayload(bytes);
                yield new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
            }
            case ARRAY -> {
                int size = unpacker.unpackArrayHeader();
                List<Object> list = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    list.add(unpack(unpacker));
                }
                yield list;
            }
            case MAP -> {
                int size = unpacker.unpackMapHeader();
                Map<Object, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < size; i++) {
                    Object key = unpack(unpacker);
                    map.put(key, unpack(unpacker));
                }
                yield map;
            }
            case EXTENSION -> {
                var header = unpacker.unpackExtensionTypeHeader();
                unpacker.readPayload(header.getLength());
                yield null;
            }
        };
    }
}
