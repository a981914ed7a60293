package dev.junitloadtest.internal.merge;

import static dev.junitloadtest.LoadTestConstants.MERGE_PROPERTY_NAME;
import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apiguardian.api.API;

import dev.junitloadtest.internal.config.LoadTestConfigurationException;
import dev.junitloadtest.internal.config.Shard;

/**
 * The shards a merge ({@value dev.junitloadtest.LoadTestConstants#MERGE_PROPERTY_NAME}) reads: finds the class's
 * {@linkplain MergeableResults mergeable results} under the folders given, reads them, and checks that they are the
 * shards of one split, each once and none missing, before any output is touched. The same run found through two
 * folders counts once, with a note. Internal.
 *
 * @param runs the shards, by index
 * @param notes what the merge's outputs should say about how the shards were found
 */
@API(status = INTERNAL, since = "0.1")
public record ShardSources(List<ShardRun> runs, List<String> notes) {

    private static final String PARAMETER = "Configuration parameter `" + MERGE_PROPERTY_NAME + "`";

    /**
     * The shards of {@code testClass} found under the comma-separated folders {@code folders}; the merge's own
     * outputs are to go to {@code outputFolder}, which must hold none of them.
     *
     * @throws LoadTestConfigurationException naming the folder or file, if the shards cannot be merged
     */
    public static ShardSources find(Class<?> testClass, String folders, Optional<Path> outputFolder) {
        List<ShardRun> found = new ArrayList<>();
        for (String folder : folders.split(",")) {
            for (Path file : files(testClass, folder.strip())) {
                found.add(read(testClass, file));
            }
        }
        List<String> notes = new ArrayList<>();
        Map<String, ShardRun> byRun = new LinkedHashMap<>();
        for (ShardRun run : found) {
            ShardRun first = byRun.putIfAbsent(run.runId(), run);
            if (first != null) {
                notes.add(run.title() + " (run " + run.runId() + ") was found twice, at "
                        + first.file() + " and at " + run.file() + ": counted once.");
            }
        }
        List<ShardRun> runs = new ArrayList<>(byRun.values());
        ShardRun reference = runs.getFirst();
        if (runs.stream().anyMatch(ShardRun::worker)) {
            // A Locust master decided the workers' users: any number of them make the whole, none has an index.
            ShardRun shard = runs.stream().filter(run -> !run.worker()).findFirst().orElse(null);
            if (shard != null) {
                ShardRun worker = runs.stream().filter(ShardRun::worker).findFirst().orElseThrow();
                throw new LoadTestConfigurationException(PARAMETER + " found a Locust worker's run at " + worker.file()
                        + " and " + shard.label() + " at " + shard.file() + ": a merge takes either the workers of one "
                        + "Locust master or the shards of one split, not both.");
            }
            checkOutputFolder(runs, outputFolder);
            return new ShardSources(List.copyOf(runs), notes);
        }
        for (ShardRun run : runs) {
            if (run.shard().count() != reference.shard().count()) {
                throw new LoadTestConfigurationException(PARAMETER + " found shards of different splits: shard "
                        + reference.shard() + " at " + reference.file() + ", shard " + run.shard() + " at "
                        + run.file() + ".");
            }
        }
        Map<Integer, ShardRun> byIndex = new TreeMap<>();
        for (ShardRun run : runs) {
            ShardRun other = byIndex.putIfAbsent(run.shard().index(), run);
            if (other != null) {
                throw new LoadTestConfigurationException(PARAMETER + " found two different runs claiming shard "
                        + run.shard() + " of " + testClass.getSimpleName() + ": run " + other.runId() + " at "
                        + other.file() + " and run " + run.runId() + " at " + run.file() + ".");
            }
        }
        int count = reference.shard().count();
        List<String> missing = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            if (!byIndex.containsKey(index)) {
                missing.add(new Shard(index, count).toString());
            }
        }
        if (!missing.isEmpty()) {
            throw new LoadTestConfigurationException(PARAMETER + " is missing shard" + (missing.size() == 1 ? " " : "s ")
                    + String.join(", ", missing) + " of " + testClass.getSimpleName() + ": found "
                    + byIndex.values().stream().map(run -> "shard " + run.shard() + " at " + run.file())
                            .collect(Collectors.joining(", ")) + ".");
        }
        checkOutputFolder(byIndex.values(), outputFolder);
        return new ShardSources(List.copyOf(byIndex.values()), notes);
    }

    private static void checkOutputFolder(Collection<ShardRun> runs, Optional<Path> outputFolder) {
        outputFolder.map(ShardSources::normalized).ifPresent(output -> runs.stream()
                .filter(run -> run.file().getParent().equals(output)).findFirst().ifPresent(run -> {
                    throw new LoadTestConfigurationException(PARAMETER + " found " + run.label() + " at "
                            + run.file() + ", in the folder the merge writes its own outputs to, which would replace "
                            + "them: give the merge another `loadtest.report-dir`.");
                }));
    }

    /** The mergeable results in {@code folder}, or in the folders named after {@code testClass} below it. */
    private static List<Path> files(Class<?> testClass, String folder) {
        Path root;
        try {
            root = normalized(Path.of(folder));
        } catch (InvalidPathException e) {
            throw new LoadTestConfigurationException(PARAMETER + " requires folders, but was '" + folder + "': "
                    + e.getReason() + ".", e);
        }
        if (!Files.isDirectory(root)) {
            throw new LoadTestConfigurationException(PARAMETER + " names " + root + ", which is not a folder.");
        }
        List<Path> folders;
        if (holdsResults(root)) {
            folders = List.of(root);
        } else {
            try (Stream<Path> tree = Files.walk(root)) {
                folders = tree.filter(path -> path.getFileName() != null
                        && path.getFileName().toString().equals(testClass.getSimpleName())
                        && Files.isDirectory(path) && holdsResults(path)).sorted(Comparator.naturalOrder()).toList();
            } catch (IOException | UncheckedIOException e) {
                throw new LoadTestConfigurationException(PARAMETER + " could not search " + root + ": " + e, e);
            }
        }
        if (folders.isEmpty()) {
            throw new LoadTestConfigurationException(PARAMETER + " found no mergeable results of "
                    + testClass.getSimpleName() + " under " + root + ": a run writes them last, as "
                    + testClass.getSimpleName() + "/" + MergeableResults.FILE_NAME + " in its output folder; give "
                    + "each shard's output folder or a folder above it.");
        }
        List<Path> files = new ArrayList<>();
        for (Path found : folders) {
            Path file = found.resolve(MergeableResults.FILE_NAME);
            if (!Files.isRegularFile(file)) {
                throw new LoadTestConfigurationException(PARAMETER + " found half-written mergeable results at "
                        + found.resolve(MergeableResults.TEMPORARY_NAME) + ": the run that wrote them ended before "
                        + "it finished; run that shard again.");
            }
            files.add(file);
        }
        return files;
    }

    private static boolean holdsResults(Path folder) {
        return Files.isRegularFile(folder.resolve(MergeableResults.FILE_NAME))
                || Files.isRegularFile(folder.resolve(MergeableResults.TEMPORARY_NAME));
    }

    private static ShardRun read(Class<?> testClass, Path file) {
        ShardRun run;
        try {
            run = MergeableResults.read(file);
        } catch (MergeableResults.UnknownFormatException e) {
            throw new LoadTestConfigurationException(PARAMETER + " found " + file + " in format '" + e.getMessage()
                    + "', but this version of junit-loadtest reads " + MergeableResults.FORMAT + ".", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new LoadTestConfigurationException(PARAMETER + " could not read " + file + " as mergeable results ("
                    + e.getMessage() + "): the file is damaged or truncated.", e);
        }
        if (!run.testClass().equals(testClass.getName())) {
            throw new LoadTestConfigurationException(PARAMETER + " found results of " + run.testClass() + " at "
                    + file + ", not of " + testClass.getName() + ".");
        }
        return run;
    }

    private static Path normalized(Path path) {
        return path.toAbsolutePath().normalize();
    }
}
