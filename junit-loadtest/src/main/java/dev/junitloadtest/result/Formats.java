package dev.junitloadtest.result;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.apiguardian.api.API;

/**
 * {@code Formats} is how every output of junit-loadtest writes numbers and durations: the console, the CSV files, the
 * JSON and Markdown summaries, the HTML report, threshold verdicts and assertion messages. Every method writes the
 * same text in every locale, so outputs can be matched in tests and CI logs. Where outputs differ on purpose, each
 * way has a method of its own, named for how it reads:
 * <ul>
 * <li>files (CSV, JSON): {@link #plainMillis}, {@link #millisValue}, {@link #pythonFloat}, {@link #sixDecimals};</li>
 * <li>the console and the job summary: {@link #readableMillis} (decimals up to 1,000 ms), {@link #readableRate},
 * {@link #percent(double, int)}, {@link #clock};</li>
 * <li>the HTML report: {@link #compactMillis} (decimals up to 100 ms, the table's narrow columns),
 * {@link #compactRate}, {@link #compactPercent}, {@link #bytes}, {@link #elapsed}, {@link #offset},
 * {@link #timestamp}, {@link #spawnRate};</li>
 * <li>verdicts, abort reasons and assertion messages, to four significant digits: {@link #decimal},
 * {@link #millis}, {@link #percent(double)}, {@link #perSecond}, {@link #seconds}, {@link #span};</li>
 * <li>everywhere: {@link #count}, {@link #compact}, {@link #duration} (as annotations write durations).</li>
 * </ul>
 *
 * <p>Internal: public only so the library's packages share one formatter; not for load tests, and it may change in
 * any release. Thread-safe.
 */
@API(status = INTERNAL, since = "0.1")
public final class Formats {

    private static final int SIGNIFICANT_DIGITS = 4;
    private static final int MAX_DECIMALS = 6;
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    private Formats() {
    }

    // Everywhere

