package dev.junitloadtest.internal.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * The rule that ends a capacity search: a breach ends it only once the steps after it confirm it; a breach followed by
 * a step that held is noise. The same rule decides while the run goes (on the steps judged so far) and on its result.
 */
class SearchRuleTests {

    private static final boolean HELD = false;
    private static final boolean BROKE = true;

    @Test
    void aBreachEndsTheSearchOnceTheNextStepConfirmsIt() {
        SearchRule rule = new SearchRule(10, 1);
        assertThat(rule.decide(List.of(HELD, HELD, BROKE))).as("waiting for the next step").isEmpty();
        assertThat(rule.decide(List.of(HELD, HELD, BROKE, BROKE))).contains(new SearchRule.Decision(2, true));
    }

    @Test
    void aBreachFollowedByAStepThatHeldIsNoise() {
        SearchRule rule = new SearchRule(10, 1);
        assertThat(rule.decide(List.of(HELD, BROKE, HELD))).isEmpty();
        assertThat(rule.decide(List.of(HELD, BROKE, HELD, BROKE, BROKE))).contains(new SearchRule.Decision(3, true));
    }

    @Test
    void moreConfirmationsWaitForMoreSteps() {
        SearchRule rule = new SearchRule(10, 2);
        assertThat(rule.decide(List.of(HELD, BROKE, BROKE))).isEmpty();
        assertThat(rule.decide(List.of(HELD, BROKE, BROKE, HELD))).isEmpty();
        assertThat(rule.decide(List.of(HELD, BROKE, BROKE, BROKE))).contains(new SearchRule.Decision(1, true));
        assertThat(new SearchRule(10, 0).decide(List.of(HELD, BROKE))).contains(new SearchRule.Decision(1, true));
    }

    @Test
    void aBreachInTheLastStepsEndsTheSearchUnconfirmedOnceNoStepIsLeft() {
        SearchRule rule = new SearchRule(4, 1);
        assertThat(rule.decide(List.of(HELD, HELD, HELD, BROKE))).contains(new SearchRule.Decision(3, false));
        assertThat(rule.decide(List.of(HELD, HELD, HELD, HELD))).isEqualTo(Optional.empty());
        assertThat(new SearchRule(4, 3).decide(List.of(HELD, HELD, BROKE))).isEmpty();
        assertThat(new SearchRule(4, 3).decide(List.of(HELD, HELD, BROKE, BROKE)))
                .contains(new SearchRule.Decision(2, false));
    }
}
