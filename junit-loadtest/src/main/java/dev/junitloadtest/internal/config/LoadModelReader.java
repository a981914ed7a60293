package dev.junitloadtest.internal.config;

import static org.junit.platform.commons.support.AnnotationSupport.findAnnotation;
import static org.junit.platform.commons.support.AnnotationSupport.findRepeatableAnnotations;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.junitloadtest.ArrivalRate;
import dev.junitloadtest.CapacitySearch;
import dev.junitloadtest.LoadTest;
import dev.junitloadtest.LoadTestConstants;
import dev.junitloadtest.RampStage;
import dev.junitloadtest.Users;
import dev.junitloadtest.result.Formats;

/**
 * Reads how many users run and when: one of {@link Users @Users}, {@link RampStage @RampStage}s and
 * {@link ArrivalRate @ArrivalRate}, each setting overridable by its parameter, and a parameter that names a model
 * ({@code loadtest.stages}, then {@code loadtest.arrival-rate}, then {@code loadtest.users}) replacing the annotated
 * one. Internal.
 */
final class LoadModelReader {

    private static final Duration DEFAULT_DURATION = Duration.ofSeconds(10);
    private static final Setting<List<Stage>> STAGES = Setting.of(LoadTestConstants.STAGES_PROPERTY_NAME,
            LoadModelReader::parseStages);
    private static final Setting<Double> ARRIVAL_RATE = Setting.of(LoadTestConstants.ARRIVAL_RATE_PROPERTY_NAME,
            Parser.POSITIVE_NUMBER);
    private static final Setting<Integer> MAX_USERS = Setting.of(LoadTestConstants.MAX_USERS_PROPERTY_NAME,
            Parser.wholeNumber(1));
    private static final Setting<Integer> USERS = Setting.of(LoadTestConstants.USERS_PROPERTY_NAME,
            Parser.wholeNumber(1));
    private static final Setting<Double> SPAWN_RATE = Setting.of(LoadTestConstants.SPAWN_RATE_PROPERTY_NAME,
            Parser.POSITIVE_NUMBER);
    private static final Setting<Duration> DURATION = Setting.of(LoadTestConstants.DURATION_PROPERTY_NAME,
            Parser.POSITIVE_DURATION);

    /** The kinds of load model; the parameters that replace the annotated model, in the order they win. */
    private enum Kind {
        STAGED(STAGES), OPEN(ARRIVAL_RATE), CONSTANT(USERS), SEARCH(null);

        private final Setting<?> replacedBy;

        Kind(Setting<?> replacedBy) {
            this.replacedBy = replacedBy;
        }
    }

    private final Class<?> testClass;
    private final ConfigurationParameters parameters;
    private final LoadTest loadTest;
    private final Optional<Users> users;
    private final List<RampStage> stages;
    private final Optional<ArrivalRate> arrivalRate;
    private final Optional<CapacitySearch> capacitySearch;

    LoadModelReader(Class<?> testClass, ConfigurationParameters parameters, LoadTest loadTest) {
        this.testClass = testClass;
        this.parameters = parameters;
        this.loadTest = loadTest;
        this.users = findAnnotation(testClass, Users.class);
        this.stages = stages(testClass);
        this.arrivalRate = findAnnotation(testClass, ArrivalRate.class);
        this.capacitySearch = findAnnotation(testClass, CapacitySearch.class);
    }

    /** The load model, checked against {@code userTypes}. */
    LoadModel read(List<UserTypeSpec> userTypes) {
        requireOneAnnotatedModel();
        LoadModel model = switch (kind()) {
            case STAGED -> STAGES.parameter(parameters)
                    .map(parsed -> withUsers(scaledToDuration(parsed), STAGES.where()))
                    .orElseGet(() -> withUsers(stagesFromAnnotations(), "@RampStage"));
            case OPEN -> open();
            case CONSTANT -> closed();
            case SEARCH -> searching(CapacitySearchReader.read(testClass, capacitySearch.get(), loadTest,
                    parameters));
        };
        requireFits(model, userTypes);
        return model;
    }

    /** The kind of the first parameter set that names a model, else the annotated kind (@Users by default). */
    private Kind kind() {
        for (Kind kind : Kind.values()) {
            if (kind.replacedBy != null && kind.replacedBy.isSet(parameters)) {
                return kind;
            }
        }
        if (capacitySearch.isPresent()) {
            return Kind.SEARCH;
        }
        return arrivalRate.isPresent() ? Kind.OPEN : stages.isEmpty() ? Kind.CONSTANT : Kind.STAGED;
    }

