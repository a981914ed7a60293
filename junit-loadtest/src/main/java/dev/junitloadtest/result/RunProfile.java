package dev.junitloadtest.result;

import static org.apiguardian.api.API.Status.STABLE;

import java.time.Duration;
import java.util.List;

import org.apiguardian.api.API;

/**
 * {@code RunProfile} describes the load a run was configured to put on the target, after every override: shown in
 * reports so a result can be read without its source code.
 *
 * @param testName the load test's name
 * @param loadModel the load model in words, e.g. {@code 200 users spawned at 10/s for 2m}
 * @param userTypes the user types
 * @param duration how long users were to run (the stop phase excluded)
 * @param stopTimeout how long in-flight tasks could finish at the end
 * @param host the base URI of relative paths, or empty
 * @param hostSource where the host came from
 * @param seed the seed of the run's random choices
 * @param stages the stages of a closed-model run, in order; empty for the open model
 */
@API(status = STABLE, since = "0.1")
public record RunProfile(String testName, String loadModel, List<UserTypeInfo> userTypes, Duration duration,
        Duration stopTimeout, String host, String hostSource, long seed, List<StageInfo> stages) {

    /** Copies the lists. */
    public RunProfile {
        userTypes = List.copyOf(userTypes);
        stages = List.copyOf(stages);
    }

    /**
     * One user type of the run.
     *
     * @param name the class's simple name
     * @param weight its share of the weighted users
     * @param fixedCount its fixed number of users, 0 when weighted
     * @param waitTime what its users do between tasks, in words
     * @param tasks its tasks as {@code name (weight)}
     */
    @API(status = STABLE, since = "0.1")
    public record UserTypeInfo(String name, int weight, int fixedCount, String waitTime, List<String> tasks) {

        /** Copies the tasks. */
        public UserTypeInfo {
            tasks = List.copyOf(tasks);
        }
    }

    /**
     * One stage of a closed-model run.
     *
     * @param number the stage's number, from 1
     * @param start when it starts, from the run's start
     * @param end when it ends
     * @param users the number of users it moves to
     * @param spawnRate users per second on the way there (infinite: at once)
     */
    @API(status = STABLE, since = "0.1")
    public record StageInfo(int number, Duration start, Duration end, int users, double spawnRate) {
    }
}
