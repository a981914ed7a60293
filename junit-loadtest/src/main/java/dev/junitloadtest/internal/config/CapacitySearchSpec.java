package dev.junitloadtest.internal.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apiguardian.api.API;

/**
 * A validated {@code @CapacitySearch}: the steps it runs and how it judges them. The budgets are kept as written;
 * the capacity search parses them with the thresholds' parser. Immutable. Internal.
 *
 * @param startUsers users of the first step, {@code >= 1}
 * @param step users added at each step, {@code >= 1}
 * @param maxUsers the most users a step may run, {@code >= startUsers}
 * @param stepDuration how long each step lasts, whole seconds
 * @param warmUp the share of each step left out before judging it, in [0, 1)
 * @param budgets the budgets each step's steady part must meet, as written, at least one
 * @param confirmations how many following steps must break a budget too before a breach ends the search
 * @param kneeFactor the knee is the first step whose p95 exceeds this many times the first step's
 */
@API(status = INTERNAL, since = "0.1")
public record CapacitySearchSpec(int startUsers, int step, int maxUsers, Duration stepDuration, double warmUp,
        List<String> budgets, int confirmations, double kneeFactor) {

    /** Copies the budgets. */
    public CapacitySearchSpec {
        budgets = List.copyOf(budgets);
    }

    /** The users of each step, in order: from {@code startUsers} by {@code step}, none above {@code maxUsers}. */
    public List<Integer> stepUsers() {
        List<Integer> users = new ArrayList<>();
        for (long n = startUsers; n <= maxUsers; n += step) {
            users.add((int) n);
        }
        return users;
    }

    /** The steps as stages of a closed-model run: each moves to its users at once and lasts {@code stepDuration}. */
    public List<Stage> stages() {
        return stepUsers().stream().map(users -> new Stage(stepDuration, users, Double.POSITIVE_INFINITY)).toList();
    }

    /** How much of each step is left out before judging it: the warm-up share, rounded up to whole seconds. */
    public Duration warmUpDuration() {
        return warmUpDuration(stepDuration, warmUp);
    }

    static Duration warmUpDuration(Duration stepDuration, double warmUp) {
        return Duration.ofSeconds((long) Math.ceil(warmUp * stepDuration.toSeconds() - 1e-9));
    }

    /** One line for reports: {@code capacity search: 10 to 500 users, +10 every 30s}. */
    public String describe() {
        List<Integer> users = stepUsers();
        return "capacity search: " + startUsers + " to " + users.getLast() + " users, +" + step + " every "
                + DurationSyntax.format(stepDuration);
    }
}
