package dev.junitloadtest.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code java} snippet of the repository's README compiles against the library, as a reader would paste it.
 *
 * <ul>
 * <li>A snippet that starts with imports and declares a type (the five-minute tour) is compiled exactly as shown.</li>
 * <li>Every other snippet gets the README's shared imports (the block of imports alone, under "Writing load tests")
 *     before its own imports. One that declares a type is compiled as it is, with its elided body {@code { ... }}
 *     read as empty; one that declares methods (a line at its left margin starting with {@code @Test} or
 *     {@code void}) becomes the body of a class; the rest are statements, compiled as the body of a method whose
 *     parameters are the names the README's fragments use: {@code Http http}, {@code VirtualUser user},
 *     {@code LoadTestResult result}, {@code String secret}, {@code String token}.</li>
 * </ul>
 */
class ReadmeSnippetsTests {

    private static final Pattern JAVA_BLOCK = Pattern.compile("(?m)^```java\\n(.*?)^```$", Pattern.DOTALL);
    private static final Pattern TYPE = Pattern.compile(
            "(?m)^(?:public\\s+|final\\s+|abstract\\s+)*(?:class|interface|@interface|record|enum)\\s+(\\w+)");
    private static final Pattern METHOD = Pattern.compile("(?m)^(?:@Test\\b|void\\s)");
    private static final String FRAGMENT_PARAMETERS =
            "Http http, VirtualUser user, LoadTestResult result, String secret, String token";

    @TempDir
    Path classes;

    @TestFactory
    Stream<DynamicTest> everyJavaSnippetCompiles() throws IOException {
        List<Snippet> snippets = snippets(Files.readString(readme(), StandardCharsets.UTF_8));
        String sharedImports = snippets.stream().filter(Snippet::importsOnly).map(Snippet::code).findFirst()
                .orElseThrow(() -> new AssertionError("The README has no block of imports alone for its fragments"));
        return snippets.stream().filter(snippet -> !snippet.importsOnly())
                .map(snippet -> DynamicTest.dynamicTest("README line " + snippet.line() + ": " + snippet.firstLine(),
                        () -> assertCompiles(snippet, sharedImports)));
    }

    @Test
    void theReadmeHasTheSnippetsThisTestIsMeantToCheck() throws IOException {
        List<Snippet> snippets = snippets(Files.readString(readme(), StandardCharsets.UTF_8));
        // The tour, the HTTP fragment, thresholds, a threshold annotation, assertions and soft assertions at least:
        // if the extraction stopped finding them, this test would pass on nothing.
        assertThat(snippets.stream().filter(snippet -> !snippet.importsOnly())).hasSizeGreaterThanOrEqualTo(6);
        assertThat(snippets).anySatisfy(snippet -> assertThat(snippet.code()).contains("class ApiUserLoadTest")
                .startsWith("import "));
    }

    @Test
    void aSnippetThatDoesNotCompileFailsWithTheSnippetAndTheCompilersMessage() {
        Snippet broken = new Snippet(7, "http.get(\"/\")\n");
        AssertionError failure = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                () -> assertCompiles(broken, "import dev.junitloadtest.http.Http;\n"));
        assertThat(failure.getMessage()).startsWith("The README's java snippet at line 7 does not compile:\n")
                .contains("   5 | http.get(\"/\")\n")
                .endsWith("\nline 5: ';' expected");
    }

    private void assertCompiles(Snippet snippet, String sharedImports) throws IOException {
        Source source = source(snippet, sharedImports);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Path out = Files.createTempDirectory(classes, "snippet");
        List<String> options = List.of("-proc:none", "-d", out.toString(),
                "-classpath", System.getProperty("java.class.path"));
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + source.name() + ".java"),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source.code();
            }
        };
        StringWriter output = new StringWriter();
        boolean compiled = compiler.getTask(output, null, diagnostics, options, null, List.of(file)).call();
        if (!compiled) {
            String messages = diagnostics.getDiagnostics().stream()
                    .filter(diagnostic -> diagnostic.getKind() == Diagnostic.Kind.ERROR)
                    .map(diagnostic -> "line " + diagnostic.getLineNumber() + ": "
                            + diagnostic.getMessage(Locale.ROOT))
                    .collect(Collectors.joining("\n"));
            throw new AssertionError("The README's java snippet at line " + snippet.line() + " does not compile:\n"
                    + numbered(source.code()) + "\n" + messages + output);
        }
    }

    /** The compilation unit a snippet becomes. */
    static Source source(Snippet snippet, String sharedImports) {
        List<String> imports = new ArrayList<>();
        List<String> body = new ArrayList<>();
        for (String line : snippet.code().split("\n", -1)) {
            (line.startsWith("import ") ? imports : body).add(line);
        }
        String code = String.join("\n", body);
        Matcher type = TYPE.matcher(code);
        if (type.find()) {
            if (!imports.isEmpty()) {
                return new Source(type.group(1), snippet.code());
            }
            return new Source(type.group(1), sharedImports + code.replace("{ ... }", "{ }"));
        }
        String name = "ReadmeSnippetAtLine" + snippet.line();
        String ownImports = String.join("\n", imports) + "\n";
        if (METHOD.matcher(code).find()) {
            return new Source(name, sharedImports + ownImports + "class " + name + " {\n" + code + "}\n");
        }
        return new Source(name, sharedImports + ownImports + "class " + name + " {\n    void fragment("
                + FRAGMENT_PARAMETERS + ") throws Exception {\n" + code + "    }\n}\n");
    }

    static List<Snippet> snippets(String markdown) {
        List<Snippet> snippets = new ArrayList<>();
        Matcher block = JAVA_BLOCK.matcher(markdown);
        while (block.find()) {
            int line = (int) markdown.substring(0, block.start()).chars().filter(c -> c == '\n').count() + 1;
            snippets.add(new Snippet(line, block.group(1)));
        }
        return snippets;
    }

    private static Path readme() {
        // Surefire runs in the module's directory; the README is the repository's, one up.
        Path readme = Path.of("").toAbsolutePath().getParent().resolve("README.md");
        assertThat(readme).as("the repository's README").isRegularFile();
        return readme;
    }

    private static String numbered(String code) {
        String[] lines = code.split("\n", -1);
        return IntStream.range(0, lines.length).mapToObj(i -> String.format(Locale.ROOT, "%4d | %s", i + 1, lines[i]))
                .collect(Collectors.joining("\n"));
    }

    /**
     * A {@code java} block of the README.
     *
     * @param line the line of its opening fence
     * @param code its text, each line ended by a line break
     */
    record Snippet(int line, String code) {

        /** Whether it holds imports and nothing else: the imports the README's fragments use. */
        boolean importsOnly() {
            return code.lines().filter(line -> !line.isBlank()).allMatch(line -> line.startsWith("import "));
        }

        String firstLine() {
            return code.lines().filter(line -> !line.isBlank() && !line.startsWith("import ")).findFirst()
                    .orElse("");
        }
    }

    /**
     * A compilation unit.
     *
     * @param name its top-level class, which names its file
     * @param code its text
     */
    record Source(String name, String code) {
    }
}
