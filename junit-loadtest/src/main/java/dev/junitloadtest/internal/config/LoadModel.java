package dev.junitloadtest.internal.config;

import static org.apiguardian.api.API.Status.INTERNAL;

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
                        : "spawned at " + Formats.compact(stage.spawnRate()) + "/s";
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
    }

    /** Iterations start at {@code ratePerSecond}, run by at most {@code maxUsers} users, for {@code duration}. */
    record Open(double ratePerSecond, int maxUsers, Duration duration) implements LoadModel {

        @Override
        public String describe() {
            return Formats.compact(ratePerSecond) + " iterations/s, at most " + maxUsers + " users, for "
                    + DurationSyntax.format(duration);
        }
    }
}
