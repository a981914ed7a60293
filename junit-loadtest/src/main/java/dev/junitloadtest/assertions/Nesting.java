package dev.junitloadtest.assertions;

import java.util.function.Function;

import org.assertj.core.api.Assert;
import org.assertj.core.api.SoftAssertionsProvider;

/**
 * How an assertion creates the assertions it leads to ({@code request(...)}, then {@code percentile(95)}): directly,
 * or, inside soft assertions, as proxies of the same soft assertions, so that a breach found three calls down is
 * collected rather than thrown.
 */
abstract class Nesting {

    /** Hard assertions: a breach throws at once. */
    static final Nesting DIRECT = new Nesting() {
        @Override
        <A extends Assert<? extends A, ? extends T>, T> A create(Class<A> type, Class<T> actualType, T actual,
                Function<T, A> constructor) {
            return constructor.apply(actual);
        }
    };

    /** Soft assertions collected by {@code provider}. */
    static Nesting soft(SoftAssertionsProvider provider) {
        return new Nesting() {
            @Override
            <A extends Assert<? extends A, ? extends T>, T> A create(Class<A> type, Class<T> actualType, T actual,
                    Function<T, A> constructor) {
                return provider.proxy(type, actualType, actual);
            }
        };
    }

    /** An assertion of type {@code type} on {@code actual}. */
    abstract <A extends Assert<? extends A, ? extends T>, T> A create(Class<A> type, Class<T> actualType, T actual,
            Function<T, A> constructor);
}
