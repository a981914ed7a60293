package dev.junitloadtest.result;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.apiguardian.api.API;

/**
 * {@code Capacity} is what a {@link dev.junitloadtest.CapacitySearch @CapacitySearch} found: how many users the
 * target held within the budgets, at how many requests per second, the table of the steps it judged, and where latency
 * turned (the knee). Immutable.
 *
 * <p>The capacity is the last step that held before the first breach that was confirmed ({@link #held()}); a step
 * that broke a budget but was followed by one that held again is noise, and stays in the table with its breaches.
 *
 * @param outcome how the search ended
 * @param steps the steps judged, in order
 * @param held the last step that held before the first confirmed breach; empty if the first step broke (or none
 *        was judged)
 * @param breach the first step of the confirmed breach; empty if no step broke for good
 * @param knee the first step whose p95 exceeds {@code kneeFactor} times the first step's; empty if none did
 * @param budgets the budgets each step was judged against, as written
 * @param kneeFactor the factor of the knee's definition
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Capacity(Outcome outcome, List<CapacityStep> steps, Optional<CapacityStep> held,
        Optional<CapacityStep> breach, Optional<CapacityStep> knee, List<String> budgets, double kneeFactor) {

    /** Checks that no component is null, and copies the lists. */
    public Capacity {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(held, "held");
        Objects.requireNonNull(breach, "breach");
        Objects.requireNonNull(knee, "knee");
        steps = List.copyOf(steps);
        budgets = List.copyOf(budgets);
    }

    /** The users of the capacity, {@link #held()}: 0 if no step held. */
    public int users() {
        return held.map(CapacityStep::users).orElse(0);
    }

    /**
     * The iterations per second of the capacity, {@link #held()}, in a search of the arrival rate: 0 if no step held
     * or the search stepped users.
     */
    public double arrivalRate() {
        return held.map(step -> step.arrivalRate().orElse(0)).orElse(0.0);
    }

    /** Whether the search stepped the arrival rate (the open model) rather than users. */
    public boolean byArrivalRate() {
        return !steps.isEmpty() && steps.getFirst().arrivalRate().isPresent();
    }

    /** The requests per second of the capacity, {@link #held()}: 0 if no step held. */
    public double requestsPerSecond() {
        return held.map(CapacityStep::requestsPerSecond).orElse(0.0);
    }

    /**
     * The capacity in words, as every output shows it: {@code 40 users (812.4 req/s, p95 43.1 ms, 0.00% failed);
     * 50 users broke a budget, confirmed by the next step}.
     */
    public String describe() {
        String capacity = held.map(step -> step.describeLoad() + " (" + step.figures() + ")").orElse("no step held");
        return capacity + switch (outcome) {
            case LIMIT_FOUND -> "; " + breach.orElseThrow().describeLoad() + " broke a budget, confirmed";
            case LIMIT_UNCONFIRMED -> "; " + breach.orElseThrow().describeLoad() + " broke a budget in the last "
                    + "step(s) the search had, unconfirmed";
            case HELD_TO_MAX -> "; every step held, up to the search's most " + (byArrivalRate() ? "iterations/s"
                    : "users") + ": the capacity is at least that";
            case ENDED_EARLY -> "; the run ended before the search found a limit";
        } + narrowed();
    }

    /** The narrowing in words, if the search narrowed: {@code ; narrowed in 2 steps: the limit lies between ...}. */
    private String narrowed() {
        long narrowing = steps.stream().filter(CapacityStep::narrowing).count();
        if (narrowing == 0) {
            return "";
        }
        String below = held.map(CapacityStep::describeLoad).orElse("0");
        String above = lowestBroken().map(CapacityStep::describeLoad).orElse("?");
        return "; narrowed in " + narrowing + " step(s): the limit lies between " + below + " (held) and " + above
                + " (broke)";
    }

    /**
     * The step with the lowest load that broke a budget above the capacity: the confirmed breach, or a narrowing step
     * below it; empty if no step broke for good.
     */
    public Optional<CapacityStep> lowestBroken() {
        if (breach.isEmpty()) {
            return Optional.empty();
        }
        double floor = held.map(CapacityStep::load).orElse(0.0);
        return steps.stream().filter(s -> !s.held() && s.load() > floor && (s.narrowing() || s.equals(breach.get())))
                .min(java.util.Comparator.comparingDouble(CapacityStep::load));
    }

    /** How a capacity search ended. */
    @API(status = EXPERIMENTAL, since = "0.1")
    public enum Outcome {

        /** A step broke a budget, and the steps that confirm a breach broke one too. */
        LIMIT_FOUND,

        /** A step broke a budget in the last steps the search had, with too few steps left to confirm it. */
        LIMIT_UNCONFIRMED,

        /** Every step held, up to the search's most users: the capacity is at least the last step's. */
        HELD_TO_MAX,

        /** The run stopped (an abort, an interruption) before the search could decide. */
        ENDED_EARLY
    }
}
