package dev.junitloadtest.internal.recording;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of everything a run records as text (failure messages, exception messages and stack traces,
 * request names): values a user sent as secrets ({@link UserSecrets}) are replaced wherever they appear, and so are
 * values that look like secrets: {@code name=value} and {@code "name": "value"} for the configured secret names,
 * {@code Bearer}/{@code Basic} credentials, and the user info of URLs. Masking happens where text is recorded, so no
 * output (console, CSV, JSON, HTML, report entries) ever sees the secret. Thread-safe. Internal.
 */
public final class SecretMasker {

    /** What a secret is replaced with. */
    public static final String MASK = "****";

    /** Secrets shorter than this are not looked for by value: "1" or "ok" would mask half of every message. */
    private static final int MIN_SECRET_LENGTH = 4;

    private static final int MAX_CACHED = 2_000;

    private static final Pattern CREDENTIALS = Pattern.compile("(?i)\\b(bearer|basic|digest|token)\\s+[A-Za-z0-9._~+/=-]{4,}");
    private static final Pattern URL_USER_INFO = Pattern.compile("(?i)\\b(https?://)[^/@\\s]+@");

    private final Set<String> names;
    private final Pattern namedValues;
    private final Map<String, String> cache = new ConcurrentHashMap<>();

    /** A masker treating values named by {@code secretNames} (case-insensitive) as secrets. */
    public SecretMasker(Collection<String> secretNames) {
        this.names = Set.copyOf(secretNames.stream().map(name -> name.toLowerCase(Locale.ROOT)).toList());
        String alternatives = String.join("|", secretNames.stream().map(Pattern::quote).toList());
        // name=value (query strings, forms, headers written as "Name: value"), "name": "value" (JSON), name='value'.
        this.namedValues = alternatives.isEmpty() ? null : Pattern.compile("(?i)([\"']?\\b(?:" + alternatives
                + ")\\b[\"']?\\s*[:=]\\s*[\"']?)([^\"'&\\s,;}\\]<>]+)");
    }

    /** Whether {@code name} (a header, parameter or field name) marks its value as a secret. */
    public boolean isSecretName(String name) {
        return names.contains(name.toLowerCase(Locale.ROOT));
    }

    /** A fresh set of one user's secrets. */
    public UserSecrets newUserSecrets() {
        return new UserSecrets(this);
    }

    /** {@code text} with every secret masked: {@code user}'s known values (if any), then secret-looking patterns. */
    public String mask(String text, UserSecrets user) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String known = user == null ? text : user.replaceKnown(text);
        if (known != text) {
            return maskPatterns(known);
        }
        // The same messages come back again and again (HTTP 500 ...): mask each once.
        String cached = cache.get(text);
        if (cached != null) {
            return cached;
        }
        String masked = maskPatterns(text);
        if (cache.size() < MAX_CACHED) {
            cache.put(text, masked);
        }
        return masked;
    }

    private String maskPatterns(String text) {
        String masked = text;
        if (namedValues != null) {
            masked = replace(namedValues, masked, "$1" + MASK);
        }
        masked = replace(CREDENTIALS, masked, "$1 " + MASK);
        return replace(URL_USER_INFO, masked, "$1" + MASK + "@");
    }

    private static String replace(Pattern pattern, String text, String replacement) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.replaceAll(replacement) : text;
    }

    /**
     * The secret values one virtual user has sent: the values of its secret headers, parameters and fields, and its
     * cookies. Bounded (the most recent ones are kept). Used by its own thread, read when its text is recorded.
     */
    public static final class UserSecrets {

        private static final int MAX_VALUES = 64;

        private final SecretMasker masker;
        private final List<String> values = new ArrayList<>();
        private volatile String[] longestFirst = new String[0];

        UserSecrets(SecretMasker masker) {
            this.masker = masker;
        }

        /** Whether values named {@code name} are secrets. */
        public boolean isSecretName(String name) {
            return masker.isSecretName(name);
        }

        /** Remembers {@code value} as a secret; for {@code Bearer x}-style values, {@code x} as well. */
        public synchronized void add(String value) {
            if (value == null || value.length() < MIN_SECRET_LENGTH || values.contains(value)) {
                return;
            }
            values.add(value);
            int space = value.indexOf(' ');
            if (space > 0 && value.length() - space - 1 >= MIN_SECRET_LENGTH) {
                values.add(value.substring(space + 1));
            }
            while (values.size() > MAX_VALUES) {
                values.removeFirst();
            }
            longestFirst = values.stream().sorted(Comparator.comparingInt(String::length).reversed())
                    .toArray(String[]::new);
        }

        /** Remembers {@code value} if {@code name} marks it as a secret. */
        public void addIfSecret(String name, String value) {
            if (name != null && isSecretName(name)) {
                add(value);
            }
        }

        /** {@code text} with this user's secrets masked; the same instance when it holds none. */
        String replaceKnown(String text) {
            String result = text;
            for (String secret : longestFirst) {
                if (result.contains(secret)) {
                    result = result.replace(secret, MASK);
                }
            }
            return result;
        }
    }
}