    private static LoadModel searching(CapacitySearchSpec search) {
        return search.unit() == CapacitySearchSpec.Unit.USERS ? LoadModel.Closed.searching(search)
                : LoadModel.Open.searching(search);
    }

    private void requireOneAnnotatedModel() {
        List<String> present = new ArrayList<>();
        users.ifPresent(u -> present.add("@Users"));
        if (!stages.isEmpty()) {
            present.add("@RampStage");
        }
        arrivalRate.ifPresent(a -> present.add("@ArrivalRate"));
        capacitySearch.ifPresent(c -> present.add("@CapacitySearch"));
        if (present.size() > 1) {
            throw new LoadTestConfigurationException(testClass.getSimpleName() + " declares conflicting load models "
                    + String.join(" and ", present) + "; declare only one of @Users, @RampStage, @ArrivalRate and "
                    + "@CapacitySearch.");
        }
    }

    private LoadModel open() {
        double rate = ARRIVAL_RATE.read(parameters, () -> arrivalRate.map(ArrivalRate::value), 0.0).value();
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new LoadTestConfigurationException("@ArrivalRate requires that `value` be > 0 and finite, but was "
                    + Formats.compact(rate) + ".");
        }
        int maxUsers = MAX_USERS.read(parameters, () -> arrivalRate.map(ArrivalRate::maxUsers), 100).value();
        if (maxUsers < 1) {
            throw new LoadTestConfigurationException("@ArrivalRate requires that `maxUsers` be >= 1, but was "
                    + maxUsers + ".");
        }
        LoadModel model = new LoadModel.Open(rate, maxUsers, runDuration());
        if (SPAWN_RATE.isSet(parameters)) {
            throw new LoadTestConfigurationException(SPAWN_RATE.where() + " applies to the closed model (@Users), but "
                    + testClass.getSimpleName() + " runs an arrival rate; remove it or set `" + USERS.key()
                    + "` as well.");
        }
        return model;
    }

    private LoadModel closed() {
        int count = USERS.read(parameters, () -> users.map(Users::count), 1).value();
        if (count < 1) {
            throw new LoadTestConfigurationException("@Users requires that `count` be >= 1, but was " + count
                    + ": a run without users sends no request, and could only pass.");
        }
        double spawnRate = SPAWN_RATE.read(parameters, () -> users.map(Users::spawnRate), Double.POSITIVE_INFINITY)
                .value();
        if (!(spawnRate > 0)) {
            throw new LoadTestConfigurationException("@Users requires that `spawnRate` be > 0, but was "
                    + Formats.compact(spawnRate) + ".");
        }
        return new LoadModel.Closed(List.of(new Stage(runDuration(), count, spawnRate)));
    }

    private static LoadModel withUsers(List<Stage> stages, String source) {
        if (stages.stream().allMatch(stage -> stage.users() == 0)) {
            throw new LoadTestConfigurationException(source + " requires that at least one stage have `users` >= 1, "
                    + "but every stage has 0: a run without users sends no request, and could only pass.");
        }
        return new LoadModel.Closed(stages);
    }

    private void requireFits(LoadModel model, List<UserTypeSpec> userTypes) {
        if (!(model instanceof LoadModel.Open)) {
            return;
        }
        for (UserTypeSpec type : userTypes) {
            if (!(type.waitStrategy() instanceof WaitStrategy.None) && !WaitReader.WAIT_TIME.isSet(parameters)) {
                String annotation = type.waitStrategy() instanceof WaitStrategy.Pacing ? "@Pacing" : "@WaitTime";
                throw new LoadTestConfigurationException(type.name() + " declares " + annotation + ", which "
                        + "conflicts with @ArrivalRate: in the open model the arrival rate alone decides when "
                        + "iterations start. Remove " + annotation + " or use @Users.");
            }
            if (type.fixedCount() > 0) {
                throw new LoadTestConfigurationException("@UserType `fixedCount` (" + type.fixedCount() + " for "
                        + type.name() + ") conflicts with @ArrivalRate, where users are created as iterations "
                        + "need them; use `weight` instead.");
            }
        }
    }

    /**
     * The stages in declaration order. JUnit's search (which also finds stages on composed and inherited annotations)
     * folds identical annotations into one, but two identical stages are two stages: the JDK's view of the class's
     * own annotations keeps them.
     */
    private static List<RampStage> stages(Class<?> testClass) {
        RampStage[] declared = testClass.getDeclaredAnnotationsByType(RampStage.class);
        return declared.length > 0 ? List.of(declared) : findRepeatableAnnotations(testClass, RampStage.class);
    }

    private Duration runDuration() {
        return DURATION.read(parameters, () -> loadTest.duration().isBlank() ? Optional.empty()
                : Optional.of(Attributes.duration("@LoadTest", "duration", loadTest.duration(), false)),
                DEFAULT_DURATION).value();
    }

    private List<Stage> stagesFromAnnotations() {
        if (!loadTest.duration().isBlank()) {
            throw new LoadTestConfigurationException("@LoadTest `duration` ('" + loadTest.duration() + "') conflicts "
                    + "with @RampStage, whose stages set the duration; remove one.");
        }
        List<Stage> read = new ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            RampStage stage = stages.get(i);
            String where = " (stage " + (i + 1) + ")";
            Duration duration = DurationSyntax.parse(stage.duration()).orElseThrow(
                    () -> new LoadTestConfigurationException("@RampStage requires that `duration` be "
                            + DurationSyntax.FORMAT + ", but was '" + stage.duration() + "'" + where + "."));
            if (duration.isZero()) {
                throw new LoadTestConfigurationException(
                        "@RampStage requires that `duration` be > 0, but was '" + stage.duration() + "'" + where + ".");
            }
            if (stage.users() < 0) {
                throw new LoadTestConfigurationException(
                        "@RampStage requires that `users` be >= 0, but was " + stage.users() + where + ".");
            }
            if (!(stage.spawnRate() > 0)) {
                throw new LoadTestConfigurationException("@RampStage requires that `spawnRate` be > 0, but was "
                        + Formats.compact(stage.spawnRate()) + where + ".");
            }
            read.add(new Stage(duration, stage.users(), stage.spawnRate()));
        }
        return scaledToDuration(read);
    }

    private static List<Stage> parseStages(String text, String where) {
        String format = " requires stages such as 30s:50@5,2m:50 (duration:users or duration:users@spawnRate), but ";
        List<Stage> stages = new ArrayList<>();
        for (String part : text.split(",")) {
            String[] durationAndRest = part.trim().split(":", -1);
            if (durationAndRest.length != 2) {
                throw new LoadTestConfigurationException(where + format + "'" + part.trim() + "' in '" + text
                        + "' is not.");
            }
            String[] usersAndRate = durationAndRest[1].split("@", -1);
            Duration duration = DurationSyntax.parse(durationAndRest[0]).filter(d -> !d.isZero()).orElseThrow(
                    () -> new LoadTestConfigurationException(where + format + "'" + durationAndRest[0].trim()
                            + "' in '" + text + "' is not a duration > 0."));
            int users;
            double rate = Double.POSITIVE_INFINITY;
            try {
                users = Integer.parseInt(usersAndRate[0].trim());
                if (usersAndRate.length > 1) {
                    rate = Double.parseDouble(usersAndRate[1].trim());
                }
            } catch (NumberFormatException e) {
                throw new LoadTestConfigurationException(where + format + "'" + part.trim() + "' in '" + text
                        + "' is not.", e);
            }
            if (users < 0 || !(rate > 0) || usersAndRate.length > 2) {
                throw new LoadTestConfigurationException(where + format + "'" + part.trim() + "' in '" + text
                        + "' is not (users must be >= 0 and the spawn rate > 0).");
            }
            stages.add(new Stage(duration, users, rate));
        }
        return stages;
    }

    /** With {@code loadtest.duration} set, the stages stretched or shrunk in proportion to last that long. */
    private List<Stage> scaledToDuration(List<Stage> unscaled) {
        Optional<Duration> wanted = DURATION.parameter(parameters);
        if (wanted.isEmpty()) {
            return unscaled;
        }
        long total = unscaled.stream().mapToLong(stage -> stage.duration().toNanos()).sum();
        List<Stage> scaled = new ArrayList<>();
        for (Stage stage : unscaled) {
            long nanos = Math.max(1, (long) ((double) stage.duration().toNanos() / total * wanted.get().toNanos()));
            scaled.add(new Stage(Duration.ofNanos(nanos), stage.users(), stage.spawnRate()));
        }
        return scaled;
    }
}
