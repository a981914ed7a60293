package dev.junitloadtest.config;

import static dev.junitloadtest.EngineRuns.configurationError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.junitloadtest.ArrivalRate;
import dev.junitloadtest.CapacitySearch;
import dev.junitloadtest.LoadTest;
import dev.junitloadtest.Task;
import dev.junitloadtest.Users;
import dev.junitloadtest.internal.config.ConfigurationParameters;
import dev.junitloadtest.internal.config.LoadProfile;
import dev.junitloadtest.internal.config.ProfileReader;
import dev.junitloadtest.internal.config.Shard;

/**
 * Bad shard settings fail the class before any user starts, naming the key, the value and the rule; good ones give the
 * shard's part of the load.
 */
class ShardConfigurationTests {

    @ParameterizedTest
    @ValueSource(strings = {"3/3", "abc", "0/0", "-1/3", "1", "1/2/3", "4/3"})
    void aShardOutsideItsCountOrNotWrittenIOverN(String value) {
        assertThat(configurationError(UsersTestCase.class, Map.of("loadtest.shard", value))).isEqualTo(
                "Configuration parameter `loadtest.shard` requires I/N with 0 <= I < N (such as 0/3, the first of 3 "
                        + "shards), but was '" + value + "'.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "abc", "-2"})
    void aNumberOfShardsBelowOne(String value) {
        assertThat(configurationError(UsersTestCase.class, Map.of("loadtest.shards", value))).isEqualTo(
                "Configuration parameter `loadtest.shards` requires a whole number >= 1, but was '" + value + "'.");
    }

    @Test
    void aNumberOfShardsWithoutTheIndexVariable() {
        assumeTrue(System.getenv("JOB_COMPLETION_INDEX") == null, "this JVM runs as a Kubernetes Indexed Job's pod");
        assertThat(configurationError(UsersTestCase.class, Map.of("loadtest.shards", "3"))).isEqualTo(
                "Configuration parameter `loadtest.shards` (3) takes the shard's index from the environment variable "
                        + "JOB_COMPLETION_INDEX, as a Kubernetes Indexed Job sets it, but it is not set; set it, or "
                        + "give the shard as `loadtest.shard=I/N`.");
    }

    @Test
    void theIndexComesFromJobCompletionIndex() {
        Map<String, String> environment = new HashMap<>(Map.of("JOB_COMPLETION_INDEX", "2"));
        ConfigurationParameters shards = key -> key.equals("loadtest.shards") ? java.util.Optional.of("3")
                : java.util.Optional.empty();
        LoadProfile profile = new ProfileReader(UsersTestCase.class, shards, environment::get).read();
        assertThat(profile.shard()).isEqualTo(new Shard(2, 3));
        assertThat(profile.describeModel()).isEqualTo("shard 2/3: 3 of 10 users; 3 users started at once for 1s");

        for (String bad : new String[] {"3", "abc", "-1"}) {
            environment.put("JOB_COMPLETION_INDEX", bad);
            assertThatThrownBy(() -> new ProfileReader(UsersTestCase.class, shards, environment::get).read())
                    .hasMessage("Environment variable `JOB_COMPLETION_INDEX` requires a shard index from 0 to 2 "
                            + "(`loadtest.shards` is 3), but was '" + bad + "'.");
        }
    }

    @Test
    void bothWaysOfGivingTheShard() {
        assertThat(configurationError(UsersTestCase.class, Map.of("loadtest.shard", "0/3", "loadtest.shards", "3")))
                .isEqualTo("Configuration parameters `loadtest.shard` (0/3) and `loadtest.shards` (3) both say which "
                        + "shard runs; give one.");
    }

    @Test
    void aCapacitySearchIsNotSharded() {
        assertThat(configurationError(CapacityTestCase.class, Map.of("loadtest.shard", "1/3"))).isEqualTo(
                "@CapacitySearch cannot run sharded (`loadtest.shard=1/3`): it judges each step on the whole load "
                        + "while it runs, and a shard sees only its part. Run the search in one JVM, or shard "
                        + "@RampStage stages and merge the shards' results.");
    }

    @Test
    void anArrivalRateWhoseMaxUsersLeavesAShardNone() {
        assertThat(configurationError(OpenTestCase.class, Map.of("loadtest.shard", "2/3"))).isEqualTo(
                "@ArrivalRate `maxUsers` (2) leaves shard 2/3 no user: each shard may run its share of maxUsers, "
                        + "maxUsers / N plus one for the first maxUsers % N shards. Set maxUsers >= 3 or run fewer "
                        + "shards.");
    }

    @Test
    void aCommonStartThatIsNotAnInstantOrTooFarAhead() {
        assertThat(configurationError(UsersTestCase.class, Map.of("loadtest.shard.start", "tomorrow"))).isEqualTo(
                "Configuration parameter `loadtest.shard.start` requires an ISO-8601 instant such as "
                        + "2026-01-31T14:05:00Z, but was 'tomorrow'.");
        String later = Instant.now().plus(11, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString();
        assertThat(configurationError(UsersTestCase.class, Map.of("loadtest.shard.start", later))).isEqualTo(
                "Configuration parameter `loadtest.shard.start` requires an instant at most 10m from now, but was '"
                        + later + "': a start that far ahead is most likely a mistake, and would hold the run until "
                        + "then.");
    }

    @LoadTest(duration = "1s")
    @Users(count = 10)
    static class UsersTestCase {
        @Task
        void work() {
        }
    }

    @LoadTest
    @CapacitySearch(startUsers = 2, step = 2, maxUsers = 4, stepDuration = "4s", budgets = "p95 < 1s")
    static class CapacityTestCase {
        @Task
        void work() {
        }
    }

    @LoadTest(duration = "1s")
    @ArrivalRate(value = 5, maxUsers = 2)
    static class OpenTestCase {
        @Task
        void work() {
        }
    }
}
