package dev.junitloadtest.internal.threshold;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.util.Locale;

/**
 * How figures read in verdicts, abort reasons and assertion messages: {@code 1,203.4 ms}, {@code 0.1234 ms},
 * {@code 20%}, {@code 4,812}. The same in every locale, so messages can be matched in tests and CI logs. Internal.
 */
public final class Formats {

    private static final int SIGNIFICANT_DIGITS = 4;
    private static final int MAX_DECIMALS = 6;

    private Formats() {
    }

    /**
     * {@code value} with thousands separators and enough decimals to show four significant digits (at least one
     * decimal, trailing zeros dropped): {@code 1,203.4}, {@code 12.35}, {@code 0.1234}, {@code 500}.
     */
    public static String decimal(BigDecimal value) {
        BigDecimal magnitude = value.abs();
        int decimals;
        if (magnitude.signum() == 0) {
            decimals = 0;
        } else {
            int integerDigits = magnitude.precision() - magnitude.scale();
            decimals = integerDigits > 0 ? Math.max(1, SIGNIFICANT_DIGITS - integerDigits)
                    : SIGNIFICANT_DIGITS - integerDigits;
        }
        BigDecimal rounded = value.setScale(Math.min(decimals, MAX_DECIMALS), RoundingMode.HALF_UP)
                .stripTrailingZeros();
        DecimalFormat format = new DecimalFormat("#,##0.######", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return format.format(rounded);
    }

    /** {@link #decimal(BigDecimal)} of a double. */
    public static String decimal(double value) {
        return decimal(BigDecimal.valueOf(value));
    }

    /** A whole number with thousands separators: {@code 4,812}. */
    public static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** A duration in milliseconds: {@code 1,203.4 ms}, {@code 0.1234 ms}. */
    public static String millis(Duration duration) {
        return decimal(BigDecimal.valueOf(duration.toNanos(), 6)) + " ms";
    }

    /** A fraction as a percentage: {@code 20%}, {@code 0.5%}. */
    public static String percent(double fraction) {
        return decimal(BigDecimal.valueOf(fraction).movePointRight(2)) + "%";
    }

    /** A rate per second: {@code 95.27/s}. */
    public static String perSecond(double rate) {
        return decimal(rate) + "/s";
    }

    /** An offset into the run in seconds with one decimal, no unit: {@code 2.0}. */
    public static String seconds(Duration offset) {
        return String.format(Locale.ROOT, "%.1f", offset.toNanos() / 1e9);
    }

    /** A stretch of the run: {@code 1.0-2.0 s}. */
    public static String span(Duration start, Duration end) {
        return seconds(start) + "-" + seconds(end) + " s";
    }
}
