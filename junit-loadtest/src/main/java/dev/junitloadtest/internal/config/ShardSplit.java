package dev.junitloadtest.internal.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayList;
import java.util.List;

import org.apiguardian.api.API;

/**
 * Splits a load model into one shard's part, so that the parts of all shards add up exactly to the whole. Internal.
 *
 * <ul>
 * <li>Users (of {@code @Users}, of each stage): shard I runs users I+1, I+1+N, I+1+2N... of the whole, so its count is
 * {@link Shard#share(int)} of the whole's; the user types of these users are the whole's (the engine draws the whole's
 * sequence of types and keeps every N-th), so each type's counts add up too.</li>
 * <li>Spawn rates: each shard spawns at the whole's rate times its share of the stage's change of users, so every
 * shard ends its ramp when the whole would, and the rates add up to the whole's.</li>
 * <li>Arrival rate: shard I starts iterations I, I+N, I+2N... of the whole's schedule: rate/N each, offset by I/rate,
 * so the iterations of all shards are exactly the whole's.</li>
 * <li>{@code maxUsers}: {@link Shard#share(int)}.</li>
 * </ul>
 */
@API(status = INTERNAL, since = "0.1")
public final class ShardSplit {

    private ShardSplit() {
    }

    /** {@code shard}'s part of {@code whole}; {@code whole} itself for the whole shard. */
    public static LoadModel split(LoadModel whole, Shard shard) {
        if (shard.isWhole()) {
            return whole;
        }
        return switch (whole) {
            case LoadModel.Closed closed -> new LoadModel.Closed(stages(closed.stages(), shard), closed.search());
            case LoadModel.Open open -> new LoadModel.Open(open.ratePerSecond() / shard.count(),
                    shard.share(open.maxUsers()), open.duration());
            // Refused before any run (a Locust master decides each worker's users): nothing to split.
            case LoadModel.Controlled controlled -> controlled;
        };
    }

    /** Each stage's users split, and its spawn rate in proportion to the shard's part of the stage's change. */
    static List<Stage> stages(List<Stage> whole, Shard shard) {
        List<Stage> part = new ArrayList<>();
        int previous = 0;
        for (Stage stage : whole) {
            part.add(new Stage(stage.duration(), shard.share(stage.users()),
                    spawnRate(stage.spawnRate(), previous, stage.users(), shard)));
            previous = stage.users();
        }
        return part;
    }

    /**
     * The shard's spawn rate for a move of the whole from {@code from} to {@code to} users at {@code rate}: the rate
     * times the shard's part of the change. A shard's share never falls as the total rises, so the shards' changes
     * all go the same way and add up to the whole's: so do their rates.
     */
    static double spawnRate(double rate, int from, int to, Shard shard) {
        int change = Math.abs(to - from);
        if (Double.isInfinite(rate) || change == 0) {
            return rate;
        }
        // To a billionth of a user per second, so that 3/10 of 3/s reads 0.9 rather than 0.8999999999999999.
        return Math.rint(rate * Math.abs(shard.share(to) - shard.share(from)) / change * 1e9) / 1e9;
    }

    /**
     * What a shard runs, said against the whole for reports: {@code shard 1/3: 4 of 10 users}, or for the open
     * model {@code shard 1/3: 3.333 of 10 iterations/s, at most 34 of 100 users}; empty for the whole.
     */
    public static String describe(LoadModel whole, LoadModel part, Shard shard) {
        if (shard.isWhole()) {
            return "";
        }
        return switch (part) {
            case LoadModel.Closed closed -> {
                int users = closed.peakUsers();
                yield "shard " + shard + ": " + users + " of " + ((LoadModel.Closed) whole).peakUsers() + " users"
                        + (users == 0 ? ", so this shard runs no load" : "");
            }
            case LoadModel.Open open -> "shard " + shard + ": " + LoadModel.rate(open.ratePerSecond()) + " of "
                    + LoadModel.rate(((LoadModel.Open) whole).ratePerSecond()) + " iterations/s, at most "
                    + open.maxUsers() + " of " + ((LoadModel.Open) whole).maxUsers() + " users";
            case LoadModel.Controlled controlled -> "shard " + shard + ": " + controlled.describe();
        };
    }

    /** Whether {@code part} runs no user at all: a shard whose share of every stage is 0. */
    public static boolean runsNoLoad(LoadModel part) {
        return part instanceof LoadModel.Closed closed && closed.peakUsers() == 0;
    }
}
