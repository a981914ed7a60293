package dev.junitloadtest.internal.threshold;

import static org.junit.platform.commons.support.AnnotationSupport.findRepeatableAnnotations;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.junitloadtest.Threshold;
import dev.junitloadtest.internal.config.DurationSyntax;
import dev.junitloadtest.internal.config.LoadModel;
import dev.junitloadtest.internal.config.LoadProfile;
import dev.junitloadtest.internal.config.LoadTestConfigurationException;

/**
 * Reads the {@link Threshold @Threshold} annotations of a load test class (inherited and composed ones too) into
 * validated {@link ThresholdSpec}s, checking windows against the run's validated profile, or fails with a
 * {@link LoadTestConfigurationException} naming the attribute, the value and the rule. Internal.
 */
final class ThresholdReader {

    /** How long a breach that might still mend lasts before it stops a run, when {@code abortGrace} is not set. */
    static final Duration DEFAULT_ABORT_GRACE = Duration.ofSeconds(10);

    private final Class<?> testClass;
    private final LoadProfile profile;

    ThresholdReader(Class<?> testClass, LoadProfile profile) {
        this.testClass = testClass;
        this.profile = profile;
    }

    List<ThresholdSpec> read() {
        List<ThresholdSpec> specs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Threshold threshold : findRepeatableAnnotations(testClass, Threshold.class)) {
            ThresholdSpec spec = spec(threshold);
            String name = spec.displayName(spec.request());
            if (!names.add(name)) {
                throw new LoadTestConfigurationException("@Threshold '" + name + "' is declared twice on "
                        + testClass.getSimpleName() + "; remove one.");
            }
            specs.add(spec);
        }
        return specs;
    }

    private ThresholdSpec spec(Threshold threshold) {
        Expression expression = ExpressionParser.parse(threshold.value().strip());
        String on = " (on '" + expression.text() + "')";
        Scope scope = Scope.parse(threshold.request());
        Window window = window(threshold, on);
        Metric.Kind kind = expression.metric().kind();
        boolean misplaced = !(scope instanceof Scope.All) && !kind.perRequest()
                || !(window instanceof Window.Whole) && !kind.windowable()
                || threshold.abortOnFail() && !kind.mayStopRun();
        if (misplaced && kind.ofGenerator()) {
            // The generator's health is one set of figures for the whole run, known when it ends.
            throw new LoadTestConfigurationException("@Threshold '" + expression.text() + "' is about the load "
                    + "generator over the whole run: it takes no `request`, no window (`stage`, `lastStage`, "
                    + "`from`) and no `abortOnFail`.");
        }
        if (kind.ofCapacity()) {
            if (misplaced) {
                throw new LoadTestConfigurationException("@Threshold '" + expression.text() + "' is about the "
                        + "capacity the search found over the whole run: it takes no `request`, no window (`stage`, "
                        + "`lastStage`, `from`) and no `abortOnFail`.");
            }
            if (profile.model().search().isEmpty()) {
                throw new LoadTestConfigurationException("@Threshold '" + expression.text() + "' needs a "
                        + "@CapacitySearch, but " + profile.testName() + " runs " + profile.model().describe()
                        + "; declare @CapacitySearch, or remove the threshold.");
            }
            if (kind == Metric.Kind.CAPACITY_USERS && profile.model() instanceof LoadModel.Open) {
                throw new LoadTestConfigurationException("@Threshold '" + expression.text() + "' needs a "
                        + "@CapacitySearch of users, but " + profile.testName() + " runs a "
                        + profile.model().describe() + ", whose capacity is a rate; put a floor under it with "
                        + "capacity_rps.");
            }
        }
        if (!(window instanceof Window.Whole) && !kind.windowable()) {
            throw new LoadTestConfigurationException("@Threshold '" + expression.text() + "' cannot be judged "
                    + window.phrase().strip() + ": service times are kept for the whole run only. Judge the whole "
                    + "run, or use " + expression.metric().name().substring(kind.prefix().length())
                    + " (response times).");
        }
        Duration grace = DEFAULT_ABORT_GRACE;
        if (!threshold.abortGrace().isBlank()) {
            if (!threshold.abortOnFail()) {
                throw new LoadTestConfigurationException("@Threshold `abortGrace` ('" + threshold.abortGrace()
                        + "') applies only with `abortOnFail = true`" + on + ".");
            }
            grace = DurationSyntax.parse(threshold.abortGrace()).orElseThrow(() -> new LoadTestConfigurationException(
                    "@Threshold requires that `abortGrace` be " + DurationSyntax.FORMAT + ", but was '"
                            + threshold.abortGrace() + "'" + on + "."));
        }
        return new ThresholdSpec(expression, scope, window, threshold.abortOnFail(), grace);
    }

    private Window window(Threshold threshold, String on) {
        List<String> chosen = new ArrayList<>();
        if (threshold.stage() != 0) {
            chosen.add("`stage`");
        }
        if (threshold.lastStage()) {
            chosen.add("`lastStage`");
        }
        if (!threshold.from().isBlank()) {
            chosen.add("`from`");
        }
        if (chosen.size() > 1) {
            throw new LoadTestConfigurationException("@Threshold sets " + String.join(" and ", chosen) + on
                    + ", which each choose the part of the run to judge; set one of `stage`, `lastStage` and `from`.");
        }
        if (!threshold.from().isBlank()) {
            Duration from = DurationSyntax.parse(threshold.from()).orElseThrow(() -> new LoadTestConfigurationException(
                    "@Threshold requires that `from` be " + DurationSyntax.FORMAT + ", but was '" + threshold.from()
                            + "'" + on + "."));
            Duration length = profile.model().duration();
            if (from.compareTo(length) >= 0) {
                throw new LoadTestConfigurationException("@Threshold requires that `from` be shorter than the run ("
                        + DurationSyntax.format(length) + "), but was '" + threshold.from() + "'" + on + ".");
            }
            return new Window.From(from);
        }
        if (threshold.stage() == 0 && !threshold.lastStage()) {
            return new Window.Whole();
        }
        String attribute = threshold.lastStage() ? "`lastStage`" : "`stage`";
        if (!(profile.model() instanceof LoadModel.Closed closed)) {
            throw new LoadTestConfigurationException("@Threshold " + attribute + on + " needs stages, but "
                    + profile.testName() + " runs an arrival rate (" + profile.model().describe() + "), which has "
                    + "none; use `from` to leave out the start of the run.");
        }
        List<dev.junitloadtest.internal.config.Stage> stages = closed.stages();
        int number;
        if (threshold.lastStage()) {
            if (stages.size() < 2) {
                throw new LoadTestConfigurationException("@Threshold `lastStage`" + on + " needs two stages or more, "
                        + "but " + profile.testName() + " runs one (" + closed.describe() + "), so its last stage is "
                        + "the whole run, ramp-up included; declare @RampStage stages, or use `from` to leave out "
                        + "the ramp-up.");
            }
            number = stages.size();
        } else {
            number = threshold.stage();
            if (number < 1 || number > stages.size()) {
                throw new LoadTestConfigurationException("@Threshold requires that `stage` be a stage of the run, "
                        + "from 1 to " + stages.size() + ", but was " + number + on + ".");
            }
        }
        Duration start = Duration.ZERO;
        for (int i = 0; i < number - 1; i++) {
            start = start.plus(stages.get(i).duration());
        }
        Duration end = start.plus(stages.get(number - 1).duration());
        return new Window.Stage(number, threshold.lastStage(), start, end, number == stages.size());
    }
}
