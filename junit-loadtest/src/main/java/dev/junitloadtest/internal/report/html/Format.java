package dev.junitloadtest.internal.report.html;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import dev.junitloadtest.internal.config.DurationSyntax;
import dev.junitloadtest.internal.config.Numbers;

/**
 * How figures read in the report: milliseconds with as many decimals as loopback latencies need, counts with
 * thousands separators, the same in every locale. Internal.
 */
final class Format {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    private Format() {
    }

    /** A latency in milliseconds, without unit: {@code 0.38}, {@code 12.4}, {@code 1,203}. */
    static String millis(Duration duration) {
        return millis(duration.toNanos() / 1e6);
    }

    /** {@code millis} with its unit: {@code 12.4 ms}. */
    static String millisWithUnit(Duration duration) {
        return millis(duration) + " ms";
    }

    static String millis(double millis) {
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

    /** {@code 12,345}. */
    static String count(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }

    /** A rate per second, without unit: {@code 0.25}, {@code 41.3}, {@code 1,250.0}. */
    static String rate(double perSecond) {
        if (perSecond == 0) {
            return "0";
        }
        return String.format(Locale.ROOT, perSecond < 1 ? "%.2f" : "%,.1f", perSecond);
    }

    /** A fraction from 0 to 1 as a percentage: {@code 0%}, {@code 0.04%}, {@code 20.0%}. */
    static String percent(double fraction) {
        double percent = fraction * 100;
        if (percent == 0) {
            return "0%";
        }
        return String.format(Locale.ROOT, percent < 0.1 ? "%.2f%%" : "%.1f%%", percent);
    }

    /** Bytes, rounded: {@code 1,024}. */
    static String bytes(double bytes) {
        return String.format(Locale.ROOT, "%,.0f", bytes);
    }

    /** A configured duration as annotations write it: {@code 2m30s}, {@code 500ms}. */
    static String duration(Duration duration) {
        return DurationSyntax.format(duration);
    }

    /** A measured duration: {@code 4.98 s}, {@code 2m 5s}. */
    static String elapsed(Duration duration) {
        double seconds = duration.toNanos() / 1e9;
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.2f s", seconds);
        }
        long whole = Math.round(seconds);
        return whole >= 3600
                ? String.format(Locale.ROOT, "%dh %dm %ds", whole / 3600, whole / 60 % 60, whole % 60)
                : String.format(Locale.ROOT, "%dm %ds", whole / 60, whole % 60);
    }

    /** An offset from the run's start as a clock: {@code 0:05}, {@code 0:01.5}, {@code 1:02:30}. */
    static String offset(Duration offset) {
        long seconds = offset.toSeconds();
        String clock = seconds >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
        int millis = offset.toMillisPart();
        return millis == 0 ? clock : clock + String.format(Locale.ROOT, ".%03d", millis).replaceAll("0+$", "");
    }

    /** {@code 2025-11-22 20:33:10 UTC}. */
    static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    /** A spawn rate: {@code 10/s}, or {@code at once} for an infinite one. */
    static String spawnRate(double usersPerSecond) {
        return Double.isInfinite(usersPerSecond) ? "at once" : Numbers.compact(usersPerSecond) + "/s";
    }
}
