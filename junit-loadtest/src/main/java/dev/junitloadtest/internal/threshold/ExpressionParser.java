package dev.junitloadtest.internal.threshold;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.math.BigDecimal;
import java.util.Optional;

import org.apiguardian.api.API;

import dev.junitloadtest.internal.config.LoadTestConfigurationException;

import dev.junitloadtest.result.Comparison;

/**
 * Reads a threshold expression, {@code metric comparison number [unit]}, e.g. {@code p99.9 <= 2s}. Spaces between
 * the parts are optional. A malformed expression is a {@link LoadTestConfigurationException} whose message quotes it
 * and points with a caret at the character where reading failed. Internal.
 */
@API(status = INTERNAL, since = "0.1")
public final class ExpressionParser {

    private static final String COMPARISONS = "<, <=, >, >=, == or !=";

    private final String text;
    private final String attribute;
    private int position;

    private ExpressionParser(String text, String attribute) {
        this.text = text;
        this.attribute = attribute;
    }

    /**
     * Parses {@code text}, the {@code value} of a {@code @Threshold}.
     *
     * @throws LoadTestConfigurationException if it is not a valid expression
     */
    public static Expression parse(String text) {
        return parse(text, "@Threshold `value`");
    }

    /**
     * Parses {@code text}, written in {@code attribute} ({@code @CapacitySearch `budgets`}), which messages name.
     *
     * @throws LoadTestConfigurationException if it is not a valid expression
     */
    public static Expression parse(String text, String attribute) {
        return new ExpressionParser(text, attribute).expression();
    }

    /**
     * The message of an invalid {@code @Threshold} attribute: the value quoted, the reason, and the value again with
     * a caret under {@code position}.
     */
    static LoadTestConfigurationException invalid(String attribute, String value, int position, String reason) {
        return invalidIn("@Threshold `" + attribute + "`", value, position, reason);
    }

    private static LoadTestConfigurationException invalidIn(String attribute, String value, int position,
            String reason) {
        String shown = value.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
        return new LoadTestConfigurationException(attribute + " '" + value + "' is not valid: " + reason + "\n  "
                + shown + "\n  " + " ".repeat(position) + "^");
    }

    private Expression expression() {
        skipSpaces();
        if (atEnd()) {
            throw fail(position, "it is empty; write a metric, a comparison and a budget, such as p95 < 500ms");
        }
        Metric metric = metric();
        skipSpaces();
        Comparison comparison = comparison(metric);
        skipSpaces();
        int numberStart = position;
        BigDecimal number = number(comparison);
        int afterNumber = position;
        skipSpaces();
        int unitStart = position;
        String unitText = unit();
        Optional<Quantity.Unit> unit = unitText.isEmpty() ? Optional.empty() : Optional.of(unit(metric, unitText,
                unitStart));
        if (unitText.isEmpty()) {
            unitStart = afterNumber;
        }
        skipSpaces();
        if (!atEnd()) {
            throw fail(position, "unexpected '" + text.substring(position).strip() + "' after the budget");
        }
        Quantity quantity = metric.quantity();
        if (unit.isEmpty() && quantity.needsUnit()) {
            throw fail(unitStart, metric.name() + " is " + quantity.description() + ", so its budget needs a unit ("
                    + quantity.unitHint() + ")");
        }
        if (quantity == Quantity.PERCENTAGE && number.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw fail(numberStart, "a percentage is at most 100%");
        }
        if ((quantity == Quantity.COUNT || quantity == Quantity.USERS) && number.stripTrailingZeros().scale() > 0) {
            throw fail(numberStart, metric.name() + " is " + quantity.description() + ", a whole number");
        }
        BigDecimal budget = unit.map(u -> number.multiply(u.factor())).orElse(number);
        return new Expression(text, metric, comparison, budget, unit.map(Quantity.Unit::symbol).orElse(""));
    }

    private Metric metric() {
        int start = position;
        if (!Character.isLetter(peek()) && peek() != '_') {
            throw fail(position, "expected a metric (use " + Metrics.KNOWN + ")");
        }
        while (!atEnd() && (Character.isLetterOrDigit(peek()) || peek() == '_' || peek() == '.')) {
            position++;
        }
        try {
            return Metrics.resolve(text.substring(start, position));
        } catch (Metrics.InvalidMetricException e) {
            throw fail(start + e.offset(), e.getMessage());
        }
    }

    private Comparison comparison(Metric metric) {
        int start = position;
        while (!atEnd() && "<>=!".indexOf(peek()) >= 0) {
            position++;
        }
        String written = text.substring(start, position);
        if (written.isEmpty()) {
            throw fail(start, "expected a comparison (" + COMPARISONS + ") after " + metric.name());
        }
        return Comparison.of(written).orElseThrow(() -> fail(start, written.equals("=")
                ? "'=' is not a comparison; write == to compare for equality"
                : "unknown comparison '" + written + "' (use " + COMPARISONS + ")"));
    }

    private BigDecimal number(Comparison comparison) {
        int start = position;
        while (!atEnd() && Character.isDigit(peek())) {
            position++;
        }
        if (position == start) {
            throw fail(start, peek() == '-' ? "a budget is not negative"
                    : "expected a number after " + comparison.symbol());
        }
        if (!atEnd() && peek() == '.') {
            position++;
            int decimals = position;
            while (!atEnd() && Character.isDigit(peek())) {
                position++;
            }
            if (position == decimals) {
                throw fail(position, "expected digits after the decimal point");
            }
        }
        return new BigDecimal(text.substring(start, position));
    }

    private String unit() {
        int start = position;
        while (!atEnd() && !Character.isWhitespace(peek()) && !Character.isDigit(peek())) {
            position++;
        }
        return text.substring(start, position);
    }

    private Quantity.Unit unit(Metric metric, String written, int start) {
        Quantity quantity = metric.quantity();
        Quantity.Unit unit = Quantity.unit(written).orElseThrow(() -> fail(start, "unknown unit '" + written + "' ("
                + (quantity.needsUnit() ? quantity.unitHint() : metric.name() + " is " + quantity.description()
                        + ": " + quantity.unitHint()) + ")"));
        if (unit.quantity() != quantity) {
            throw fail(start, metric.name() + " is " + quantity.description() + ", so '" + written
                    + "' does not apply (" + quantity.unitHint() + ")");
        }
        return unit;
    }

    private void skipSpaces() {
        while (!atEnd() && Character.isWhitespace(peek())) {
            position++;
        }
    }

    private boolean atEnd() {
        return position >= text.length();
    }

    private char peek() {
        return atEnd() ? '\0' : text.charAt(position);
    }

    private LoadTestConfigurationException fail(int at, String reason) {
        return invalidIn(attribute, text, at, reason);
    }
}
