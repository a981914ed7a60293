package dev.junitloadtest.internal.report.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files a report is made of, read from the library's own resources: the page template, its style and script
 * (written for this library), and uPlot, which the build unpacks from its WebJar next to them. Internal.
 *
 * @param template the page, with {@code {{slot}}} markers
 * @param style the report's style sheet
 * @param script the report's script
 * @param uplotScript uPlot, preceded by its licence as a comment (MIT asks for the notice in every copy)
 * @param uplotStyle uPlot's style sheet
 * @param uplotVersion e.g. {@code 1.6.30}
 */
record Assets(String template, String style, String script, String uplotScript, String uplotStyle,
        String uplotVersion) {

    private static final String BASE = "/dev/junitloadtest/internal/report/html/";
    private static final Pattern UPLOT_VERSION = Pattern.compile("uPlot \\(v([0-9][^)\\s]*)\\)");

    /** Reads the assets; each call reads them afresh (a report is written once per run). */
    static Assets load() {
        String uplot = read("uplot/uPlot.iife.min.js");
        Matcher version = UPLOT_VERSION.matcher(uplot.substring(0, Math.min(200, uplot.length())));
        String licence = read("uplot/LICENSE");
        if (licence.contains("*/")) {
            throw new IllegalStateException("uPlot's LICENSE cannot be embedded in a comment: it contains */");
        }
        return new Assets(read("report.html"), read("report.css"), read("report.js"),
                "/*! uPlot, embedded under its licence:\n" + licence.strip() + "\n*/\n" + uplot,
                read("uplot/uPlot.min.css"), version.find() ? version.group(1) : "unknown");
    }

    private static String read(String name) {
        try (InputStream in = Assets.class.getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new IllegalStateException("The HTML report's resource " + BASE + name + " is missing from the "
                        + "classpath; the junit-loadtest jar is incomplete (uPlot's files are unpacked from "
                        + "org.webjars.npm:uplot during the build's generate-resources phase)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the HTML report's resource " + BASE + name, e);
        }
    }
}
