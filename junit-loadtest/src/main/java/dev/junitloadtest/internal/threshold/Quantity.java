package dev.junitloadtest.internal.threshold;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.junitloadtest.result.Formats;

/**
 * What a metric measures, which decides the units its budget is written in and how its figures read. Values are
 * kept in one base unit per quantity: nanoseconds, a fraction from 0 to 1, a number of requests, requests per
 * second. Internal.
 */
enum Quantity {

    /** Response or service times; written in {@code us}, {@code ms} or {@code s}. */
    TIME("a time", "use us, ms or s", "ms"),
    /** A share of the requests; written in {@code %}. */
    PERCENTAGE("a percentage", "use %", "%"),
    /** A number of requests; written without a unit. */
    COUNT("a number of requests", "write no unit", ""),
    /** Requests per second; written without a unit (or {@code /s}). */
    RATE("a rate per second", "write no unit, or /s", ""),
    /** A number of virtual users; written without a unit. */
    USERS("a number of users", "write no unit", "");

    private static final Map<String, Unit> UNITS = new LinkedHashMap<>();

    static {
        UNITS.put("us", new Unit(TIME, "us", BigDecimal.valueOf(1_000)));
        UNITS.put("µs", new Unit(TIME, "µs", BigDecimal.valueOf(1_000)));
        UNITS.put("ms", new Unit(TIME, "ms", BigDecimal.valueOf(1_000_000)));
        UNITS.put("s", new Unit(TIME, "s", BigDecimal.valueOf(1_000_000_000)));
        UNITS.put("%", new Unit(PERCENTAGE, "%", new BigDecimal("0.01")));
        UNITS.put("/s", new Unit(RATE, "/s", BigDecimal.ONE));
    }

    private final String description;
    private final String unitHint;
    private final String defaultUnit;

    Quantity(String description, String unitHint, String defaultUnit) {
        this.description = description;
        this.unitHint = unitHint;
        this.defaultUnit = defaultUnit;
    }

    /** {@code a time}, as in "p95 is a time". */
    public String description() {
        return description;
    }

    /** Which units to write, for messages: {@code use us, ms or s}. */
    public String unitHint() {
        return unitHint;
    }

    /** Whether a budget of this quantity must carry a unit. */
    public boolean needsUnit() {
        return this == TIME || this == PERCENTAGE;
    }

    /** The unit figures are shown in when no budget chose one. */
    public String defaultUnit() {
        return defaultUnit;
    }

    /** The unit written as {@code text} (in any case), if it is one. */
    public static Optional<Unit> unit(String text) {
        return Optional.ofNullable(UNITS.get(text.toLowerCase(Locale.ROOT)));
    }

    /**
     * {@code value} (in this quantity's base unit) as written in {@code unit}: {@code 1,203.4 ms}, {@code 20%},
     * {@code 4,812}, {@code 95.27/s}.
     */
    public String format(BigDecimal value, String unit) {
        return switch (this) {
            case TIME -> {
                Unit written = unit(unit.isEmpty() ? defaultUnit : unit).orElseThrow();
                yield Formats.decimal(value.divide(written.factor())) + " " + written.symbol();
            }
            case PERCENTAGE -> Formats.decimal(value.movePointRight(2)) + "%";
            case COUNT, USERS -> Formats.decimal(value);
            case RATE -> Formats.decimal(value) + "/s";
        };
    }

    /**
     * A unit a budget can be written in.
     *
     * @param quantity what it measures
     * @param symbol how it is written
     * @param factor base units per one of it
     */
    public record Unit(Quantity quantity, String symbol, BigDecimal factor) {
    }
}
