package dev.junitloadtest.result;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.math.BigDecimal;
import java.util.Optional;

import org.apiguardian.api.API;

/**
 * {@code Comparison} is how a budget compares a measured figure with its limit: {@code <}, {@code <=}, {@code >},
 * {@code >=}, {@code ==}, {@code !=}; the same for {@code @Threshold} expressions and assertions.
 *
 * <p>Internal: public only so thresholds and assertions share it; not for load tests, and it may change in any release.
 */
@API(status = INTERNAL, since = "0.1")
public enum Comparison {

    /** {@code <}. */
    LESS("<"),
    /** {@code <=}. */
    LESS_OR_EQUAL("<="),
    /** {@code >}. */
    GREATER(">"),
    /** {@code >=}. */
    GREATER_OR_EQUAL(">="),
    /** {@code ==}. */
    EQUAL("=="),
    /** {@code !=}. */
    NOT_EQUAL("!=");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    /** As written: {@code <=}. */
    public String symbol() {
        return symbol;
    }

    /** The comparison written as {@code text}, if it is one. */
    public static Optional<Comparison> of(String text) {
        for (Comparison comparison : values()) {
            if (comparison.symbol.equals(text)) {
                return Optional.of(comparison);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code actual} compares to {@code budget} this way. */
    public boolean holds(BigDecimal actual, BigDecimal budget) {
        int order = actual.compareTo(budget);
        return switch (this) {
            case LESS -> order < 0;
            case LESS_OR_EQUAL -> order <= 0;
            case GREATER -> order > 0;
            case GREATER_OR_EQUAL -> order >= 0;
            case EQUAL -> order == 0;
            case NOT_EQUAL -> order != 0;
        };
    }

    /** Whether this comparison caps the value from above ({@code <}, {@code <=}, {@code ==}). */
    public boolean boundsAbove() {
        return this == LESS || this == LESS_OR_EQUAL || this == EQUAL;
    }

    /** Whether this comparison bounds the value from below ({@code >}, {@code >=}, {@code ==}). */
    public boolean boundsBelow() {
        return this == GREATER || this == GREATER_OR_EQUAL || this == EQUAL;
    }
}
