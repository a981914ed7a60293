package dev.junitloadtest.data;

import static dev.junitloadtest.EngineRuns.configurationError;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.junitloadtest.Feeder;
import dev.junitloadtest.LoadTest;
import dev.junitloadtest.Task;
import dev.junitloadtest.VirtualUser;

/**
 * A feeder whose file is missing, empty or malformed fails the class before any user starts, with a message naming
 * the feeder, the file, the line and the column.
 */
class FeederConfigurationTests {

    @Test
    void missingFile() {
        assertThat(configurationError(MissingFileTestCase.class)).isEqualTo("@Feeder(name = \"accounts\") cannot use "
                + "\"feeders/nope.csv\": `file` names neither a resource on the class path of MissingFileTestCase nor "
                + "a file (there is none at " + Path.of("feeders/nope.csv").toAbsolutePath() + ").");
    }

    @Test
    void emptyFiles() {
        assertThat(configurationError(EmptyTestCase.class))
                .isEqualTo("@Feeder(name = \"accounts\") cannot use \"feeders/empty.csv\": the file is empty.");
        assertThat(configurationError(BlankTestCase.class))
                .isEqualTo("@Feeder(name = \"accounts\") cannot use \"feeders/blank.csv\": the file is empty.");
        assertThat(configurationError(HeaderOnlyTestCase.class)).isEqualTo("@Feeder(name = \"accounts\") cannot use "
                + "\"feeders/header-only.csv\": the file has only its header (line 1), no rows.");
    }

    @Test
    void missingColumn() {
        assertThat(configurationError(WrongHeaderTestCase.class)).isEqualTo("@Feeder(name = \"accounts\") cannot use "
                + "\"feeders/wrong-header.csv\": the header (line 1) has no column \"password\", which `columns` "
                + "lists; its columns are username, pass.");
        assertThat(configurationError(MissingKeyTestCase.class)).isEqualTo("@Feeder(name = \"products\") cannot use "
                + "\"feeders/missing-key.jsonl\": line 3 has no key \"price\", which `columns` lists; its keys are "
                + "sku.");
    }

    @Test
    void rowsWithTooFewOrTooManyFields() {
        assertThat(configurationError(ShortRowTestCase.class)).isEqualTo("@Feeder(name = \"accounts\") cannot use "
                + "\"feeders/short-row.csv\": line 3 has 1 field, but the header (line 1) has 2 columns: column "
                + "\"password\" has no value.");
        assertThat(configurationError(LongRowTestCase.class)).isEqualTo("@Feeder(name = \"accounts\") cannot use "
                + "\"feeders/long-row.csv\": line 3 has 3 fields, but the header (line 1) has 2 columns: the fields "
                + "after column \"password\" have no column.");
    }

    @Test
    void badQuoting() {
        assertThat(configurationError(UnclosedQuoteTestCase.class)).isEqualTo("@Feeder(name = \"accounts\") cannot "
                + "use \"feeders/unclosed.csv\": line 3: the quoted field that starts at character 1 is never closed "
                + "(a quote inside a quoted field is written as two quotes, \"\").");
        assertThat(configurationError(AfterQuoteTestCase.class)).isEqualTo("@Feeder(name = \"accounts\") cannot use "
                + "\"feeders/after-quote.csv\": line 2, character 9: a quoted field must be followed by a comma or the "
                + "end of the line, but its closing quote is followed by 'x' (a quote inside a quoted field is written "
                + "as two quotes, \"\").");
    }

    @Test
    void badHeader() {
        assertThat(configurationError(DuplicateColumnTestCase.class)).isEqualTo("@Feeder(name = \"ids\") cannot use "
                + "\"feeders/duplicate-column.csv\": the header (line 1) names column \"id\" twice; rows are read by "
                + "column name, so each must be unique.");
    }

    @Test
    void notUtf8() {
        assertThat(configurationError(NotUtf8TestCase.class)).isEqualTo("@Feeder(name = \"accounts\") cannot use "
                + "\"feeders/not-utf8.csv\": line 3 is not valid UTF-8 (byte 27 of the file); feeder files are read "
                + "as UTF-8.");
    }

    @Test
    void badJsonLines() {
        assertThat(configurationError(ArrayLineTestCase.class)).isEqualTo("@Feeder(name = \"products\") cannot use "
                + "\"feeders/array-line.jsonl\": line 2 is a JSON array, but each line must be a JSON object, whose "
                + "keys are the columns.");
        assertThat(configurationError(BrokenJsonTestCase.class)).startsWith("@Feeder(name = \"products\") cannot use "
                + "\"feeders/broken.jsonl\": line 2, character 9, is not JSON: ");
    }

