package dev.junitloadtest.internal.capacity;

import java.util.List;
import java.util.Optional;

/**
 * Where a capacity search ends, decided from the verdicts of the steps judged so far, the same way while it runs and
 * on its result: at the first step that broke a budget when the {@code confirmations} steps after it broke one too.
 * A breach followed by a step that held is noise, and the search goes on. A breach too close to the last planned
 * step to be confirmed ends the search unconfirmed once every planned step was judged. Internal.
 */
final class SearchRule {

    /** The search ends at step {@code index} (from 0), confirmed or not. */
    record Decision(int index, boolean confirmed) {
    }

    private final int plannedSteps;
    private final int confirmations;

    SearchRule(int plannedSteps, int confirmations) {
        this.plannedSteps = plannedSteps;
        this.confirmations = confirmations;
    }

    /** The decision on {@code broke}, whether each step judged so far broke a budget; empty while none is due. */
    Optional<Decision> decide(List<Boolean> broke) {
        int judged = broke.size();
        for (int i = 0; i < judged; i++) {
            if (!broke.get(i)) {
                continue;
            }
            int lastConfirming = i + confirmations;
            boolean clearedAsNoise = broke.subList(i + 1, Math.min(lastConfirming + 1, judged)).contains(false);
            if (clearedAsNoise) {
                continue;
            }
            if (lastConfirming < judged) {
                return Optional.of(new Decision(i, true));
            }
            // Every step after it broke too, but not enough of them were judged yet: wait, unless none is to come.
            return judged == plannedSteps ? Optional.of(new Decision(i, false)) : Optional.empty();
        }
        return Optional.empty();
    }
}
