package dev.junitloadtest.internal.threshold;

import java.util.Locale;
import java.util.Set;

import dev.junitloadtest.Threshold;
import dev.junitloadtest.internal.config.LoadTestConfigurationException;

/** Which requests a threshold judges: all together, one request name, or each name on its own. Internal. */
sealed interface Scope {

    /** The row name of all requests together, as results and verdicts call it. */
    String AGGREGATED = "Aggregated";

    /** HTTP methods written in lower case: never what a request is recorded under. */
    Set<String> LOWER_CASE_METHODS = Set.of("get", "head", "post", "put", "delete", "patch", "options", "trace");

    /** All requests together. */
    record All() implements Scope {
    }

    /**
     * One request, as written: {@code GET /volatile}, or a name alone when one method used it.
     *
     * @param key the request
     */
    record One(String key) implements Scope {
    }

    /** Every request name of the run, one verdict each. */
    record Each() implements Scope {
    }

    /**
     * The scope written as {@code request}, the attribute of {@code @Threshold}.
     *
     * @throws LoadTestConfigurationException if it is not a valid scope
     */
    static Scope parse(String request) {
        String key = request.strip();
        if (key.isEmpty() || key.equals(AGGREGATED)) {
            return new All();
        }
        if (key.equals(Threshold.EACH_REQUEST)) {
            return new Each();
        }
        int at = request.indexOf(key);
        int star = key.indexOf('*');
        if (star >= 0) {
            throw ExpressionParser.invalid("request", request, at + star, "'*' stands alone, for each request name "
                    + "separately; patterns are not supported");
        }
        for (int i = 0; i < key.length(); i++) {
            if (Character.isISOControl(key.charAt(i))) {
                throw ExpressionParser.invalid("request", request, at + i, "a request is written on one line, as "
                        + "'GET /volatile'");
            }
        }
        int space = key.indexOf(' ');
        String method = space < 0 ? "" : key.substring(0, space);
        if (LOWER_CASE_METHODS.contains(method)) {
            throw ExpressionParser.invalid("request", request, at, "requests are recorded with the method in upper "
                    + "case, as '" + method.toUpperCase(Locale.ROOT) + key.substring(space) + "'");
        }
        if (space >= 0 && key.substring(space).startsWith("  ")) {
            throw ExpressionParser.invalid("request", request, at + space + 1, "the method and the name are "
                    + "separated by one space, as 'GET /volatile'");
        }
        return new One(key);
    }
}
