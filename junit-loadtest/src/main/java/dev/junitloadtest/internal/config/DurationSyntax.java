package dev.junitloadtest.internal.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.junitloadtest.result.Formats;

import org.apiguardian.api.API;

/**
 * Reads durations as people write them in annotations and on command lines: {@code "500ms"}, {@code "30s"},
 * {@code "2m"}, {@code "1h30m"}, {@code "1.5s"}, or ISO-8601 {@code "PT2M"}. Internal.
 */
@API(status = INTERNAL, since = "0.1")
public final class DurationSyntax {

    /** How a duration is written, for error messages. */
    public static final String FORMAT = "a duration such as 500ms, 30s, 2m, 1h30m or PT2M";

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");

    private DurationSyntax() {
    }

    /** Parses {@code text}; empty when it is not a duration (negative durations are not durations). */
    public static Optional<Duration> parse(String text) {
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        if (trimmed.isEmpty()) {
            return Optional.empty();
        }
        if (trimmed.startsWith("pt") || trimmed.startsWith("p")) {
            try {
                Duration iso = Duration.parse(trimmed.toUpperCase(Locale.ROOT));
                return iso.isNegative() ? Optional.empty() : Optional.of(iso);
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        Matcher matcher = PART.matcher(trimmed);
        int position = 0;
        Duration total = Duration.ZERO;
        while (position < trimmed.length()) {
            if (!matcher.find(position) || matcher.start() != position) {
                return Optional.empty();
            }
            BigDecimal amount = new BigDecimal(matcher.group(1));
            BigDecimal nanosPerUnit = BigDecimal.valueOf(switch (matcher.group(2)) {
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                default -> 86_400_000_000_000L;
            });
            try {
                total = total.plusNanos(amount.multiply(nanosPerUnit).longValueExact());
            } catch (ArithmeticException e) {
                return Optional.empty();
            }
            position = matcher.end();
        }
        return Optional.of(total);
    }

    /** Writes {@code duration} the way {@link #parse(String)} reads it, shortest units last: {@code 1h30m}, {@code 1.5s}. */
    public static String format(Duration duration) {
        return Formats.duration(duration);
    }
}