    @Test
    void badAttributes() {
        assertThat(configurationError(UnknownExtensionTestCase.class)).isEqualTo("@Feeder(name = \"products\") cannot "
                + "tell the format of \"feeders/products.txt\" by its extension (.csv, .jsonl or .ndjson); set "
                + "`format` to CSV or JSON_LINES.");
        assertThat(configurationError(DuplicateNameTestCase.class)).isEqualTo("@Feeder(name = \"accounts\") is "
                + "declared twice; give each feeder its own `name`.");
        assertThat(configurationError(BlankNameTestCase.class)).isEqualTo("@Feeder requires that `name` not be "
                + "blank, but was ' ' (for file \"feeders/accounts.csv\").");
        assertThat(configurationError(ExhaustedWithoutUniqueTestCase.class)).isEqualTo("@Feeder(name = \"accounts\") "
                + "requires that `whenExhausted` be left out unless `policy` is UNIQUE, but was FAIL_RUN with policy "
                + "RANDOM, which never runs out.");
    }

    @Test
    void anExplicitFormatWinsOverTheExtension() {
        // products.txt is CSV: read as JSON lines, as `format` says, its first line is not JSON.
        assertThat(configurationError(ExplicitFormatTestCase.class)).startsWith("@Feeder(name = \"products\") "
                + "cannot use \"feeders/products.txt\": line 1, character 1, is not JSON: ");
    }

    abstract static class Fixture {

        @Task
        void work(VirtualUser user) {
        }
    }

    @LoadTest
    @Feeder(name = "accounts", file = "feeders/nope.csv")
    static class MissingFileTestCase extends Fixture {
    }

    @LoadTest
    @Feeder(name = "accounts", file = "feeders/empty.csv")
    static class EmptyTestCase extends Fixture {
    }

    @LoadTest
    @Feeder(name = "accounts", file = "feeders/blank.csv")
    static class BlankTestCase extends Fixture {
    }

    @LoadTest
    @Feeder(name = "accounts", file = "feeders/header-only.csv")
    static class HeaderOnlyTestCase extends Fixture {
    }

    @LoadTest
    @Feeder(name = "accounts", file = "feeders/wrong-header.csv", columns = {"username", "password"})
    static class WrongHeaderTestCase extends Fixture {
    }

    @LoadTest
    @Feeder(name = "products", file = "feeders/missing-key.jsonl", columns = {"sku", "price"})
    static class MissingKeyTestCase extends Fixture {
    }

    @LoadTest
    @Feeder(name = "accounts", file = "feeders/short-row.csv")
    static class ShortRowTestCase extends Fixture {
    }

    @LoadTest
    @Feeder(name = "accounts", file = "feeders/long-row.csv")
    static class LongRowTestCase extends Fixture {
    }

    @LoadTest
    @Feeder(name = "accounts", file = "feeders/unclosed.csv")
    static class UnclosedQuoteTestCase extends Fixture {
    }

    @LoadTest
    @Feeder(name = "accounts", file = "feeders/after-quote.csv")
    static class AfterQuoteTestCase extends Fixture {
    }

    @LoadTest
    @Feeder(name = "ids", file = "feeders/duplicate-column.csv")
    static class DuplicateColumnTestCase extends Fixture {
    }

    @LoadTest
    @Feeder(name = "accounts", file = "feeders/not-utf8.csv")
    static class NotUtf8TestCase extends Fixture {
    }

    @LoadTest
    @Feeder(name = "products", file = "feeders/array-line.jsonl")
    static class ArrayLineTestCase extends Fixture {
    }

    @LoadTest
    @Feeder(name = "products", file = "feeders/broken.jsonl")
    static class BrokenJsonTestCase extends Fixture {
    }

    @LoadTest
    @Feeder(name = "products", file = "feeders/products.txt")
    static class UnknownExtensionTestCase extends Fixture {
    }

    @LoadTest
    @Feeder(name = "products", file = "feeders/products.txt", format = Feeder.Format.JSON_LINES)
    static class ExplicitFormatTestCase extends Fixture {
    }

    @LoadTest
    @Feeder(name = "accounts", file = "feeders/accounts.csv")
    @Feeder(name = "accounts", file = "feeders/terms.csv")
    static class DuplicateNameTestCase extends Fixture {
    }

    @LoadTest
    @Feeder(name = " ", file = "feeders/accounts.csv")
    static class BlankNameTestCase extends Fixture {
    }

    @LoadTest
    @Feeder(name = "accounts", file = "feeders/accounts.csv", policy = Feeder.Policy.RANDOM,
            whenExhausted = Feeder.Exhausted.FAIL_RUN)
    static class ExhaustedWithoutUniqueTestCase extends Fixture {
    }
}
