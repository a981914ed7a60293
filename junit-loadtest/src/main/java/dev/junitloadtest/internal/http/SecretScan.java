package dev.junitloadtest.internal.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.apache.hc.core5.http.Header;

import dev.junitloadtest.internal.recording.SecretMasker;
import dev.junitloadtest.json.Json;
import dev.junitloadtest.json.JsonParseException;
import dev.junitloadtest.json.JsonValue;

/**
 * Finds the secret values a user sends or receives, so they can be masked wherever they would be recorded: form and
 * JSON fields with secret names, and cookies. Cheap when there is nothing to find: a body is only parsed when it
 * mentions a secret name. Internal.
 */
final class SecretScan {

    private SecretScan() {
    }

    /** Remembers the secret fields of a form or JSON body. */
    static void body(byte[] content, String contentType, SecretMasker.UserSecrets secrets) {
        String type = contentType.toLowerCase(Locale.ROOT);
        boolean form = type.startsWith("application/x-www-form-urlencoded");
        boolean json = type.contains("json");
        if (!form && !json) {
            return;
        }
        String text = new String(content, StandardCharsets.UTF_8);
        if (form) {
            for (String field : text.split("&")) {
                int equals = field.indexOf('=');
                if (equals > 0) {
                    String name = URLDecoder.decode(field.substring(0, equals), StandardCharsets.UTF_8);
                    String value = field.substring(equals + 1);
                    if (secrets.isSecretName(name)) {
                        secrets.add(value);
                        secrets.add(URLDecoder.decode(value, StandardCharsets.UTF_8));
                    }
                }
            }
            return;
        }
        if (mentionsSecretName(text, secrets)) {
            try {
                collect(Json.parse(text), secrets);
            } catch (JsonParseException notJson) {
                // Not JSON after all: the patterns still mask "name": "value" pairs in anything recorded.
            }
        }
    }

    /** Remembers the values of the cookies a response sets. */
    static void cookies(Header[] headers, SecretMasker.UserSecrets secrets) {
        if (!secrets.cookiesAreSecret()) {
            return;
        }
        for (Header header : headers) {
            if (!header.getName().equalsIgnoreCase("Set-Cookie")) {
                continue;
            }
            String value = header.getValue();
            int equals = value.indexOf('=');
            if (equals > 0) {
                int end = value.indexOf(';', equals);
                secrets.add(value.substring(equals + 1, end < 0 ? value.length() : end).trim());
            }
        }
    }

    private static boolean mentionsSecretName(String text, SecretMasker.UserSecrets secrets) {
        // A cheap first look: any quoted key that is a secret name.
        int quote = text.indexOf('"');
        while (quote >= 0) {
            int end = text.indexOf('"', quote + 1);
            if (end < 0) {
                return false;
            }
            if (secrets.isSecretName(text.substring(quote + 1, end))) {
                return true;
            }
            quote = text.indexOf('"', end + 1);
        }
        return false;
    }

    private static void collect(JsonValue value, SecretMasker.UserSecrets secrets) {
        value.fields().forEach((name, field) -> {
            if (secrets.isSecretName(name) && !field.isObject() && !field.isArray() && !field.isNull()) {
                secrets.add(field.asText());
            } else {
                collect(field, secrets);
            }
        });
        value.elements().forEach(element -> collect(element, secrets));
    }
}
