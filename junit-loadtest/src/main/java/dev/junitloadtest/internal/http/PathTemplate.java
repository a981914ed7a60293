package dev.junitloadtest.internal.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Fills the {@code {placeholders}} of a request path with values, percent-encoding each value as one path segment.
 * Internal.
 */
final class PathTemplate {

    private PathTemplate() {
    }

    /**
     * {@code template} with its placeholders replaced in order by {@code values}.
     *
     * @throws IllegalArgumentException if the number of placeholders and values differ
     */
    static String expand(String template, Object[] values) {
        if (values.length == 0 && template.indexOf('{') < 0) {
            return template;
        }
        StringBuilder path = new StringBuilder(template.length() + 16);
        int used = 0;
        int position = 0;
        while (position < template.length()) {
            int open = template.indexOf('{', position);
            if (open < 0) {
                path.append(template, position, template.length());
                break;
            }
            int close = template.indexOf('}', open);
            if (close < 0) {
                throw new IllegalArgumentException("Path '" + template + "' has a '{' without a closing '}'");
            }
            path.append(template, position, open);
            if (used >= values.length) {
                throw new IllegalArgumentException("Path '" + template + "' has more placeholders than the "
                        + values.length + " value(s) given");
            }
            path.append(URLEncoder.encode(String.valueOf(values[used++]), StandardCharsets.UTF_8).replace("+", "%20"));
            position = close + 1;
        }
        if (used < values.length) {
            throw new IllegalArgumentException("Path '" + template + "' has " + used + " placeholder(s) but "
                    + values.length + " value(s) were given");
        }
        return path.toString();
    }

    /** The request name for {@code template}: the path as written, without its query string. */
    static String name(String template) {
        int query = template.indexOf('?');
        return query < 0 ? template : template.substring(0, query);
    }
}
