package dev.junitloadtest.internal.report.html;

/**
 * Escaping for the two places text from the system under test ends up in the report: HTML text and attribute values,
 * and JSON inside a {@code <script>} element. Request names, error messages and stack traces come from the target and
 * from task code, so none of them may be able to close an element or start a script. Internal.
 */
final class Html {

    private Html() {
    }

    /**
     * {@code text} safe as HTML text and as a double- or single-quoted attribute value: {@code & < > " '} become
     * character references; everything else stays as it is (the page is UTF-8).
     */
    static String text(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            String reference = switch (text.charAt(i)) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (reference != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (reference != null) {
                    out.append(reference);
                } else {
                    out.append(text.charAt(i));
                }
            }
        }
        return out == null ? text : out.toString();
    }

    /**
     * JSON text safe as the content of a {@code <script type="application/json">} element. An HTML parser ends a script
     * element at {@code </script} and treats {@code <!--} specially whatever the script's type; in JSON, {@code <},
     * {@code >} and {@code &} can only occur inside strings, where {@code \u003c}, {@code \u003e} and {@code \u0026}
     * mean the same characters to {@code JSON.parse}, so replacing every one of them keeps the data and takes away
     * every way out of the element.
     *
     * @param json JSON text as {@link dev.junitloadtest.json.Json#write(Object)} writes it (which already escapes
     *     U+2028 and U+2029)
     */
    static String scriptJson(String json) {
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    }
}
