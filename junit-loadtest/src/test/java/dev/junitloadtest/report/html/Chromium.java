package dev.junitloadtest.report.html;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.junitloadtest.json.Json;
import dev.junitloadtest.json.JsonValue;

/**
 * A headless Chromium driven over the DevTools protocol with nothing but the JDK: the browser is started with
 * {@code --remote-debugging-port=0}, prints the address of its WebSocket on stderr, and every command and event is a
 * JSON message on that socket. One page, opened with {@link #open(URI, int, int)}; every console message, uncaught
 * exception, log entry and network request of the page is kept for the test to assert on.
 */
final class Chromium implements AutoCloseable {

    /** System property naming the browser executable, when it is not {@code chromium} on the PATH. */
    static final String EXECUTABLE_PROPERTY = "junitloadtest.test.chromium";

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

    private final Process process;
    private final Path profile;
    private final List<String> stderr = new CopyOnWriteArrayList<>();
    private final Map<Integer, CompletableFuture<JsonValue>> pending = new ConcurrentHashMap<>();
    private final List<JsonValue> events = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private WebSocket socket;
    private String session;

    private Chromium(Process process, Path profile) {
        this.process = process;
        this.profile = profile;
    }

    /** The browser to run: the {@value #EXECUTABLE_PROPERTY} system property, else the first known name on the PATH. */
    static Optional<Path> executable() {
        String configured = System.getProperty(EXECUTABLE_PROPERTY, "");
        if (!configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String name : List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")) {
            for (String directory : path.split(java.io.File.pathSeparator)) {
                if (directory.isEmpty()) {
                    continue;
                }
                Path candidate = Path.of(directory, name);
                if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** Starts {@code executable} headless with a fresh profile, and connects to it. */
    static Chromium launch(Path executable) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("loadtest-chromium-");
        List<String> command = List.of(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--disable-default-apps", "--no-first-run",
                "--no-default-browser-check", "--mute-audio", "--hide-scrollbars", "--user-data-dir=" + profile,
                "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "about:blank");
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Chromium chromium = new Chromium(process, profile);
        try {
            chromium.connect(chromium.awaitDevToolsAddress());
            return chromium;
        } catch (IOException | InterruptedException | RuntimeException e) {
            chromium.close();
            throw e;
        }
    }

    private URI awaitDevToolsAddress() throws IOException, InterruptedException {
        CompletableFuture<URI> address = new CompletableFuture<>();
        Thread reader = Thread.ofPlatform().daemon().name("chromium-stderr").start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    stderr.add(line);
                    Matcher matcher = LISTENING.matcher(line);
                    if (matcher.find()) {
                        address.complete(URI.create(matcher.group(1)));
                    }
                }
            } catch (IOException e) {
                address.completeExceptionally(e);
            }
            address.completeExceptionally(new IOException("Chromium exited before it listened: " + stderr));
        });
        try {
            return address.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            reader.interrupt();
            throw new IOException("Chromium did not print its DevTools address within " + TIMEOUT + ": " + stderr);
        }
    }

    private void connect(URI address) throws IOException, InterruptedException {
        socket = join(HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(TIMEOUT)
                .buildAsync(address, new Listener()));
        String target = call("Target.createTarget", Map.of("url", "about:blank"), null).get("targetId").asText();
        session = call("Target.attachToTarget", Map.of("targetId", target, "flatten", true), null)
                .get("sessionId").asText();
        for (String domain : List.of("Runtime", "Log", "Page", "Network")) {
            call(domain + ".enable", Map.of());
        }
    }

    /**
     * Loads {@code url} in the page at {@code width} × {@code height} CSS pixels and waits for its load event; what
     * was recorded of an earlier page is forgotten.
     */
    void open(URI url, int width, int height) throws IOException, InterruptedException {
        viewport(width, height);
        events.clear();
        call("Page.navigate", Map.of("url", url.toString()));
        awaitEvent(event -> event.get("method").asText().equals("Page.loadEventFired"));
    }

    /** Sets the page's viewport. */
    void viewport(int width, int height) throws IOException, InterruptedException {
        call("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", false));
    }

    /**
     * Evaluates {@code expression} in the page (awaiting it when it is a promise) and returns its value, which must
     * be JSON-serialisable; a thrown exception fails with its description.
     */
    JsonValue evaluate(String expression) throws IOException, InterruptedException {
        JsonValue reply = call("Runtime.evaluate", Map.of("expression", "(async () => JSON.stringify(await ("
                + expression + ")))()", "awaitPromise", true, "returnByValue", true));
        if (!reply.get("exceptionDetails").isMissing()) {
            throw new AssertionError("The page threw evaluating " + expression + ": "
                    + reply.at("/exceptionDetails/exception/description").text()
                            .orElse(reply.get("exceptionDetails").toString()));
        }
        JsonValue value = reply.at("/result/value");
        return value.isMissing() ? value : Json.parse(value.asText());
    }

    /** Moves the mouse to {@code x}, {@code y} (CSS pixels from the viewport's top left). */
    void moveMouse(double x, double y) throws IOException, InterruptedException {
        call("Input.dispatchMouseEvent", Map.of("type", "mouseMoved", "x", x, "y", y));
    }

    /** A PNG of the page's viewport. */
    byte[] screenshot() throws IOException, InterruptedException {
        JsonValue shot = call("Page.captureScreenshot", Map.of("format", "png"));
        return Base64.getDecoder().decode(shot.get("data").asText());
    }

    /** What went wrong in the page since it was opened: console errors and warnings, uncaught exceptions, log errors. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (JsonValue event : events) {
            JsonValue params = event.get("params");
            switch (event.get("method").asText()) {
                case "Runtime.consoleAPICalled" -> {
                    String type = params.get("type").asText();
                    if (type.equals("error") || type.equals("warning") || type.equals("assert")) {
                        problems.add("console." + type + ": " + params.get("args"));
                    }
                }
                case "Runtime.exceptionThrown" -> problems.add("uncaught: " + params.at("/exceptionDetails/exception"
                        + "/description").text().orElse(params.get("exceptionDetails").toString()));
                case "Log.entryAdded" -> {
                    String level = params.at("/entry/level").asText();
                    if (level.equals("error") || level.equals("warning")) {
                        problems.add("log " + level + ": " + params.at("/entry/text").asText() + " "
                                + params.at("/entry/url").text().orElse(""));
                    }
                }
                default -> {
                }
            }
        }
        return problems;
    }

    /** The URLs the page requested since it was opened, the page itself included. */
    List<String> requestedUrls() {
        return events.stream().filter(event -> event.get("method").asText().equals("Network.requestWillBeSent"))
                .map(event -> event.at("/params/request/url").asText()).toList();
    }

    private JsonValue call(String method, Map<String, Object> params) throws IOException, InterruptedException {
        return call(method, params, session);
    }

    private JsonValue call(String method, Map<String, Object> params, String sessionId)
            throws IOException, InterruptedException {
        int id = ids.incrementAndGet();
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("id", id);
        message.put("method", method);
        message.put("params", params);
        if (sessionId != null) {
            message.put("sessionId", sessionId);
        }
        CompletableFuture<JsonValue> reply = new CompletableFuture<>();
        pending.put(id, reply);
        synchronized (this) {
            join(socket.sendText(Json.write(message), true));
        }
        JsonValue answer = join(reply);
        if (!answer.get("error").isMissing()) {
            throw new IOException(method + " failed: " + answer.get("error"));
        }
        return answer.get("result");
    }

    private void awaitEvent(Predicate<JsonValue> wanted) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (events.stream().noneMatch(wanted)) {
            if (System.nanoTime() > deadline) {
                throw new IOException("No matching DevTools event within " + TIMEOUT + "; got " + events);
            }
            synchronized (events) {
                events.wait(50);
            }
        }
    }

    private static <T> T join(CompletionStage<T> stage) throws IOException, InterruptedException {
        try {
            return stage.toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("No answer from Chromium within " + TIMEOUT, e);
        }
    }

    @Override
    public void close() throws IOException {
        boolean interrupted = false;
        try {
            if (socket != null) {
                try {
                    call("Browser.close", Map.of(), null);
                } catch (IOException e) {
                    // It may close the socket before it answers; the process is waited for below either way.
                }
                socket.abort();
            }
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                interrupted = true;
            }
            deleteRecursively(profile);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // Chromium's helpers can still be writing crash-pad files; a stray temp file is harmless.
                }
            }
        } catch (UncheckedIOException e) {
            // The same race, met while walking.
        }
    }

    private final class Listener implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonValue message = Json.parse(partial.toString());
                partial.setLength(0);
                JsonValue id = message.get("id");
                if (!id.isMissing()) {
                    CompletableFuture<JsonValue> reply = pending.remove(id.asInt());
                    if (reply != null) {
                        reply.complete(message);
                    }
                } else {
                    events.add(message);
                    synchronized (events) {
                        events.notifyAll();
                    }
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            pending.values().forEach(reply -> reply.completeExceptionally(error));
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            pending.values().forEach(reply -> reply.completeExceptionally(
                    new IOException("DevTools socket closed: " + statusCode + " " + reason)));
            return null;
        }
    }
}
