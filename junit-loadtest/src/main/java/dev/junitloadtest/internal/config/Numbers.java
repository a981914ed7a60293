package dev.junitloadtest.internal.config;

import java.math.BigDecimal;

/** Number formatting shared by messages and reports. Internal. */
public final class Numbers {

    private Numbers() {
    }

    /** {@code 5} for 5.0, {@code 2.5} for 2.5: no trailing zeros, no exponent. */
    public static String compact(double value) {
        if (Double.isInfinite(value) || Double.isNaN(value)) {
            return String.valueOf(value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
