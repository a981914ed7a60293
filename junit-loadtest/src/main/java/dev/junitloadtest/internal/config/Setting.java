package dev.junitloadtest.internal.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Optional;
import java.util.function.Supplier;

import org.apiguardian.api.API;

/**
 * The one rule of every setting: a configuration parameter overrides the annotation's attribute, which overrides the
 * default. A setting is its parameter's key and the {@link Parser} of the parameter's text; the attribute is read
 * only when no parameter is set, so an attribute a parameter overrides is never checked. Internal.
 *
 * <pre>{@code
 * Setting<Integer> USERS = Setting.of(LoadTestConstants.USERS_PROPERTY_NAME, Parser.wholeNumber(1));
 * Setting.Value<Integer> count = USERS.read(parameters, () -> users.map(Users::count), 1);
 * }</pre>
 *
 * @param <T> the value's type
 * @param key the configuration parameter's key
 * @param parser how the parameter's text becomes a value
 */
@API(status = INTERNAL, since = "0.1")
public record Setting<T>(String key, Parser<T> parser) {

    /** Where a setting's value came from. */
    public enum Origin {
        /** The configuration parameter. */
        PARAMETER,
        /** The annotation's attribute. */
        ATTRIBUTE,
        /** Neither was given. */
        DEFAULT
    }

    /**
     * A setting's value and where it came from.
     *
     * @param <T> the value's type
     * @param value the value
     * @param origin where it came from
     */
    public record Value<T>(T value, Origin origin) {
    }

    /** The setting of parameter {@code key}, whose text {@code parser} reads. */
    public static <T> Setting<T> of(String key, Parser<T> parser) {
        return new Setting<>(key, parser);
    }

    /** How messages name the parameter: {@code Configuration parameter `<key>`}. */
    public String where() {
        return "Configuration parameter `" + key + "`";
    }

    /** Whether the parameter is set. */
    public boolean isSet(ConfigurationParameters parameters) {
        return parameters.get(key).isPresent();
    }

    /**
     * The parameter's value, if set.
     *
     * @throws LoadTestConfigurationException if its text breaks the parser's rule
     */
    public Optional<T> parameter(ConfigurationParameters parameters) {
        return parameters.get(key).map(text -> parser.parse(text, where()));
    }

    /**
     * The parameter's value if it is set, else the attribute's if {@code attribute} gives one (it checks the
     * attribute itself, and is called only then), else none.
     */
    public Optional<Value<T>> find(ConfigurationParameters parameters, Supplier<Optional<T>> attribute) {
        Optional<Value<T>> fromParameter = parameter(parameters).map(value -> new Value<>(value, Origin.PARAMETER));
        return fromParameter.or(() -> attribute.get().map(value -> new Value<>(value, Origin.ATTRIBUTE)));
    }

    /** The parameter's value if it is set, else the attribute's if {@code attribute} gives one, else the default. */
    public Value<T> read(ConfigurationParameters parameters, Supplier<Optional<T>> attribute, T defaultValue) {
        return find(parameters, attribute).orElseGet(() -> new Value<>(defaultValue, Origin.DEFAULT));
    }

    /** The parameter's value if it is set, else the attribute's, for an attribute that always has one. */
    public Value<T> read(ConfigurationParameters parameters, Supplier<T> attribute) {
        return find(parameters, () -> Optional.of(attribute.get())).orElseThrow();
    }

    /** The parameter's value if it is set, else the default: for settings no annotation has. */
    public T orDefault(ConfigurationParameters parameters, T defaultValue) {
        return parameter(parameters).orElse(defaultValue);
    }
}
