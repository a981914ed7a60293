package dev.junitloadtest.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.junitloadtest.internal.config.Shard;
import dev.junitloadtest.internal.config.UserTypeSpec;
import dev.junitloadtest.internal.config.WaitStrategy;

/** Shards draw the whole's sequence of user types, so each type's users add up across shards to the whole's. */
class UserTypeMixTests {

    private static final UserTypeSpec ADMIN = type(Admin.class, 1, 2);
    private static final UserTypeSpec SHOPPER = type(Shopper.class, 3, 0);
    private static final UserTypeSpec BROWSER = type(Browser.class, 2, 0);
    private static final List<UserTypeSpec> TYPES = List.of(ADMIN, SHOPPER, BROWSER);

    @Test
    void theShardsUsersOfEachTypeAddUpToTheWholes() {
        for (int total = 0; total <= 120; total++) {
            Map<String, Integer> whole = counts(TYPES, Shard.whole(), total);
            for (int count : new int[] {2, 3, 4, 7, 10}) {
                Map<String, Integer> summed = new HashMap<>();
                for (int index = 0; index < count; index++) {
                    Shard shard = new Shard(index, count);
                    counts(TYPES, shard, shard.share(total)).forEach((type, n) -> summed.merge(type, n, Integer::sum));
                }
                assertThat(summed).as("%d users in %d shards", total, count).isEqualTo(whole);
            }
        }
    }

    @Test
    void usersBackAfterARampDownTakeTheTypesOfThoseThatLeft() {
        // 3:2, five users: S B S B S. Down to two, then up to five again: the same five, still at the weights.
        UserTypeMix mix = new UserTypeMix(List.of(SHOPPER, BROWSER), Shard.whole());
        List<UserTypeSpec> running = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            running.add(mix.next());
        }
        List<UserTypeSpec> first = List.copyOf(running);
        while (running.size() > 2) {
            mix.returned(running.removeLast());
        }
        while (running.size() < 5) {
            running.add(mix.next());
        }
        assertThat(running).containsExactlyElementsOf(first);
        assertThat(first).containsExactly(SHOPPER, BROWSER, SHOPPER, BROWSER, SHOPPER);
    }

    private static Map<String, Integer> counts(List<UserTypeSpec> types, Shard shard, int users) {
        UserTypeMix mix = new UserTypeMix(types, shard);
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < users; i++) {
            counts.merge(mix.next().name(), 1, Integer::sum);
        }
        return counts;
    }

    private static UserTypeSpec type(Class<?> type, int weight, int fixedCount) {
        return new UserTypeSpec(type, null, weight, fixedCount, List.of(), List.of(), List.of(),
                new WaitStrategy.None());
    }

    static class Admin {
    }

    static class Shopper {
    }

    static class Browser {
    }
}
