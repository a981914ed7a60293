package dev.junitloadtest.internal.merge;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.HdrHistogram.Histogram;
import org.apiguardian.api.API;

import dev.junitloadtest.internal.recording.Histograms;
import dev.junitloadtest.result.ExceptionStats;
import dev.junitloadtest.result.FailureStats;
import dev.junitloadtest.result.Formats;
import dev.junitloadtest.result.GeneratorHealth;
import dev.junitloadtest.result.LatencyDistribution;
import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.result.ResultBuilder;
import dev.junitloadtest.result.RunProfile;
import dev.junitloadtest.result.StopReason;
import dev.junitloadtest.result.TaskStats;

/**
 * Merges shards into the result of the whole, as if one JVM had run it: per request, counts summed and histograms
 * added, so every percentile is that of all samples together; the history rebuilt on the wall clock, in intervals
 * from the earliest shard's start, each holding the shards' intervals whose middle falls in it, with the users of
 * every shard summed; the failures, exceptions and task tables summed by row; each shard's warnings, run failures and
 * stop kept, naming the shard; the generator's health that of the busiest shard, with every shard's problems and a
 * line per shard. Internal.
 */
@API(status = INTERNAL, since = "0.1")
public final class ShardMerge {

    private static final long SECOND = 1_000_000_000L;

    private ShardMerge() {
    }

    /** The whole of {@code sources}, described by {@code profile} (the class's load as configured). */
    public static LoadTestResult merge(ShardSources sources, RunProfile profile) {
        List<ShardRun> runs = sources.runs();
        Instant start = runs.stream().map(ShardRun::startedAt).min(Comparator.naturalOrder()).orElseThrow();
        long endNanos = runs.stream().mapToLong(run -> nanosBetween(start, run.endedAt())).max().orElseThrow();
        ResultBuilder builder = new ResultBuilder(profile, start, Duration.ofNanos(endNanos));
        totals(builder, runs);
        history(builder, runs, start, endNanos);
        tables(builder, runs);
        GeneratorHealth busiest = runs.stream().map(ShardRun::health)
                .max(Comparator.comparingDouble(GeneratorHealth::cpuAverage)).orElseThrow();
        Histogram pauses = Histograms.newHistogram();
        Histogram lag = Histograms.newHistogram();
        Duration gc = Duration.ZERO;
        List<String> problems = new ArrayList<>();
        for (ShardRun run : runs) {
            pauses.add(run.health().pauses().histogram());
            lag.add(run.health().schedulingLag().histogram());
            gc = gc.plus(run.health().gcTime());
            run.health().problems().forEach(problem -> problems.add(run.label() + ": " + problem));
        }
        builder.generatorHealth(new GeneratorHealth(busiest.cores(), busiest.cpuAverage(), busiest.cpuPeak(),
                busiest.saturatedSeconds(), busiest.measuredSeconds(), LatencyDistribution.ofMicros(pauses),
                LatencyDistribution.ofMicros(lag), gc, problems));
        for (ShardRun run : runs) {
            builder.warning(run.title() + " (run " + run.runId() + ", " + Formats.count(run.count())
                    + " requests, from " + run.file() + "): load generator "
                    + (run.health().isMeasured() ? run.health().summary() : "not measured"));
        }
        sources.notes().forEach(builder::warning);
        for (ShardRun run : runs) {
            run.warnings().forEach(warning -> builder.warning(run.title() + ": " + warning));
            run.runFailures().forEach(failure -> builder.runFailure(run.title() + ": " + failure));
        }
        runs.stream().filter(run -> run.stop().isPresent()).findFirst().ifPresent(run -> {
            StopReason stop = run.stop().get();
            builder.stop(new StopReason(stop.kind(), run.label() + " " + stop.description(),
                    stop.threshold()));
        });
        return builder.build();
    }

    private static void totals(ResultBuilder builder, List<ShardRun> runs) {
        Map<String, Sum> sums = new LinkedHashMap<>();
        for (ShardRun run : runs) {
            for (ShardRun.Request request : run.requests()) {
                sums.computeIfAbsent(request.method() + " " + request.name(),
                        key -> new Sum(request.method(), request.name())).add(request.responseTimes(),
                                request.serviceTimes(), request.count(), request.failures(), request.bytes());
            }
        }
        sums.values().forEach(sum -> builder.request(sum.method, sum.name, sum.responseTimes, sum.serviceTimes,
                sum.failures, sum.bytes));
    }

