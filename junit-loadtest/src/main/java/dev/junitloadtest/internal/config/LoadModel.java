package dev.junitloadtest.internal.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apiguardian.api.API;
import dev.junitloadtest.result.Formats;

/** How many virtual users run, and when: the closed model (users, stages) or the open one (arrival rate). Internal. */
@API(status = INTERNAL, since = "0.1")
public sealed interface LoadModel {

    /** How long users are kept running, stop phase excluded. */
    Duration duration();

    /** One line for reports. */
    String describe();

    /**
     * A rate as reports show it: with 3 decimals kept, to 4 significant digits at least, so a third of 20 reads 6.667
     * and 1,234.5 stays 1234.5.
     */
    static String rate(double perSecond) {
        if (Double.isInfinite(perSecond) || Double.isNaN(perSecond) || perSecond == 0) {
            return Formats.compact(perSecond);
        }
        int integerDigits = (int) Math.floor(Math.log10(Math.abs(perSecond))) + 1;
        return Formats.compact(new BigDecimal(perSecond).round(new MathContext(Math.max(4, integerDigits + 3)))
                .doubleValue());
    }

    /**
     * Users loop task, wait, task...; their number follows the stages. A constant {@code @Users} is one stage; a
     * capacity search runs its steps as stages, and its {@code search} says how to judge them.
     */
    record Closed(List<Stage> stages, Optional<CapacitySearchSpec> search) implements LoadModel {

        /** Copies the stages. */
        public Closed {
            stages = List.copyOf(stages);
        }

        /** Stages without a capacity search. */
        public Closed(List<Stage> stages) {
            this(stages, Optional.empty());
        }

        /** The steps of {@code search} as stages. */
        public static Closed searching(CapacitySearchSpec search) {
            return new Closed(search.stages(), Optional.of(search));
        }

        @Override
        public Duration duration() {
            return stages.stream().map(Stage::duration).reduce(Duration.ZERO, Duration::plus);
        }

        /** The largest number of users any stage moves to. */
        public int peakUsers() {
            return stages.stream().mapToInt(Stage::users).max().orElse(0);
        }

        @Override
        public String describe() {
            if (search.isPresent()) {
                return search.get().describe();
            }
            if (stages.size() == 1) {
                Stage stage = stages.getFirst();
                String rate = Double.isInfinite(stage.spawnRate()) ? "started at once"
                        : "spawned at " + rate(stage.spawnRate()) + "/s";
                return stage.users() + " users " + rate + " for " + DurationSyntax.format(stage.duration());
            }
            return "stages: " + stages.stream().map(Stage::describe).collect(Collectors.joining(", "));
        }
    }

    /**
     * The users are set from outside the run, as a Locust master sets its workers', for as long as it says; nothing
     * is planned, so the duration is zero.
     *
     * @param describe by what, for reports: {@code users set by the Locust master at 127.0.0.1:5557}
     */
    record Controlled(String describe) implements LoadModel {

        @Override
        public Duration duration() {
            return Duration.ZERO;
        }

        @Override
        public Optional<CapacitySearchSpec> search() {
            return Optional.empty();
        }
    }

    /**
     * Iterations start at {@code ratePerSecond}, run by at most {@code maxUsers} users, for {@code duration}. A
     * capacity search of the arrival rate runs its steps instead, each at its own rate: then {@code ratePerSecond} is
     * its highest planned rate and {@code search} says how to judge them.
     */
    record Open(double ratePerSecond, int maxUsers, Duration duration, Optional<CapacitySearchSpec> search)
            implements LoadModel {

        /** A constant rate, without a capacity search. */
        public Open(double ratePerSecond, int maxUsers, Duration duration) {
            this(ratePerSecond, maxUsers, duration, Optional.empty());
        }

        /** The steps of {@code search}, a search of the arrival rate. */
        public static Open searching(CapacitySearchSpec search) {
            return new Open(search.levels().getLast(), search.maxUsers(), search.mostDuration(), Optional.of(search));
        }

        @Override
        public String describe() {
            return search.map(CapacitySearchSpec::describe).orElseGet(() -> rate(ratePerSecond)
                    + " iterations/s, at most " + maxUsers + " users, for " + DurationSyntax.format(duration));
        }
    }

    /** The capacity search this model runs, if any. */
    Optional<CapacitySearchSpec> search();
}
