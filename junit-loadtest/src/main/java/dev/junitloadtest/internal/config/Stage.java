package dev.junitloadtest.internal.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;

import org.apiguardian.api.API;

/**
 * One stage of a closed-model run: move to {@code users} at {@code spawnRate} users per second, and last
 * {@code duration} in all. An infinite spawn rate jumps at once. Internal.
 */
@API(status = INTERNAL, since = "0.1")
public record Stage(Duration duration, int users, double spawnRate) {

    /** How the stage reads in reports: {@code 30s → 50 users @ 5/s}. */
    public String describe() {
        String rate = Double.isInfinite(spawnRate) ? "at once" : "@ " + LoadModel.rate(spawnRate) + "/s";
        return DurationSyntax.format(duration) + " → " + users + " users " + rate;
    }
}