    /** A whole number with thousands separators: {@code 4,812}. */
    public static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** {@code 5} for 5.0, {@code 2.5} for 2.5: no trailing zeros, no exponent, no grouping. */
    public static String compact(double value) {
        if (Double.isInfinite(value) || Double.isNaN(value)) {
            return String.valueOf(value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /**
     * A configured duration as annotations and configuration parameters write it, shortest units last:
     * {@code 1h30m}, {@code 1.5s}, {@code 500ms}, {@code 0s}.
     */
    public static String duration(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        long millis = duration.toMillis();
        if (millis < 1000) {
            long nanos = duration.toNanos();
            return nanos % 1_000_000 == 0 ? millis + "ms" : plain(BigDecimal.valueOf(nanos, 6)) + "ms";
        }
        StringBuilder text = new StringBuilder();
        long hours = duration.toHours();
        long minutes = duration.toMinutesPart();
        if (hours > 0) {
            text.append(hours).append('h');
        }
        if (minutes > 0) {
            text.append(minutes).append('m');
        }
        long secondsNanos = duration.toSecondsPart() * 1_000_000_000L + duration.toNanosPart();
        if (secondsNanos > 0) {
            text.append(BigDecimal.valueOf(secondsNanos, 9).stripTrailingZeros().toPlainString()).append('s');
        }
        return text.toString();
    }

    // Files: CSV and JSON

    /**
     * {@code duration} in milliseconds, as a plain decimal with no trailing zeros, exact to the nanosecond:
     * {@code 12}, {@code 0.743}.
     */
    public static String plainMillis(Duration duration) {
        return plain(BigDecimal.valueOf(duration.toNanos(), 6));
    }

    /** {@code duration} in milliseconds as a number, for JSON. */
    public static double millisValue(Duration duration) {
        return duration.toNanos() / 1e6;
    }

    /**
     * {@code value} as Python writes a float (the CSV columns Locust fills with floats): a plain decimal that always
     * has a fractional part, {@code 0.0}, {@code 9.0}, {@code 66.784949}; at most six decimals.
     */
    public static String pythonFloat(double value) {
        String text = plain(BigDecimal.valueOf(value).setScale(6, RoundingMode.HALF_EVEN));
        return text.indexOf('.') < 0 ? text + ".0" : text;
    }

    /** {@code value} with exactly six decimals, as Locust writes the rates of {@code stats_history.csv}. */
    public static String sixDecimals(double value) {
        return String.format(Locale.ROOT, "%.6f", value);
    }

    // The console and the job summary

    /**
     * A latency in milliseconds for people, to about three significant digits, whole from 1,000 ms on:
     * {@code 0.74}, {@code 85.2}, {@code 1,204}.
     */
    public static String readableMillis(Duration duration) {
        double millis = duration.toNanos() / 1e6;
        if (millis < 10) {
            return String.format(Locale.ROOT, "%.2f", millis);
        }
        if (millis < 1000) {
            return String.format(Locale.ROOT, "%.1f", millis);
        }
        return String.format(Locale.ROOT, "%,.0f", millis);
    }

    /** A rate per second for people, one decimal: {@code 1,204.5}. */
    public static String readableRate(double perSecond) {
        return String.format(Locale.ROOT, "%,.1f", perSecond);
    }

    /** A fraction as a percentage with exactly {@code decimals} decimals: {@code 20.04%}. */
    public static String percent(double fraction, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f%%", fraction * 100);
    }

    /** A run time as {@code m:ss}, or {@code h:mm:ss} from an hour on. */
    public static String clock(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds >= 3600) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }

    // The HTML report

    /**
     * A latency in milliseconds without unit, whole from 100 ms on so the report's columns stay narrow:
     * {@code 0}, {@code 0.38}, {@code 12.4}, {@code 1,203}.
     */
    public static String compactMillis(Duration duration) {
        return compactMillis(duration.toNanos() / 1e6);
    }

    /** {@link #compactMillis(Duration)} of a number of milliseconds. */
    public static String compactMillis(double millis) {
        if (millis == 0) {
            return "0";
        }
        if (millis < 10) {
            return String.format(Locale.ROOT, "%.2f", millis);
        }
        if (millis < 100) {
            return String.format(Locale.ROOT, "%.1f", millis);
        }
        return String.format(Locale.ROOT, "%,.0f", millis);
    }

    /** A rate per second without unit: {@code 0}, {@code 0.25}, {@code 41.3}, {@code 1,250.0}. */
    public static String compactRate(double perSecond) {
        if (perSecond == 0) {
            return "0";
        }
        return String.format(Locale.ROOT, perSecond < 1 ? "%.2f" : "%,.1f", perSecond);
    }

    /** A fraction from 0 to 1 as a percentage: {@code 0%}, {@code 0.04%}, {@code 20.0%}. */
    public static String compactPercent(double fraction) {
        double percent = fraction * 100;
        if (percent == 0) {
            return "0%";
        }
        return String.format(Locale.ROOT, percent < 0.1 ? "%.2f%%" : "%.1f%%", percent);
    }

    /** Bytes, rounded, with thousands separators: {@code 1,024}. */
    public static String bytes(double bytes) {
        return String.format(Locale.ROOT, "%,.0f", bytes);
    }

    /** A measured duration: {@code 4.98 s}, {@code 2m 5s}, {@code 1h 0m 3s}. */
    public static String elapsed(Duration duration) {
        double seconds = duration.toNanos() / 1e9;
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.2f s", seconds);
        }
        long whole = Math.round(seconds);
        return whole >= 3600
                ? String.format(Locale.ROOT, "%dh %dm %ds", whole / 3600, whole / 60 % 60, whole % 60)
                : String.format(Locale.ROOT, "%dm %ds", whole / 60, whole % 60);
    }

    /** An offset from the run's start as a clock, with milliseconds when it has some: {@code 0:05}, {@code 0:01.5}. */
    public static String offset(Duration offset) {
        int millis = offset.toMillisPart();
        String clock = clock(offset);
        return millis == 0 ? clock : clock + String.format(Locale.ROOT, ".%03d", millis).replaceAll("0+$", "");
    }

    /** {@code 2025-11-22 20:33:10 UTC}. */
    public static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    /** A spawn rate: {@code 10/s}, or {@code at once} for an infinite one. */
    public static String spawnRate(double usersPerSecond) {
        return Double.isInfinite(usersPerSecond) ? "at once" : compact(usersPerSecond) + "/s";
    }

    // Verdicts, abort reasons and assertion messages

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

    /** A duration in milliseconds to four significant digits, with its unit: {@code 1,203.4 ms}, {@code 0.1234 ms}. */
    public static String millis(Duration duration) {
        return decimal(BigDecimal.valueOf(duration.toNanos(), 6)) + " ms";
    }

    /** A fraction as a percentage to four significant digits: {@code 20%}, {@code 0.5%}. */
    public static String percent(double fraction) {
        return decimal(BigDecimal.valueOf(fraction).movePointRight(2)) + "%";
    }

    /** A rate per second to four significant digits: {@code 95.27/s}. */
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

    private static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }
}
