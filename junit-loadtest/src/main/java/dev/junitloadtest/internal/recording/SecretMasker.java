package dev.junitloadtest.internal.recording;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apiguardian.api.API;

/**
 * Keeps secrets out of everything a run records as text (failure messages, exception messages and stack traces,
 * request names): values any user of the run sent as secrets are replaced wherever they appear, whichever user's text
 * quotes them, and so are values that look like secrets: {@code name=value} and {@code "name": "value"} for the
 * configured secret names, {@code Bearer}/{@code Basic} credentials, and the user info of URLs. Masking happens where
 * text is recorded, so no output (console, CSV, JSON, HTML, report entries) ever sees the secret.
 *
 * <p>Bounded: the run remembers at most {@value #MAX_VALUES} distinct values and {@value #MAX_CHARS} characters of
 * them (about 20 MB). Past that, the values already seen stay masked everywhere, a new value is masked in the texts
 * of the user that sent it (its {@value UserSecrets#MAX_OWN} most recent ones), and the run warns
 * ({@link #overflowWarning()}). Masking a text costs one table lookup per character however many values are known,
 * and repeated texts (HTTP 500 ...) are masked once while no new value arrives. Thread-safe. Internal.
 */
@API(status = INTERNAL, since = "0.1")
public final class SecretMasker {

    /** What a secret is replaced with. */
    public static final String MASK = "****";

    /** The most distinct secret values a run remembers for every user's texts. */
    public static final int MAX_VALUES = 100_000;

    /** The most characters of secret values a run remembers for every user's texts. */
    public static final long MAX_CHARS = 10_000_000;

    /** Secrets shorter than this are not looked for by value: "1" or "ok" would mask half of every message. */
    private static final int MIN_SECRET_LENGTH = KnownSecrets.WINDOW;

    private static final int MAX_CACHED = 2_000;

    /** Authorization schemes whose credential alone is the secret ({@code Bearer <token>}). */
    private static final Set<String> SCHEMES = Set.of("bearer", "basic", "digest", "token", "negotiate", "apikey");

    private static final Pattern CREDENTIALS = Pattern.compile("(?i)\\b(bearer|basic|digest|token)\\s+[A-Za-z0-9._~+/=-]{4,}");
    private static final Pattern URL_USER_INFO = Pattern.compile("(?i)\\b(https?://)[^/@\\s]+@");

    private final Set<String> names;
    private final boolean cookiesAreSecret;
    private final Pattern namedValues;
    private final KnownSecrets known;
    private final Map<String, Masked> cache = new ConcurrentHashMap<>();

    /** A masker treating values named by {@code secretNames} (case-insensitive) as secrets. */
    public SecretMasker(Collection<String> secretNames) {
        this(secretNames, MAX_VALUES, MAX_CHARS);
    }

    /** A masker remembering at most {@code maxValues} values of at most {@code maxChars} characters in all. */
    SecretMasker(Collection<String> secretNames, int maxValues, long maxChars) {
        this.names = Set.copyOf(secretNames.stream().map(name -> name.toLowerCase(Locale.ROOT)).toList());
        this.cookiesAreSecret = names.contains("set-cookie") || names.contains("cookie");
        String alternatives = String.join("|", secretNames.stream().map(Pattern::quote).toList());
        // name=value (query strings, forms, headers written as "Name: value"), "name": "value" (JSON), name='value'.
        this.namedValues = alternatives.isEmpty() ? null : Pattern.compile("(?i)([\"']?\\b(?:" + alternatives
                + ")\\b[\"']?\\s*[:=]\\s*[\"']?)([^\"'&\\s,;}\\]<>]+)");
        this.known = new KnownSecrets(maxValues, maxChars);
    }

    /** Whether {@code name} (a header, parameter or field name) marks its value as a secret. */
    public boolean isSecretName(String name) {
        return names.contains(name.toLowerCase(Locale.ROOT));
    }

    /** A fresh handle through which one user adds the secrets it sends. */
    public UserSecrets newUserSecrets() {
        return new UserSecrets(this);
    }

