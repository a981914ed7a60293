package dev.junitloadtest.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonTests {

    @Test
    void navigatesWithoutThrowingAndReadsValues() {
        JsonValue json = Json.parse("""
                {"data": [{"id": 17, "name": "Ann \\"A\\" L\\u00e9e", "ok": true, "score": 2.5e1}], "next": null}
                """);

        assertThat(json.get("data").get(0).get("id").asInt()).isEqualTo(17);
        assertThat(json.at("/data/0/name").asText()).isEqualTo("Ann \"A\" Lée");
        assertThat(json.at("/data/0/ok").asBoolean()).isTrue();
        assertThat(json.at("/data/0/score").asDouble()).isEqualTo(25.0);
        assertThat(json.get("next").isNull()).isTrue();
        assertThat(json.get("data").size()).isEqualTo(1);
        assertThat(json.get("nope").get(3).get("x").isMissing()).isTrue();
        assertThat(json.get("nope").get(3).get("x").path()).isEqualTo("/nope/3/x");
    }

    @Test
    void accessorsNameThePathWhenTheValueIsNotThere() {
        JsonValue json = Json.parse("{\"data\": {\"token\": 42}}");

        assertThat(catchThrowable(() -> json.at("/data/session").asText()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Expected a text at '/data/session', but it is missing");
        assertThat(catchThrowable(() -> json.get("data").asText()))
                .hasMessage("Expected a text at '/data', but it is a object");
        assertThat(catchThrowable(() -> Json.parse("{\"n\": 1.5}").get("n").asInt()))
                .hasMessage("JSON value at '/n' is 1.5, not an int");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"a\": 1,}|Not valid JSON: expected a field name in quotes at line 1, column 9 (offset 8)",
        "[1 2]|Not valid JSON: expected ',' or ']' in an array at line 1, column 4 (offset 3)",
        "{\"a\": tru}|Not valid JSON: unexpected 't' at line 1, column 7 (offset 6)",
        "\"open|Not valid JSON: unterminated string at line 1, column 6 (offset 5)",
        "01|Not valid JSON: unexpected '1' after the JSON value at line 1, column 2 (offset 1)",
        "{} x|Not valid JSON: unexpected 'x' after the JSON value at line 1, column 4 (offset 3)"})
    void reportsWhereTextIsNotJson(String text, String message) {
        assertThat(catchThrowable(() -> Json.parse(text))).isInstanceOf(JsonParseException.class).hasMessage(message);
    }

    @Test
    void writesJavaValuesAndRoundTrips() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("name", "quote \" backslash \\ newline \n tab \t </script>");
        value.put("numbers", List.of(1, 2.5, -3L));
        value.put("flags", new boolean[] {true, false});
        value.put("none", null);
        value.put("maybe", Optional.empty());

        String written = Json.write(value);

        assertThat(written).isEqualTo("{\"name\":\"quote \\\" backslash \\\\ newline \\n tab \\t </script>\","
                + "\"numbers\":[1,2.5,-3],\"flags\":[true,false],\"none\":null,\"maybe\":null}");
        assertThat(Json.write(Json.parse(written))).isEqualTo(written);
        assertThat(Json.writePretty(Map.of("a", List.of(1)))).isEqualTo("{\n  \"a\": [\n    1\n  ]\n}\n");
        assertThat(catchThrowable(() -> Json.write(Double.NaN))).hasMessage("JSON has no representation for NaN");
        assertThat(catchThrowable(() -> Json.write(new Object())))
                .hasMessageStartingWith("Cannot write a java.lang.Object as JSON");
    }
}
