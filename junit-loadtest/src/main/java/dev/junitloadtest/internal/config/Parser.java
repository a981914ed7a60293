package dev.junitloadtest.internal.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

import org.apiguardian.api.API;

/**
 * How the text of a configuration parameter becomes a value, with the rule it must follow. A text that breaks the
 * rule fails with a {@link LoadTestConfigurationException}: {@code <where> requires <rule>, but was '<text>'.}
 * Internal.
 *
 * @param <T> the value's type
 */
@FunctionalInterface
@API(status = INTERNAL, since = "0.1")
public interface Parser<T> {

    /** A duration, zero allowed. */
    Parser<Duration> DURATION = of(DurationSyntax.FORMAT, DurationSyntax::parse);

    /** A duration longer than zero. */
    Parser<Duration> POSITIVE_DURATION = DURATION.requiring("a duration > 0", duration -> !duration.isZero());

    /** A number above zero (positive infinity included). */
    Parser<Double> POSITIVE_NUMBER = of("a number > 0", text -> {
        try {
            return Optional.of(Double.parseDouble(text)).filter(value -> value > 0);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    });

    /** {@code true} or {@code false}, in any case. */
    Parser<Boolean> BOOLEAN = of("true or false", text -> text.equalsIgnoreCase("true") || text.equalsIgnoreCase(
            "false") ? Optional.of(Boolean.parseBoolean(text)) : Optional.empty());

    /** The text itself. */
    Parser<String> TEXT = (text, where) -> text;

    /** A comma-separated list; parts are trimmed, empty parts dropped. */
    Parser<List<String>> COMMA_SEPARATED = (text, where) -> Arrays.stream(text.split(",")).map(String::trim)
            .filter(part -> !part.isEmpty()).toList();

    /**
     * The value {@code text} stands for.
     *
     * @param text the text as given, trimmed
     * @param where who gave it, as messages start: {@code Configuration parameter `loadtest.users`}
     * @throws LoadTestConfigurationException if {@code text} breaks the rule
     */
    T parse(String text, String where);

    /** A parser of the values {@code parse} finds, stating {@code rule} when it finds none. */
    static <T> Parser<T> of(String rule, Function<String, Optional<T>> parse) {
        return (text, where) -> parse.apply(text).orElseThrow(() -> broken(where, rule, text));
    }

    /** A whole number of at least {@code minimum}. */
    static Parser<Integer> wholeNumber(int minimum) {
        return of("a whole number >= " + minimum, text -> {
            try {
                return Optional.of(Integer.parseInt(text)).filter(value -> value >= minimum);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    /** This parser, and then {@code check}, stating {@code rule} when the value fails it. */
    default Parser<T> requiring(String rule, Predicate<? super T> check) {
        return (text, where) -> {
            T value = parse(text, where);
            if (!check.test(value)) {
                throw broken(where, rule, text);
            }
            return value;
        };
    }

    /** The failure of {@code text}, given in {@code where}, that breaks {@code rule}. */
    static LoadTestConfigurationException broken(String where, String rule, String text) {
        return new LoadTestConfigurationException(where + " requires " + rule + ", but was '" + text + "'.");
    }
}
