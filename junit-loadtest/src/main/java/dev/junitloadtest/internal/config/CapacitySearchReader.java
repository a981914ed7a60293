package dev.junitloadtest.internal.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import dev.junitloadtest.CapacitySearch;
import dev.junitloadtest.LoadTest;
import dev.junitloadtest.LoadTestConstants;
import dev.junitloadtest.result.Formats;

/**
 * Reads a {@link CapacitySearch @CapacitySearch} into a validated {@link CapacitySearchSpec}, each of its step settings
 * overridable by its {@code loadtest.capacity.*} parameter, or fails naming the attribute (or parameter), the value
 * and the rule. Internal.
 */
final class CapacitySearchReader {

    private static final String NAME = "@CapacitySearch";
    private static final Setting<Integer> START_USERS = Setting.of(
            LoadTestConstants.CAPACITY_START_USERS_PROPERTY_NAME, Parser.wholeNumber(1));
    private static final Setting<Integer> STEP = Setting.of(LoadTestConstants.CAPACITY_STEP_PROPERTY_NAME,
            Parser.wholeNumber(1));
    private static final Setting<Integer> MAX_USERS = Setting.of(LoadTestConstants.CAPACITY_MAX_USERS_PROPERTY_NAME,
            Parser.wholeNumber(1));
    private static final Setting<Duration> STEP_DURATION = Setting.of(
            LoadTestConstants.CAPACITY_STEP_DURATION_PROPERTY_NAME, Parser.POSITIVE_DURATION);
    /** Parameters of the other closed models that a search would otherwise drop in silence. */
    private static final List<String> NOT_FOR_A_SEARCH = List.of(LoadTestConstants.DURATION_PROPERTY_NAME,
            LoadTestConstants.SPAWN_RATE_PROPERTY_NAME);

    private CapacitySearchReader() {
    }

    static CapacitySearchSpec read(Class<?> testClass, CapacitySearch search, LoadTest loadTest,
            ConfigurationParameters parameters) {
        if (!loadTest.duration().isBlank()) {
            throw new LoadTestConfigurationException("@LoadTest `duration` ('" + loadTest.duration() + "') conflicts "
                    + "with @CapacitySearch, whose steps set the duration; remove one.");
        }
        for (String key : NOT_FOR_A_SEARCH) {
            if (parameters.get(key).isPresent()) {
                throw new LoadTestConfigurationException("Configuration parameter `" + key + "` does not apply to "
                        + testClass.getSimpleName() + ", which runs a @CapacitySearch whose steps set the users and "
                        + "the duration; remove it, or use the loadtest.capacity.* parameters.");
            }
        }
        Setting.Value<Integer> step = STEP.read(parameters, search::step);
        boolean byRate = search.rateStep() != 0;
        if (byRate && step.value() != 0) {
            throw new LoadTestConfigurationException(NAME + " steps either users (`step`) or the arrival rate "
                    + "(`rateStep`), but sets both (`step` " + step.value() + ", `rateStep` "
                    + Formats.compact(search.rateStep()) + "); set one.");
        }
        Steps steps = byRate ? rateSteps(search) : userSteps(search, parameters, step);
        Setting.Value<Duration> duration = STEP_DURATION.find(parameters,
                () -> Optional.of(Attributes.duration(NAME, "stepDuration", search.stepDuration(), false)))
                .orElseThrow();
        Duration stepDuration = duration.value();
        String written = duration.origin() == Setting.Origin.PARAMETER
                ? parameters.get(STEP_DURATION.key()).orElseThrow() : search.stepDuration();
        if (stepDuration.toNanos() % 1_000_000_000L != 0) {
            throw new LoadTestConfigurationException(where(duration.origin(), STEP_DURATION, "stepDuration")
                    + " be a whole number of seconds (a step is judged on the figures recorded each second), but was '"
                    + written + "'.");
        }
        double warmUp = search.warmUp();
        if (!(warmUp >= 0 && warmUp < 1)) {
            throw new LoadTestConfigurationException(NAME + " requires that `warmUp` be >= 0 and < 1 (a share of each "
                    + "step), but was " + Formats.compact(warmUp) + ".");
        }
        Duration warmUpDuration = CapacitySearchSpec.warmUpDuration(stepDuration, warmUp);
        if (warmUpDuration.compareTo(stepDuration) >= 0) {
            throw new LoadTestConfigurationException(NAME + " requires that each step keep at least 1s to judge after "
                    + "its warm-up, but `warmUp` " + Formats.compact(warmUp) + " of a " + DurationSyntax.format(
                            stepDuration) + " step leaves out " + DurationSyntax.format(warmUpDuration)
                    + " (the warm-up is rounded up to whole seconds).");
        }
        List<String> budgets = Arrays.stream(search.budgets()).map(String::strip).toList();
        if (budgets.isEmpty()) {
            throw new LoadTestConfigurationException(NAME + " requires at least one budget in `budgets`, such as "
                    + "\"p95 < 500ms\": without one every step holds.");
        }
        if (search.confirmations() < 0) {
            throw new LoadTestConfigurationException(NAME + " requires that `confirmations` be >= 0, but was "
                    + search.confirmations() + ".");
        }
        if (!(search.kneeFactor() > 1) || Double.isInfinite(search.kneeFactor())) {
            throw new LoadTestConfigurationException(NAME + " requires that `kneeFactor` be > 1 and finite, but was "
                    + Formats.compact(search.kneeFactor()) + ".");
        }
        if (search.narrow() < 0) {
            throw new LoadTestConfigurationException(NAME + " requires that `narrow` be >= 0, but was "
                    + search.narrow() + ".");
        }
        if (search.narrow() > 0 && warmUpDuration.isZero()) {
            throw new LoadTestConfigurationException(NAME + " `narrow` (" + search.narrow() + ") needs a warm-up of "
                    + "at least 1s in each step, to let the load of the step before a narrowing step fade, but "
                    + "`warmUp` " + Formats.compact(warmUp) + " of a " + DurationSyntax.format(stepDuration)
                    + " step leaves out 0s.");
        }
        return new CapacitySearchSpec(steps.unit(), steps.start(), steps.step(), steps.max(), steps.maxUsers(),
                stepDuration, warmUp, budgets, search.confirmations(), search.kneeFactor(), search.narrow());
    }

