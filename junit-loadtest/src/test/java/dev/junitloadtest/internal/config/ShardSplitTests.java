package dev.junitloadtest.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** The arithmetic of splitting a load into shards: every split quantity adds up over the shards to the whole. */
class ShardSplitTests {

    private static final int[] TOTALS = IntStream.rangeClosed(0, 250).toArray();
    private static final int[] COUNTS = {1, 2, 3, 4, 5, 7, 8, 10, 16, 33, 100};

    @Test
    void sharesAddUpToTheTotalAndDifferByAtMostOne() {
        for (int total : TOTALS) {
            for (int count : COUNTS) {
                List<Integer> shares = shards(count).stream().map(shard -> shard.share(total)).toList();
                assertThat(shares.stream().mapToInt(Integer::intValue).sum()).as("%d in %d", total, count)
                        .isEqualTo(total);
                assertThat(shares.getFirst() - shares.getLast()).as("%d in %d", total, count).isBetween(0, 1);
            }
        }
    }

    @Test
    void aShareIsTheShardsEveryNthUnitAndItsBlockFollowsThePreviousOnes() {
        for (int total : TOTALS) {
            for (int count : COUNTS) {
                int next = 0;
                for (Shard shard : shards(count)) {
                    long strided = IntStream.range(0, total).filter(unit -> unit % count == shard.index()).count();
                    assertThat(shard.share(total)).isEqualTo(strided);
                    assertThat(shard.blockStart(total)).as("%d in %s", total, shard).isEqualTo(next);
                    next += shard.share(total);
                }
                assertThat(next).isEqualTo(total);
            }
        }
    }

    @Test
    void tenUsersInThreeShards() {
        assertThat(shards(3)).extracting(shard -> shard.share(10)).containsExactly(4, 3, 3);
        assertThat(shards(3)).extracting(shard -> shard.blockStart(10)).containsExactly(0, 4, 7);
        assertThat(shards(4)).extracting(shard -> shard.share(2)).containsExactly(1, 1, 0, 0);
    }

    @Test
    void stagesSplitUserByUserAndSpawnRatesByTheShareOfEachChange() {
        List<Stage> whole = List.of(new Stage(Duration.ofSeconds(30), 50, 5), new Stage(Duration.ofMinutes(2), 50, 5),
                new Stage(Duration.ofSeconds(30), 137, 7.5), new Stage(Duration.ofSeconds(10), 3, 2),
                new Stage(Duration.ofSeconds(10), 12, Double.POSITIVE_INFINITY), new Stage(Duration.ofSeconds(20), 0, 4));
        for (int count : COUNTS) {
            List<List<Stage>> parts = shards(count).stream().map(shard -> ShardSplit.stages(whole, shard)).toList();
            for (int s = 0; s < whole.size(); s++) {
                int stage = s;
                assertThat(parts.stream().mapToInt(part -> part.get(stage).users()).sum()).isEqualTo(
                        whole.get(stage).users());
                assertThat(parts).allSatisfy(part -> assertThat(part.get(stage).duration())
                        .isEqualTo(whole.get(stage).duration()));
                double rates = parts.stream().mapToDouble(part -> part.get(stage).spawnRate()).sum();
                if (Double.isInfinite(whole.get(stage).spawnRate())) {
                    assertThat(parts).allSatisfy(part -> assertThat(part.get(stage).spawnRate()).isInfinite());
                } else if (whole.get(stage).users() != (stage == 0 ? 0 : whole.get(stage - 1).users())) {
                    assertThat(rates).as("stage %d in %d", stage + 1, count)
                            .isCloseTo(whole.get(stage).spawnRate(), within(count * 1e-9));
                }
            }
        }
    }

    @Test
    void everyShardRampsForAsLongAsTheWhole() {
        // 137 - 50 = 87 users at 7.5/s is 11.6 s; shard 0 of 4 adds 22 of them at 7.5 * 22 / 87 per second.
        Shard first = new Shard(0, 4);
        double rate = ShardSplit.spawnRate(7.5, 50, 137, first);
        assertThat((first.share(137) - first.share(50)) / rate).isCloseTo(87 / 7.5, within(1e-9));
        assertThat(ShardSplit.spawnRate(7.5, 50, 50, first)).isEqualTo(7.5);
        // 3 of 10 users at 3/s: 0.9/s, and it reads so.
        LoadModel.Closed whole = new LoadModel.Closed(List.of(new Stage(Duration.ofSeconds(5), 10, 3)));
        assertThat(ShardSplit.split(whole, new Shard(1, 3)).describe()).isEqualTo("3 users spawned at 0.9/s for 5s");
        assertThat(new LoadModel.Open(1234.5, 10, Duration.ofSeconds(1)).describe())
                .isEqualTo("1234.5 iterations/s, at most 10 users, for 1s");
    }

    @Test
    void anOpenModelSplitsItsRateEvenlyAndItsMaxUsersByShare() {
        LoadModel.Open whole = new LoadModel.Open(10, 100, Duration.ofMinutes(1));
        List<LoadModel.Open> parts = shards(3).stream().map(shard -> (LoadModel.Open) ShardSplit.split(whole, shard))
                .toList();
        assertThat(parts).extracting(LoadModel.Open::maxUsers).containsExactly(34, 33, 33);
        assertThat(parts.stream().mapToDouble(LoadModel.Open::ratePerSecond).sum()).isCloseTo(10, within(1e-12));
        assertThat(ShardSplit.describe(whole, parts.get(1), new Shard(1, 3)))
                .isEqualTo("shard 1/3: 3.333 of 10 iterations/s, at most 33 of 100 users");
    }

    @Test
    void theWholeIsNotSplit() {
        LoadModel.Closed whole = new LoadModel.Closed(List.of(new Stage(Duration.ofSeconds(1), 10, 2)));
        assertThat(ShardSplit.split(whole, Shard.whole())).isSameAs(whole);
        assertThat(Shard.whole()).hasToString("0/1").matches(Shard::isWhole);
        assertThat(ShardSplit.describe(whole, whole, Shard.whole())).isEmpty();
        assertThat(ShardSplit.describe(whole, ShardSplit.split(whole, new Shard(2, 3)), new Shard(2, 3)))
                .isEqualTo("shard 2/3: 3 of 10 users");
    }

    @Test
    void aShardIsWithinItsCount() {
        assertThatThrownBy(() -> new Shard(3, 3)).hasMessage("A shard is I/N with 0 <= I < N, but was 3/3");
        assertThatThrownBy(() -> new Shard(0, 0)).hasMessage("A shard is I/N with 0 <= I < N, but was 0/0");
        assertThatThrownBy(() -> new Shard(-1, 2)).hasMessage("A shard is I/N with 0 <= I < N, but was -1/2");
    }

    @Test
    void aShardReadsBackAsItIsWritten() {
        // The mergeable results write a shard as toString() and read it back with parse(), as loadtest.shard is read.
        for (int count : COUNTS) {
            assertThat(shards(count)).allSatisfy(shard -> assertThat(Shard.parse(shard.toString())).contains(shard));
        }
        assertThat(List.of("3/3", "abc", "0/0", "-1/3", "1", "1/2/3", " 0/3", "0/"))
                .allSatisfy(text -> assertThat(Shard.parse(text)).as(text).isEmpty());
    }

    static List<Shard> shards(int count) {
        List<Shard> shards = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            shards.add(new Shard(index, count));
        }
        return shards;
    }
}