    /**
     * {@code text} with every secret masked: the values any user sent, those {@code user} (the user whose text it
     * is, or null) could not leave with the run, then secret-looking patterns.
     */
    public String mask(String text, UserSecrets user) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String own = user == null ? text : user.replaceOwn(text);
        if (own != text) {
            return maskPatterns(known.replaceIn(own, MASK));
        }
        // The same messages come back again and again (HTTP 500 ...): mask each once while no new value arrives.
        int version = known.version();
        Masked cached = cache.get(text);
        if (cached != null && cached.version == version) {
            return cached.text;
        }
        String withoutValues = known.replaceIn(text, MASK);
        String masked = maskPatterns(withoutValues);
        // A text that held a secret value is not kept: the cache would hold the secret, once per user.
        if (withoutValues == text && (cached != null || cache.size() < MAX_CACHED)) {
            cache.put(text, new Masked(version, masked));
        }
        return masked;
    }

    /**
     * The warning for the run's outputs when values were sent past the bound ({@value #MAX_VALUES} values,
     * {@value #MAX_CHARS} characters), if any were.
     */
    public Optional<String> overflowWarning() {
        if (!known.refused()) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "More secret values were sent than the run remembers "
                + "(%,d values or %,d characters): those sent later are masked only in the texts of the user that "
                + "sent them, and where they look like secrets (name=value, Bearer ...).", known.size(), MAX_CHARS));
    }

    private void remember(String value, UserSecrets user) {
        if (known.contains(value)) {
            return;
        }
        int space = value.indexOf(' ');
        if (space > 0) {
            String rest = value.substring(space + 1).trim();
            if (SCHEMES.contains(value.substring(0, space).toLowerCase(Locale.ROOT)) && rest.indexOf(' ') < 0) {
                // "Bearer <token>": the token is the secret; masked, it leaves "Bearer ****".
                rememberOne(rest, user);
                return;
            }
            rememberOne(rest, user);
        }
        rememberOne(value, user);
    }

    private void rememberOne(String value, UserSecrets user) {
        if (value.length() >= MIN_SECRET_LENGTH && !known.add(value)) {
            user.keepOwn(value);
        }
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

    /** A text masked while the known values were at {@code version}. */
    private record Masked(int version, String text) {
    }

    /**
     * One virtual user's way to add the secret values it sends or receives: the values of its secret headers,
     * parameters and fields, and its cookies. They go to the run's values, masked in every user's texts; those the
     * run has no room left for are kept here (the {@value #MAX_OWN} most recent) and masked in this user's texts.
     * Adding the value added last again (the same header on every request) does not allocate. Used by its own
     * thread, read when its text is recorded.
     */
    public static final class UserSecrets {

        /** The most values one user keeps past the run's bound. */
        static final int MAX_OWN = 16;

        private final SecretMasker masker;
        private String last;
        private volatile String[] own = new String[0];

        UserSecrets(SecretMasker masker) {
            this.masker = masker;
        }

        /** Whether values named {@code name} are secrets. */
        public boolean isSecretName(String name) {
            return masker.isSecretName(name);
        }

        /** Whether cookies are secrets ({@code cookie} or {@code set-cookie} is a secret name). */
        public boolean cookiesAreSecret() {
            return masker.cookiesAreSecret;
        }

        /** Remembers {@code value} as a secret; for {@code Bearer x}-style values, {@code x}. */
        public void add(String value) {
            if (value == null || value.length() < MIN_SECRET_LENGTH || value.equals(last)) {
                return;
            }
            masker.remember(value, this);
            last = value;
        }

        /**
         * Remembers {@code value} if {@code name} marks it as a secret: for a {@code Cookie} header, the value of
         * every cookie in it, whatever the cookie's name; for {@code Set-Cookie}, the cookie's value.
         */
        public void addIfSecret(String name, String value) {
            if (name == null || value == null || !isSecretName(name) || value.equals(last)) {
                return;
            }
            if (name.equalsIgnoreCase("cookie")) {
                for (String cookie : value.split(";")) {
                    add(cookieValue(cookie));
                }
            } else if (name.equalsIgnoreCase("set-cookie")) {
                int end = value.indexOf(';');
                add(cookieValue(end < 0 ? value : value.substring(0, end)));
            } else {
                add(value);
            }
            last = value;
        }

        private static String cookieValue(String cookie) {
            int equals = cookie.indexOf('=');
            String value = (equals < 0 ? cookie : cookie.substring(equals + 1)).trim();
            return value.length() > 1 && value.startsWith("\"") && value.endsWith("\"")
                    ? value.substring(1, value.length() - 1) : value;
        }

        private synchronized void keepOwn(String value) {
            String[] kept = own;
            for (String k : kept) {
                if (k.equals(value)) {
                    return;
                }
            }
            String[] grown = new String[Math.min(kept.length + 1, MAX_OWN)];
            grown[0] = value;
            System.arraycopy(kept, 0, grown, 1, grown.length - 1);
            // Longest first, so a value that contains another is masked whole.
            Arrays.sort(grown, Comparator.comparingInt(String::length).reversed());
            own = grown;
        }

        /** {@code text} with the values this user keeps itself masked; the same instance when none occurs. */
        String replaceOwn(String text) {
            String result = text;
            for (String secret : own) {
                if (result.contains(secret)) {
                    result = result.replace(secret, MASK);
                }
            }
            return result;
        }
    }
}