    /** The steps' load, validated: what they raise, from where, by how much, up to where, with how many users. */
    private record Steps(CapacitySearchSpec.Unit unit, double start, double step, double max, int maxUsers) {
    }

    private static Steps userSteps(CapacitySearch search, ConfigurationParameters parameters,
            Setting.Value<Integer> step) {
        if (step.value() < 1) {
            throw new LoadTestConfigurationException(where(step.origin(), STEP, "step") + " be >= 1 (or `rateStep` "
                    + "be > 0, to step the arrival rate), but was " + step.value() + ".");
        }
        rejectRateAttribute("startRate", search.startRate());
        rejectRateAttribute("maxRate", search.maxRate());
        Setting.Value<Integer> start = START_USERS.read(parameters, search::startUsers);
        requireAtLeast(start, START_USERS, "startUsers", 1, "");
        Setting.Value<Integer> max = MAX_USERS.read(parameters, search::maxUsers);
        requireAtLeast(max, MAX_USERS, "maxUsers", start.value(), " (`startUsers`)");
        return new Steps(CapacitySearchSpec.Unit.USERS, start.value(), step.value(), max.value(), max.value());
    }

    private static void rejectRateAttribute(String attribute, double value) {
        if (value != 0) {
            throw new LoadTestConfigurationException(NAME + " `" + attribute + "` (" + Formats.compact(value)
                    + ") applies to a search of the arrival rate, which `rateStep` sets, but this one steps users "
                    + "(`step`); remove it, or set `rateStep` instead of `step`.");
        }
    }

    private static Steps rateSteps(CapacitySearch search) {
        requirePositive("rateStep", search.rateStep());
        requirePositive("startRate", search.startRate());
        if (!(search.maxRate() >= search.startRate()) || Double.isInfinite(search.maxRate())) {
            throw new LoadTestConfigurationException(NAME + " requires that `maxRate` be >= "
                    + Formats.compact(search.startRate()) + " (`startRate`) and finite, but was "
                    + Formats.compact(search.maxRate()) + ".");
        }
        if (search.startUsers() != 1) {
            throw new LoadTestConfigurationException(NAME + " `startUsers` (" + search.startUsers() + ") applies to "
                    + "a search of users, but this one steps the arrival rate (`rateStep`), whose users are created "
                    + "as iterations need them; remove it.");
        }
        if (search.maxUsers() < 1) {
            throw new LoadTestConfigurationException(NAME + " requires that `maxUsers` be >= 1 (the cap on "
                    + "concurrent users of a search of the arrival rate), but was " + search.maxUsers() + ".");
        }
        return new Steps(CapacitySearchSpec.Unit.ARRIVAL_RATE, search.startRate(), search.rateStep(),
                search.maxRate(), search.maxUsers());
    }

    private static void requirePositive(String attribute, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new LoadTestConfigurationException(NAME + " requires that `" + attribute + "` be > 0 and finite in "
                    + "a search of the arrival rate, but was " + Formats.compact(value) + ".");
        }
    }

    private static void requireAtLeast(Setting.Value<Integer> value, Setting<Integer> setting, String attribute,
            int minimum, String named) {
        if (value.value() < minimum) {
            throw new LoadTestConfigurationException(where(value.origin(), setting, attribute) + " be >= " + minimum
                    + named + ", but was " + value.value() + ".");
        }
    }

    /** The start of a rule's message, naming the attribute or the parameter the value came from. */
    private static String where(Setting.Origin origin, Setting<?> setting, String attribute) {
        return (origin == Setting.Origin.PARAMETER ? setting.where() : NAME) + " requires that `" + attribute + "`";
    }
}
