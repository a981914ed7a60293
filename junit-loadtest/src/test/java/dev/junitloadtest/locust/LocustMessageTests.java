package dev.junitloadtest.locust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import dev.junitloadtest.internal.locust.LocustMessage;
import dev.junitloadtest.internal.locust.LocustStats;

/**
 * Locust's frames byte for byte: the fixtures are what Python's msgpack 1.0.3 (Locust 2.12.1's, Debian) writes for
 * the same messages, so a master reads ours as it reads its own workers'.
 */
class LocustMessageTests {

    /**
     * {@code msgpack.dumps(['heartbeat', {'state': 'running', 'current_cpu_usage': 12.5, 'current_memory_usage':
     * 123456789}, 'vm_0123abcd'])}.
     */
    private static final String HEARTBEAT = "93a968656172746265617483a57374617465a772756e6e696e67b16375727265"
            + "6e745f6370755f7573616765cb4029000000000000b463757272656e745f6d656d6f72795f7573616765ce075bcd15ab766d"
            + "5f3031323361626364";

    /**
     * {@code msgpack.dumps(['spawn', {'timestamp': 1764600000.25, 'user_classes_count': {'Reader': 2, 'Writer': 1},
     * 'host': 'http://127.0.0.1:8080', 'stop_timeout': None, 'parsed_options': {'num_users': 3, 'tags': None}},
     * 'vm_0123abcd'])}.
     */
    private static final String SPAWN = "93a5737061776e85a974696d657374616d70cb41da4b6a30100000b2757365725f636c"
            + "61737365735f636f756e7482a652656164657202a657726974657201a4686f7374b5687474703a2f2f3132372e302e302e31"
            + "3a38303830ac73746f705f74696d656f7574c0ae7061727365645f6f7074696f6e7382a96e756d5f757365727303a4746167"
            + "73c0ab766d5f3031323361626364";

    /**
     * {@code msgpack.dumps(['stats', {'stats_total': {'response_times': {12: 3, 150: 1}, 'num_reqs_per_sec':
     * {1764600000: 4}}}, 'vm_0123abcd'])}: integer map keys, as Locust's buckets and seconds are.
     */
    private static final String STATS = "93a5737461747381ab73746174735f746f74616c82ae726573706f6e73655f74696d"
            + "6573820c03cc9601b06e756d5f726571735f7065725f73656381ce692da8c004ab766d5f3031323361626364";

    @Test
    void aHeartbeatIsTheBytesPythonWrites() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("state", "running");
        data.put("current_cpu_usage", 12.5);
        data.put("current_memory_usage", 123456789L);
        assertThat(HexFormat.of().formatHex(new LocustMessage("heartbeat", data, "vm_0123abcd").encode()))
                .isEqualTo(HEARTBEAT);
    }

    @Test
    void integerKeysAreWrittenAsPythonWritesThem() {
        Map<String, Object> total = new LinkedHashMap<>();
        Map<Long, Long> buckets = new LinkedHashMap<>();
        buckets.put(12L, 3L);
        buckets.put(150L, 1L);
        total.put("response_times", buckets);
        total.put("num_reqs_per_sec", Map.of(1764600000L, 4L));
        assertThat(HexFormat.of().formatHex(new LocustMessage("stats", Map.of("stats_total", total), "vm_0123abcd")
                .encode())).isEqualTo(STATS);
    }

    @Test
    void aSpawnFromPythonIsRead() {
        LocustMessage spawn = LocustMessage.decode(HexFormat.of().parseHex(SPAWN));
        assertThat(spawn.type()).isEqualTo("spawn");
        assertThat(spawn.nodeId()).isEqualTo("vm_0123abcd");
        assertThat(spawn.dataMap()).containsEntry("timestamp", 1764600000.25)
                .containsEntry("user_classes_count", Map.of("Reader", 2L, "Writer", 1L))
                .containsEntry("host", "http://127.0.0.1:8080").containsEntry("stop_timeout", null);
        assertThat(LocustMessage.decode(HexFormat.of().parseHex(STATS)).dataMap().get("stats_total"))
                .isEqualTo(Map.of("response_times", Map.of(12L, 3L, 150L, 1L), "num_reqs_per_sec",
                        Map.of(1764600000L, 4L)));
    }

    @Test
    void aFrameThatIsNoMessageIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> LocustMessage.decode(HexFormat.of().parseHex("93a1")))
                .withMessageStartingWith("Not a MessagePack frame: ");
        assertThatIllegalArgumentException().isThrownBy(() -> LocustMessage.decode(HexFormat.of().parseHex("92a161c0")))
                .withMessage("Not a Locust message ([type, data, node_id]): [a, null]");
    }

    @ParameterizedTest(name = "{0} ms -> {1}")
    @CsvSource({"0.4, 0", "12.4, 12", "12.5, 12", "13.5, 14", "99.6, 100", "147, 150", "145, 140", "999.4, 1000",
        "3432, 3400", "9960, 10000", "58760, 59000", "10500, 10000"})
    void responseTimesAreBucketedAsLocustRoundsThem(double millis, long bucket) {
        // Python's round: 12.5 -> 12, 145 -> 140 (halves to even); the unit is chosen from the unrounded time.
        assertThat(LocustStats.bucket(millis)).isEqualTo(bucket);
    }
}
