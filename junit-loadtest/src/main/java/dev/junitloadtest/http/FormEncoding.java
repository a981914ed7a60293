package dev.junitloadtest.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Percent-encoding of form fields and query parameters (spaces as {@code +}). Internal. */
final class FormEncoding {

    private FormEncoding() {
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