    /**
     * The merged history: intervals of the shards' resolution (one second, or what a long run coarsened to) from the
     * earliest start. A shard interval goes where its middle falls, so shards that started a fraction of a second
     * apart still add up second by second; each shard's users are those at the end of its latest interval so far.
     */
    private static void history(ResultBuilder builder, List<ShardRun> runs, Instant start, long endNanos) {
        long width = runs.stream().mapToLong(ShardMerge::resolution).max().orElse(SECOND);
        int buckets = (int) Math.max(1, (endNanos + width - 1) / width);
        List<Map<String, Sum>> slices = new ArrayList<>();
        int[][] users = new int[buckets][runs.size()];
        for (int i = 0; i < buckets; i++) {
            slices.add(new TreeMap<>());
        }
        for (int shard = 0; shard < runs.size(); shard++) {
            ShardRun run = runs.get(shard);
            long offset = nanosBetween(start, run.startedAt());
            int[] latest = new int[buckets];
            long[] latestEnd = new long[buckets];
            java.util.Arrays.fill(latestEnd, Long.MIN_VALUE);
            for (ShardRun.Interval interval : run.intervals()) {
                long middle = offset + (interval.startNanos() + interval.endNanos()) / 2;
                int bucket = (int) Math.min(buckets - 1, Math.max(0, middle / width));
                if (interval.endNanos() >= latestEnd[bucket]) {
                    latestEnd[bucket] = interval.endNanos();
                    latest[bucket] = interval.users();
                }
                for (ResultBuilder.IntervalRequest request : interval.requests()) {
                    slices.get(bucket).computeIfAbsent(request.name() + "\u0000" + request.method(),
                            key -> new Sum(request.method(), request.name())).add(request);
                }
            }
            // Carried forward from the shard's first interval on: a second without an interval of its own keeps the
            // users the shard had; before its first, it had none.
            int carried = 0;
            for (int bucket = 0; bucket < buckets; bucket++) {
                if (latestEnd[bucket] != Long.MIN_VALUE) {
                    carried = latest[bucket];
                }
                users[bucket][shard] = carried;
            }
        }
        for (int bucket = 0; bucket < buckets; bucket++) {
            for (Sum slice : slices.get(bucket).values()) {
                builder.intervalRequest(slice.method, slice.name, Histograms.compress(slice.responseTimes),
                        slice.separateService ? Histograms.compress(slice.serviceTimes) : null, slice.count,
                        slice.failures, slice.bytes);
            }
            int total = 0;
            for (int count : users[bucket]) {
                total += count;
            }
            long from = bucket * width;
            long to = bucket == buckets - 1 ? endNanos : from + width;
            builder.interval(Duration.ofNanos(from), Duration.ofNanos(Math.max(to, from)), total);
        }
    }

    /** The length of a shard's intervals, in whole seconds: its most common one, the last (cut short) left out. */
    private static long resolution(ShardRun run) {
        Map<Long, Integer> lengths = new TreeMap<>();
        List<ShardRun.Interval> intervals = run.intervals();
        for (int i = 0; i < intervals.size() - 1; i++) {
            long seconds = Math.max(1, Math.round((intervals.get(i).endNanos() - intervals.get(i).startNanos())
                    / (double) SECOND));
            lengths.merge(seconds, 1, Integer::sum);
        }
        return lengths.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(1L)
                * SECOND;
    }

    private static void tables(ResultBuilder builder, List<ShardRun> runs) {
        Map<List<String>, Long> failures = new LinkedHashMap<>();
        Map<List<String>, ExceptionSum> exceptions = new LinkedHashMap<>();
        Map<List<String>, long[]> tasks = new LinkedHashMap<>();
        Map<String, Long> notSent = new TreeMap<>();
        long dropped = 0;
        for (ShardRun run : runs) {
            for (FailureStats failure : run.failures()) {
                failures.merge(List.of(failure.method(), failure.name(), failure.error()), failure.occurrences(),
                        Long::sum);
            }
            for (ExceptionStats exception : run.exceptions()) {
                ExceptionSum sum = exceptions.computeIfAbsent(List.of(exception.message(), exception.traceback()),
                        key -> new ExceptionSum());
                sum.count += exception.count();
                sum.where.addAll(exception.where());
            }
            for (TaskStats task : run.tasks()) {
                long[] counts = tasks.computeIfAbsent(List.of(task.userType(), task.task()), key -> new long[2]);
                counts[0] += task.iterations();
                counts[1] += task.exceptions();
            }
            run.notSent().forEach((reason, count) -> notSent.merge(reason, count, Long::sum));
            dropped += run.droppedIterations();
        }
        failures.forEach((key, occurrences) -> builder.failure(new FailureStats(key.get(0), key.get(1), key.get(2),
                occurrences)));
        exceptions.forEach((key, sum) -> builder.exception(new ExceptionStats(sum.count, key.get(0), key.get(1),
                sum.where)));
        tasks.forEach((key, counts) -> builder.task(new TaskStats(key.get(0), key.get(1), counts[0], counts[1])));
        builder.notSent(notSent);
        builder.droppedIterations(dropped);
    }

    private static long nanosBetween(Instant from, Instant to) {
        return Duration.between(from, to).toNanos();
    }

    /** One request name's figures summed over shards, or over the shard intervals of one merged interval. */
    private static final class Sum {
        final String method;
        final String name;
        final Histogram responseTimes = Histograms.newHistogram();
        final Histogram serviceTimes = Histograms.newHistogram();
        boolean separateService;
        long count;
        long failures;
        long bytes;

        Sum(String method, String name) {
            this.method = method;
            this.name = name;
        }

        /** Adds figures whose service times are {@code service}, or the response times when it is null. */
        void add(Histogram response, Histogram service, long requests, long failed, long sent) {
            responseTimes.add(response);
            separateService |= service != null;
            serviceTimes.add(service != null ? service : response);
            count += requests;
            failures += failed;
            bytes += sent;
        }

        void add(ResultBuilder.IntervalRequest request) {
            add(Histograms.decompress(request.responseTimes()), request.serviceTimes() == null ? null
                    : Histograms.decompress(request.serviceTimes()), request.count(), request.failures(),
                    request.bytes());
        }
    }

    private static final class ExceptionSum {
        long count;
        final Set<String> where = new LinkedHashSet<>();
    }
}
