package dev.junitloadtest.samples.container;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.utility.DockerImageName;

import dev.junitloadtest.sampletarget.SampleTarget;

/**
 * The sample target as a container image, built on this machine: no registry is needed (or reachable), so the image
 * starts {@code FROM scratch} and holds only a JRE cut down by {@code jlink} to {@code java.base} and
 * {@code jdk.httpserver}, the shared libraries {@code ldd} says that JRE links, and the target's jar.
 *
 * <p>The build context is assembled under {@code target/sample-target-image/}. The image is tagged with a hash of
 * everything in it, so it is built once and then reused by every later run, until the target's code or the JDK
 * changes; a fresh machine builds it in a few seconds (most of it {@code jlink}).
 */
final class SampleTargetImage {

    static final String REPOSITORY = "junit-loadtest/sample-target";
    private static final Pattern LDD_PATH = Pattern.compile("(?:=> )?(/\\S+) \\(0x");
    private static final FileTime EPOCH = FileTime.fromMillis(0);
    private static DockerImageName built;

    private SampleTargetImage() {
    }

    /** The image, built if this machine's Docker does not have it yet. */
    static synchronized DockerImageName get() {
        if (built == null) {
            built = build(Path.of("target", "sample-target-image"));
        }
        return built;
    }

    private static DockerImageName build(Path context) {
        try {
            Files.createDirectories(context);
            Path jre = context.resolve("jre");
            if (!Files.isExecutable(jre.resolve("bin/java"))) {
                jlink(jre);
            }
            StringBuilder dockerfile = new StringBuilder("FROM scratch\nCOPY jre /jre\n");
            for (String directory : copySharedLibraries(jre, context)) {
                dockerfile.append("COPY ").append(directory).append(" /").append(directory).append('\n');
            }
            writeAppJar(context.resolve("app/sample-target.jar"));
            dockerfile.append("COPY app /app\n");
            // No /tmp in the image: -XX:-UsePerfData keeps the JVM from looking for one.
            dockerfile.append("ENTRYPOINT [\"/jre/bin/java\", \"-XX:-UsePerfData\", \"-jar\", \"/app/sample-target.jar\"]\n");
            Files.writeString(context.resolve("Dockerfile"), dockerfile);
            DockerImageName image = DockerImageName.parse(REPOSITORY).withTag(hash(context));
            if (!exists(image)) {
                new ImageFromDockerfile(image.asCanonicalNameString(), false).withFileFromPath(".", context).get();
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while building the sample target's image", e);
        }
    }

    /** A JRE of the JDK running the tests, with only what the target needs: {@code java.base} and the HTTP server. */
    private static void jlink(Path jre) throws IOException, InterruptedException {
        Path jlink = Path.of(System.getProperty("java.home"), "bin", "jlink");
        deleteRecursively(jre);
        run(List.of(jlink.toString(), "--add-modules", "java.base,jdk.httpserver", "--strip-debug",
                "--no-header-files", "--no-man-pages", "--compress=zip-6", "--output", jre.toString()));
    }

    /**
     * Copies every shared library the JRE's binaries load (as {@code ldd} resolves them) to the same path under
     * {@code context}; returns the top directories they are in ({@code lib}, {@code lib64}).
     */
    private static TreeSet<String> copySharedLibraries(Path jre, Path context) throws IOException, InterruptedException {
        TreeSet<String> libraries = new TreeSet<>();
        List<Path> binaries;
        try (Stream<Path> files = Files.walk(jre)) {
            binaries = files.filter(p -> p.toString().endsWith(".so") || p.endsWith(Path.of("bin", "java")))
                    .toList();
        }
        for (Path binary : binaries) {
            for (String line : run(List.of("ldd", binary.toString())).lines().toList()) {
                Matcher path = LDD_PATH.matcher(line.trim());
                if (path.find() && !path.group(1).startsWith(jre.toAbsolutePath().toString())) {
                    libraries.add(path.group(1));
                }
            }
        }
        if (libraries.stream().noneMatch(l -> l.contains("/libc.so"))) {
            throw new IllegalStateException("ldd found no libc for " + jre + ": " + libraries);
        }
        TreeSet<String> topDirectories = new TreeSet<>();
        for (String library : libraries) {
            Path target = context.resolve(library.substring(1));
            Files.createDirectories(target.getParent());
            // toRealPath: the libraries are symlinks to versioned files, and the image needs the file itself.
            Files.copy(Path.of(library).toRealPath(), target, StandardCopyOption.REPLACE_EXISTING);
            topDirectories.add(Path.of(library).getName(0).toString());
        }
        return topDirectories;
    }

    /**
     * Writes the target's classes (from its jar, or from its classes directory when the reactor has not packaged it)
     * as a runnable jar with fixed timestamps, so equal code makes an equal jar and the image's hash does not change.
     */
    private static void writeAppJar(Path jar) throws IOException {
        Path source;
        try {
            source = Path.of(SampleTarget.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Map<String, byte[]> classes = new TreeMap<>();
        if (Files.isDirectory(source)) {
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    classes.put(source.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
                }
            }
        } else {
            try (JarFile in = new JarFile(source.toFile())) {
                for (JarEntry entry : in.stream().filter(e -> !e.isDirectory()).toList()) {
                    if (!entry.getName().startsWith("META-INF/")) {
                        try (InputStream content = in.getInputStream(entry)) {
                            classes.put(entry.getName(), content.readAllBytes());
                        }
                    }
                }
            }
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "dev.junitloadtest.sampletarget.Main");
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            JarEntry manifestEntry = new JarEntry(JarFile.MANIFEST_NAME);
            manifestEntry.setLastModifiedTime(EPOCH);
            out.putNextEntry(manifestEntry);
            manifest.write(out);
            for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
                JarEntry jarEntry = new JarEntry(entry.getKey());
                jarEntry.setLastModifiedTime(EPOCH);
                out.putNextEntry(jarEntry);
                out.write(entry.getValue());
            }
        }
    }

    /** A hash of every file's path and content in the build context. */
    private static String hash(Path context) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (Stream<Path> files = Files.walk(context);
                OutputStream sink = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                sink.write(context.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
                Files.copy(file, sink);
            }
        }
        return HexFormat.of().formatHex(digest.digest(), 0, 6);
    }

    private static boolean exists(DockerImageName image) {
        try {
            DockerClientFactory.instance().client().inspectImageCmd(image.asCanonicalNameString()).exec();
            return true;
        } catch (com.github.dockerjava.api.exception.NotFoundException e) {
            return false;
        }
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
        return output;
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }
}
