package dev.junitloadtest.internal.config;

import static org.junit.platform.commons.support.AnnotationSupport.findAnnotatedMethods;
import static org.junit.platform.commons.support.AnnotationSupport.findAnnotation;
import static org.junit.platform.commons.support.AnnotationSupport.findRepeatableAnnotations;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import org.junit.platform.commons.support.HierarchyTraversalMode;

import dev.junitloadtest.ArrivalRate;
import dev.junitloadtest.LoadTest;
import dev.junitloadtest.OnStart;
import dev.junitloadtest.OnStop;
import dev.junitloadtest.Pacing;
import dev.junitloadtest.RampStage;
import dev.junitloadtest.Task;
import dev.junitloadtest.UserType;
import dev.junitloadtest.Users;
import dev.junitloadtest.VirtualUser;
import dev.junitloadtest.WaitTime;
import dev.junitloadtest.http.Http;

/**
 * Reads a load test class's annotations and the configuration parameters that override them into one validated
 * {@link LoadProfile}, or fails with a {@link LoadTestConfigurationException} whose message names the annotation or
 * parameter, the attribute, the value and the rule. Touches nothing outside the class. Internal.
 */
public final class ProfileReader {

    private static final Duration DEFAULT_DURATION = Duration.ofSeconds(10);

    private final Class<?> testClass;
    private final ConfigurationParameters parameters;
    private final Function<String, String> environment;

    /** A reader of {@code testClass}, with overrides from {@code parameters} and {@code environment} variables. */
    public ProfileReader(Class<?> testClass, ConfigurationParameters parameters, Function<String, String> environment) {
        this.testClass = testClass;
        this.parameters = parameters;
        this.environment = environment;
    }

    /** Reads and validates the profile; its host is the one set by parameter, annotation or environment, if any. */
    public LoadProfile read() {
        LoadTest loadTest = findAnnotation(testClass, LoadTest.class).orElseThrow(
                () -> new LoadTestConfigurationException(testClass.getName() + " is not annotated with @LoadTest"));
        List<UserTypeSpec> userTypes = userTypes();
        LoadModel model = model(loadTest, userTypes);
        Duration stopTimeout = duration(LoadTest.STOP_TIMEOUT_PROPERTY_NAME, "@LoadTest", "stopTimeout",
                loadTest.stopTimeout(), true);
        long seed = seed(loadTest);
        HttpSettings http = httpSettings();
        checkCeilings(model);
        TrustSettings trust = trustSettings(loadTest);
        LoadProfile profile = new LoadProfile(testClass.getSimpleName(), userTypes, model, stopTimeout,
                Optional.empty(), "none", seed, http, trust);
        Optional<String> fromParameter = parameters.get(LoadTest.HOST_PROPERTY_NAME);
        if (fromParameter.isPresent()) {
            return profile.withHost(host(fromParameter.get(),
                    "Configuration parameter `" + LoadTest.HOST_PROPERTY_NAME + "`"),
                    "configuration parameter " + LoadTest.HOST_PROPERTY_NAME);
        }
        if (!loadTest.host().isBlank()) {
            return profile.withHost(host(loadTest.host(), "@LoadTest `host`"), "@LoadTest(host)");
        }
        String fromEnvironment = environment.apply(LoadTest.HOST_ENVIRONMENT_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return profile.withHost(host(fromEnvironment.trim(),
                    "Environment variable `" + LoadTest.HOST_ENVIRONMENT_VARIABLE + "`"),
                    "environment variable " + LoadTest.HOST_ENVIRONMENT_VARIABLE);
        }
        return profile;
    }

    /**
     * Parses a host, as written by a user in {@code where}.
     *
     * @throws LoadTestConfigurationException if it is not an absolute http(s) URI
     */
    public static URI host(String text, String where) {
        String rule = " requires an absolute http or https URI such as http://127.0.0.1:9000, but was '" + text + "'.";
        try {
            URI uri = new URI(text.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
                throw new LoadTestConfigurationException(where + rule);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new LoadTestConfigurationException(where + rule, e);
        }
    }

    private List<UserTypeSpec> userTypes() {
        List<UserType> declared = findRepeatableAnnotations(testClass, UserType.class);
        if (declared.isEmpty()) {
            return List.of(userType(testClass, 1, 0));
        }
        List<UserTypeSpec> specs = new ArrayList<>();
        Set<Class<?>> seen = new HashSet<>();
        // JUnit's annotation search folds identical annotations into one; the JDK's keeps them, to catch duplicates.
        Set<Class<?>> direct = new HashSet<>();
        for (UserType userType : testClass.getAnnotationsByType(UserType.class)) {
            if (!direct.add(userType.value())) {
                throw new LoadTestConfigurationException("@UserType lists " + userType.value().getName()
                        + " more than once; list each user type once and give it a weight or a fixed count.");
            }
        }
        for (UserType userType : declared) {
            if (!seen.add(userType.value())) {
                throw new LoadTestConfigurationException("@UserType lists " + userType.value().getName()
                        + " more than once; list each user type once and give it a weight or a fixed count.");
            }
            if (userType.weight() < 1) {
                throw new LoadTestConfigurationException("@UserType requires that `weight` be >= 1, but was "
                        + userType.weight() + " (for " + userType.value().getSimpleName() + ").");
            }
            if (userType.fixedCount() < 0) {
                throw new LoadTestConfigurationException("@UserType requires that `fixedCount` be >= 0, but was "
                        + userType.fixedCount() + " (for " + userType.value().getSimpleName() + ").");
            }
            specs.add(userType(userType.value(), userType.weight(), userType.fixedCount()));
        }
        if (!seen.contains(testClass) && !findAnnotatedMethods(testClass, Task.class,
                HierarchyTraversalMode.TOP_DOWN).isEmpty()) {
            throw new LoadTestConfigurationException(testClass.getSimpleName() + " has @Task methods but is not "
                    + "listed in its @UserType annotations, so they would never run; add @UserType("
                    + testClass.getSimpleName() + ".class) or move the tasks to a user type.");
        }
        return specs;
    }

    private UserTypeSpec userType(Class<?> type, int weight, int fixedCount) {
        String typeName = type.getSimpleName();
        if (Modifier.isAbstract(type.getModifiers()) || type.isInterface()) {
            throw new LoadTestConfigurationException("User type " + type.getName()
                    + " is abstract; virtual users are instances of it, so it must be a concrete class.");
        }
        if (type.getEnclosingClass() != null && !Modifier.isStatic(type.getModifiers())) {
            throw new LoadTestConfigurationException("User type " + type.getName()
                    + " is an inner class; make it static (or top-level) so each virtual user can be created alone.");
        }
        Constructor<?> constructor;
        try {
            constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new LoadTestConfigurationException("User type " + type.getName()
                    + " has no constructor without parameters; each virtual user is created with one.", e);
        } catch (RuntimeException e) {
            throw new LoadTestConfigurationException("The constructor of user type " + type.getName()
                    + " cannot be made accessible: " + e.getMessage(), e);
        }
        List<TaskSpec> tasks = new ArrayList<>();
        for (Method method : findAnnotatedMethods(type, Task.class, HierarchyTraversalMode.TOP_DOWN)) {
            Task task = findAnnotation(method, Task.class).orElseThrow();
            if (task.weight() < 1) {
                throw new LoadTestConfigurationException("@Task requires that `weight` be >= 1, but was "
                        + task.weight() + " (on " + typeName + "." + method.getName() + ").");
            }
            tasks.add(method("@Task", method, task.weight()));
        }
        if (tasks.isEmpty()) {
            throw new LoadTestConfigurationException(
                    "User type " + typeName + " has no @Task methods; a virtual user needs at least one task to run.");
        }
        long weights = tasks.stream().mapToLong(TaskSpec::weight).sum();
        if (weights > Integer.MAX_VALUE) {
            throw new LoadTestConfigurationException("@Task requires that the weights of a user type's tasks add up "
                    + "to at most " + Integer.MAX_VALUE + ", but those of " + typeName + " add up to " + weights
                    + "; use smaller weights in the same proportions.");
        }
        List<TaskSpec> onStart = hooks(type, OnStart.class, "@OnStart");
        List<TaskSpec> onStop = hooks(type, OnStop.class, "@OnStop");
        return new UserTypeSpec(type, constructor, weight, fixedCount, tasks, onStart, onStop, waitStrategy(type));
    }

    private List<TaskSpec> hooks(Class<?> type, Class<? extends java.lang.annotation.Annotation> annotation,
            String label) {
        List<TaskSpec> hooks = new ArrayList<>();
        for (Method method : findAnnotatedMethods(type, annotation, HierarchyTraversalMode.TOP_DOWN)) {
            hooks.add(method(label, method, 1));
        }
        return hooks;
    }

    private TaskSpec method(String label, Method method, int weight) {
        String where = method.getDeclaringClass().getSimpleName() + "." + method.getName();
        if (Modifier.isStatic(method.getModifiers())) {
            throw new LoadTestConfigurationException(label + " method " + where
                    + " is static; it runs on each virtual user's own instance, so it must be an instance method.");
        }
        if (Modifier.isPrivate(method.getModifiers())) {
            throw new LoadTestConfigurationException(label + " method " + where + " must not be private.");
        }
        if (method.getReturnType() != void.class) {
            throw new LoadTestConfigurationException(label + " method " + where + " must return void, but returns "
                    + method.getReturnType().getSimpleName() + ".");
        }
        List<TaskSpec.ParameterKind> kinds = new ArrayList<>();
        for (Class<?> parameter : method.getParameterTypes()) {
            if (parameter == Http.class) {
                kinds.add(TaskSpec.ParameterKind.HTTP);
            } else if (parameter == VirtualUser.class) {
                kinds.add(TaskSpec.ParameterKind.VIRTUAL_USER);
            } else {
                throw new LoadTestConfigurationException(label + " method " + where + " has a parameter of type "
                        + parameter.getName() + " that cannot be supplied; task and hook methods may take "
                        + "Http and VirtualUser.");
            }
        }
        method.setAccessible(true);
        return new TaskSpec(method, weight, kinds);
    }

    private WaitStrategy waitStrategy(Class<?> type) {
        Optional<String> override = parameters.get(WaitTime.WAIT_TIME_PROPERTY_NAME);
        if (override.isPresent()) {
            String text = override.get();
            String parameter = "Configuration parameter `" + WaitTime.WAIT_TIME_PROPERTY_NAME + "`";
            String[] bounds = text.split("\\.\\.", -1);
            if (bounds.length > 2) {
                throw new LoadTestConfigurationException(parameter + " requires a duration or a range such as "
                        + "5s..9s, but was '" + text + "'.");
            }
            Duration min = parseDuration(bounds[0], parameter + " requires " + DurationSyntax.FORMAT
                    + " or a range such as 5s..9s, but was '" + text + "'.");
            Duration max = bounds.length == 2 ? parseDuration(bounds[1], parameter + " requires "
                    + DurationSyntax.FORMAT + " or a range such as 5s..9s, but was '" + text + "'.") : min;
            if (max.compareTo(min) < 0) {
                throw new LoadTestConfigurationException(parameter + " requires that the longest wait be at least "
                        + "the shortest, but was '" + text + "'.");
            }
            return min.isZero() && max.isZero() ? new WaitStrategy.None() : new WaitStrategy.Between(min, max);
        }
        Optional<WaitTime> waitTime = findAnnotation(type, WaitTime.class);
        Optional<Pacing> pacing = findAnnotation(type, Pacing.class);
        String typeName = type.getSimpleName();
        if (waitTime.isPresent() && pacing.isPresent()) {
            throw new LoadTestConfigurationException(typeName + " has both @WaitTime and @Pacing; they are two ways "
                    + "of spacing tasks, declare one.");
        }
        if (pacing.isPresent()) {
            Duration interval = annotationDuration("@Pacing", "value", pacing.get().value(), false);
            return new WaitStrategy.Pacing(interval);
        }
        if (waitTime.isPresent()) {
            Duration min = annotationDuration("@WaitTime", "min", waitTime.get().min(), true);
            Duration max = waitTime.get().max().isBlank() ? min
                    : annotationDuration("@WaitTime", "max", waitTime.get().max(), true);
            if (max.compareTo(min) < 0) {
                throw new LoadTestConfigurationException("@WaitTime requires that `max` be >= `min`, but was '"
                        + waitTime.get().max() + "' < '" + waitTime.get().min() + "' (on " + typeName + ").");
            }
            return new WaitStrategy.Between(min, max);
        }
        return new WaitStrategy.None();
    }

    private LoadModel model(LoadTest loadTest, List<UserTypeSpec> userTypes) {
        Optional<Users> users = findAnnotation(testClass, Users.class);
        List<RampStage> stages = stages();
        Optional<ArrivalRate> arrivalRate = findAnnotation(testClass, ArrivalRate.class);
        List<String> present = new ArrayList<>();
        users.ifPresent(u -> present.add("@Users"));
        if (!stages.isEmpty()) {
            present.add("@RampStage");
        }
        arrivalRate.ifPresent(a -> present.add("@ArrivalRate"));
        if (present.size() > 1) {
            throw new LoadTestConfigurationException(testClass.getSimpleName() + " declares conflicting load models "
                    + String.join(" and ", present) + "; declare only one of @Users, @RampStage and @ArrivalRate.");
        }

        Optional<String> stagesParameter = parameters.get(RampStage.STAGES_PROPERTY_NAME);
        Optional<String> rateParameter = parameters.get(ArrivalRate.RATE_PROPERTY_NAME);
        Optional<String> usersParameter = parameters.get(Users.COUNT_PROPERTY_NAME);
        LoadModel model;
        if (stagesParameter.isPresent()) {
            model = new LoadModel.Closed(stagesFromParameter(stagesParameter.get()));
        } else if (rateParameter.isPresent() || (arrivalRate.isPresent() && usersParameter.isEmpty())) {
            double rate = rateParameter.isPresent()
                    ? positiveDouble(ArrivalRate.RATE_PROPERTY_NAME, rateParameter.get())
                    : arrivalRate.get().value();
            if (!(rate > 0) || Double.isInfinite(rate)) {
                throw new LoadTestConfigurationException("@ArrivalRate requires that `value` be > 0 and finite, but was "
                        + Numbers.compact(rate) + ".");
            }
            int maxUsers = parameters.get(ArrivalRate.MAX_USERS_PROPERTY_NAME)
                    .map(text -> wholeNumber(ArrivalRate.MAX_USERS_PROPERTY_NAME, text, 1))
                    .orElse(arrivalRate.map(ArrivalRate::maxUsers).orElse(100));
            if (maxUsers < 1) {
                throw new LoadTestConfigurationException("@ArrivalRate requires that `maxUsers` be >= 1, but was "
                        + maxUsers + ".");
            }
            model = new LoadModel.Open(rate, maxUsers, runDuration(loadTest));
        } else if (usersParameter.isPresent() || stages.isEmpty()) {
            int count = usersParameter.map(text -> wholeNumber(Users.COUNT_PROPERTY_NAME, text, 1))
                    .orElse(users.map(Users::count).orElse(1));
            if (count < 1) {
                throw new LoadTestConfigurationException("@Users requires that `count` be >= 1, but was " + count
                        + ": a run without users sends no request, and could only pass.");
            }
            double spawnRate = parameters.get(Users.SPAWN_RATE_PROPERTY_NAME)
                    .map(text -> positiveDouble(Users.SPAWN_RATE_PROPERTY_NAME, text))
                    .orElse(users.map(Users::spawnRate).orElse(Double.POSITIVE_INFINITY));
            if (!(spawnRate > 0)) {
                throw new LoadTestConfigurationException("@Users requires that `spawnRate` be > 0, but was "
                        + Numbers.compact(spawnRate) + ".");
            }
            model = new LoadModel.Closed(List.of(new Stage(runDuration(loadTest), count, spawnRate)));
        } else {
            model = new LoadModel.Closed(stagesFromAnnotations(loadTest, stages));
        }
        if (!(model instanceof LoadModel.Closed)) {
            parameters.get(Users.SPAWN_RATE_PROPERTY_NAME).ifPresent(text -> {
                throw new LoadTestConfigurationException("Configuration parameter `" + Users.SPAWN_RATE_PROPERTY_NAME
                        + "` applies to the closed model (@Users), but " + testClass.getSimpleName()
                        + " runs an arrival rate; remove it or set `" + Users.COUNT_PROPERTY_NAME + "` as well.");
            });
        }
        if (model instanceof LoadModel.Closed closed && closed.stages().stream().allMatch(stage -> stage.users() == 0)) {
            String source = stagesParameter.isPresent() ? "Configuration parameter `" + RampStage.STAGES_PROPERTY_NAME
                    + "`" : "@RampStage";
            throw new LoadTestConfigurationException(source + " requires that at least one stage have `users` >= 1, "
                    + "but every stage has 0: a run without users sends no request, and could only pass.");
        }
        validateAgainstModel(model, userTypes);
        return model;
    }

    /**
     * The stages in declaration order. JUnit's search (which also finds stages on composed and inherited annotations)
     * folds identical annotations into one, but two identical stages are two stages: the JDK's view of the class's
     * own annotations keeps them.
     */
    private List<RampStage> stages() {
        RampStage[] declared = testClass.getDeclaredAnnotationsByType(RampStage.class);
        return declared.length > 0 ? List.of(declared) : findRepeatableAnnotations(testClass, RampStage.class);
    }

    private void validateAgainstModel(LoadModel model, List<UserTypeSpec> userTypes) {
        if (model instanceof LoadModel.Open) {
            for (UserTypeSpec type : userTypes) {
                if (!(type.waitStrategy() instanceof WaitStrategy.None)
                        && parameters.get(WaitTime.WAIT_TIME_PROPERTY_NAME).isEmpty()) {
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
    }

    private Duration runDuration(LoadTest loadTest) {
        Optional<String> override = parameters.get(LoadTest.DURATION_PROPERTY_NAME);
        if (override.isEmpty() && loadTest.duration().isBlank()) {
            return DEFAULT_DURATION;
        }
        return duration(LoadTest.DURATION_PROPERTY_NAME, "@LoadTest", "duration", loadTest.duration(), false);
    }

    private List<Stage> stagesFromAnnotations(LoadTest loadTest, List<RampStage> annotations) {
        if (!loadTest.duration().isBlank()) {
            throw new LoadTestConfigurationException("@LoadTest `duration` ('" + loadTest.duration() + "') conflicts "
                    + "with @RampStage, whose stages set the duration; remove one.");
        }
        List<Stage> stages = new ArrayList<>();
        for (int i = 0; i < annotations.size(); i++) {
            RampStage stage = annotations.get(i);
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
                        + Numbers.compact(stage.spawnRate()) + where + ".");
            }
            stages.add(new Stage(duration, stage.users(), stage.spawnRate()));
        }
        return scaledToDurationOverride(stages);
    }

    private List<Stage> stagesFromParameter(String text) {
        String parameter = "Configuration parameter `" + RampStage.STAGES_PROPERTY_NAME + "`";
        String format = " requires stages such as 30s:50@5,2m:50 (duration:users or duration:users@spawnRate), but ";
        List<Stage> stages = new ArrayList<>();
        for (String part : text.split(",")) {
            String[] durationAndRest = part.trim().split(":", -1);
            if (durationAndRest.length != 2) {
                throw new LoadTestConfigurationException(parameter + format + "'" + part.trim() + "' in '" + text
                        + "' is not.");
            }
            String[] usersAndRate = durationAndRest[1].split("@", -1);
            Duration duration = DurationSyntax.parse(durationAndRest[0]).filter(d -> !d.isZero()).orElseThrow(
                    () -> new LoadTestConfigurationException(parameter + format + "'" + durationAndRest[0].trim()
                            + "' in '" + text + "' is not a duration > 0."));
            int users;
            double rate = Double.POSITIVE_INFINITY;
            try {
                users = Integer.parseInt(usersAndRate[0].trim());
                if (usersAndRate.length > 1) {
                    rate = Double.parseDouble(usersAndRate[1].trim());
                }
            } catch (NumberFormatException e) {
                throw new LoadTestConfigurationException(parameter + format + "'" + part.trim() + "' in '" + text
                        + "' is not.", e);
            }
            if (users < 0 || !(rate > 0) || usersAndRate.length > 2) {
                throw new LoadTestConfigurationException(parameter + format + "'" + part.trim() + "' in '" + text
                        + "' is not (users must be >= 0 and the spawn rate > 0).");
            }
            stages.add(new Stage(duration, users, rate));
        }
        return scaledToDurationOverride(stages);
    }

    /** With {@code loadtest.duration} set, stretches or shrinks the stages in proportion to last that long. */
    private List<Stage> scaledToDurationOverride(List<Stage> stages) {
        Optional<String> override = parameters.get(LoadTest.DURATION_PROPERTY_NAME);
        if (override.isEmpty()) {
            return stages;
        }
        Duration wanted = duration(LoadTest.DURATION_PROPERTY_NAME, "@LoadTest", "duration", "", false);
        long total = stages.stream().mapToLong(stage -> stage.duration().toNanos()).sum();
        List<Stage> scaled = new ArrayList<>();
        for (Stage stage : stages) {
            long nanos = Math.max(1, (long) ((double) stage.duration().toNanos() / total * wanted.toNanos()));
            scaled.add(new Stage(Duration.ofNanos(nanos), stage.users(), stage.spawnRate()));
        }
        return scaled;
    }

    private Duration duration(String parameter, String annotation, String attribute, String annotationValue,
            boolean zeroAllowed) {
        Optional<String> override = parameters.get(parameter);
        if (override.isPresent()) {
            Duration value = parseDuration(override.get(), "Configuration parameter `" + parameter + "` requires "
                    + DurationSyntax.FORMAT + ", but was '" + override.get() + "'.");
            if (!zeroAllowed && value.isZero()) {
                throw new LoadTestConfigurationException("Configuration parameter `" + parameter
                        + "` requires a duration > 0, but was '" + override.get() + "'.");
            }
            return value;
        }
        return annotationDuration(annotation, attribute, annotationValue, zeroAllowed);
    }

    private static Duration annotationDuration(String annotation, String attribute, String value, boolean zeroAllowed) {
        Duration duration = parseDuration(value, annotation + " requires that `" + attribute + "` be "
                + DurationSyntax.FORMAT + ", but was '" + value + "'.");
        if (!zeroAllowed && duration.isZero()) {
            throw new LoadTestConfigurationException(
                    annotation + " requires that `" + attribute + "` be > 0, but was '" + value + "'.");
        }
        return duration;
    }

    private static Duration parseDuration(String text, String message) {
        return DurationSyntax.parse(text).orElseThrow(() -> new LoadTestConfigurationException(message));
    }

    private static int wholeNumber(String parameter, String text, int minimum) {
        try {
            int value = Integer.parseInt(text);
            if (value >= minimum) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, with the rule
        }
        throw new LoadTestConfigurationException("Configuration parameter `" + parameter
                + "` requires a whole number >= " + minimum + ", but was '" + text + "'.");
    }

    private static double positiveDouble(String parameter, String text) {
        try {
            double value = Double.parseDouble(text);
            if (value > 0 && !Double.isNaN(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, with the rule
        }
        throw new LoadTestConfigurationException("Configuration parameter `" + parameter
                + "` requires a number > 0, but was '" + text + "'.");
    }

    private long seed(LoadTest loadTest) {
        Optional<String> text = parameters.get(LoadTest.SEED_PROPERTY_NAME)
                .or(() -> Optional.of(loadTest.seed()).filter(s -> !s.isBlank()));
        if (text.isEmpty()) {
            return ThreadLocalRandom.current().nextLong();
        }
        try {
            return Long.parseLong(text.get().trim());
        } catch (NumberFormatException e) {
            throw new LoadTestConfigurationException("Seed requires a whole number (a long), but was '" + text.get()
                    + "' (@LoadTest `seed` or configuration parameter `" + LoadTest.SEED_PROPERTY_NAME + "`).", e);
        }
    }

    /** Rejects users or durations above the ceilings, which catch typos; configuration can raise them. */
    private void checkCeilings(LoadModel model) {
        int usersCeiling = parameters.get(TrustSettings.USERS_CEILING_PROPERTY_NAME)
                .map(text -> wholeNumber(TrustSettings.USERS_CEILING_PROPERTY_NAME, text, 1))
                .orElse(TrustSettings.DEFAULT_USERS_CEILING);
        Duration durationCeiling = parameters.get(TrustSettings.DURATION_CEILING_PROPERTY_NAME)
                .map(text -> positiveDuration(TrustSettings.DURATION_CEILING_PROPERTY_NAME, text))
                .orElse(TrustSettings.DEFAULT_DURATION_CEILING);
        int users = switch (model) {
            case LoadModel.Closed closed -> closed.peakUsers();
            case LoadModel.Open open -> open.maxUsers();
        };
        if (users > usersCeiling) {
            throw new LoadTestConfigurationException(String.format(java.util.Locale.ROOT, "%s asks for %,d users, "
                    + "above the ceiling of %,d that guards against typos. If you mean it, raise the ceiling: "
                    + "-D%s=%d", testClass.getSimpleName(), users, usersCeiling,
                    TrustSettings.USERS_CEILING_PROPERTY_NAME, users));
        }
        if (model.duration().compareTo(durationCeiling) > 0) {
            throw new LoadTestConfigurationException(testClass.getSimpleName() + " asks to run for "
                    + DurationSyntax.format(model.duration()) + ", above the ceiling of "
                    + DurationSyntax.format(durationCeiling) + " that guards against typos. If you mean it, raise the "
                    + "ceiling: -D" + TrustSettings.DURATION_CEILING_PROPERTY_NAME + "="
                    + DurationSyntax.format(model.duration()));
        }
    }

    private TrustSettings trustSettings(LoadTest loadTest) {
        double maxRps = parameters.get(LoadTest.MAX_RPS_PROPERTY_NAME)
                .map(text -> positiveDouble(LoadTest.MAX_RPS_PROPERTY_NAME, text))
                .orElse(loadTest.maxRps());
        if (!(maxRps > 0)) {
            throw new LoadTestConfigurationException("@LoadTest requires that `maxRps` be > 0, but was "
                    + Numbers.compact(maxRps) + ".");
        }
        List<String> allowedHosts = parameters.get(LoadTest.ALLOWED_HOSTS_PROPERTY_NAME)
                .map(ProfileReader::commaSeparated)
                .orElse(List.of(loadTest.allowedHosts()));
        for (String pattern : allowedHosts) {
            if (pattern.isBlank() || pattern.contains("/") || pattern.contains(" ")) {
                throw new LoadTestConfigurationException("Allowed hosts (@LoadTest `allowedHosts` or configuration "
                        + "parameter `" + LoadTest.ALLOWED_HOSTS_PROPERTY_NAME + "`) are host or host:port patterns "
                        + "such as 127.0.0.1 or *.staging.example.com:8443, but one was '" + pattern + "'.");
            }
        }
        Optional<java.nio.file.Path> trustStore = parameters.get(TrustSettings.TRUST_STORE_PROPERTY_NAME)
                .map(java.nio.file.Path::of);
        trustStore.ifPresent(path -> {
            if (!java.nio.file.Files.isReadable(path)) {
                throw new LoadTestConfigurationException("Configuration parameter `"
                        + TrustSettings.TRUST_STORE_PROPERTY_NAME + "` names a trust store that cannot be read: "
                        + path.toAbsolutePath() + ".");
            }
        });
        String password = parameters.get(TrustSettings.TRUST_STORE_PASSWORD_PROPERTY_NAME).orElse("");
        boolean trustAll = parameters.get(TrustSettings.TRUST_ALL_PROPERTY_NAME).map(text -> {
            if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
                throw new LoadTestConfigurationException("Configuration parameter `"
                        + TrustSettings.TRUST_ALL_PROPERTY_NAME + "` requires true or false, but was '" + text + "'.");
            }
            return Boolean.parseBoolean(text);
        }).orElse(false);
        List<String> secretNames = parameters.get(TrustSettings.SECRET_NAMES_PROPERTY_NAME)
                .map(ProfileReader::commaSeparated).orElse(TrustSettings.DEFAULT_SECRET_NAMES);
        return new TrustSettings(maxRps, allowedHosts, trustStore, password, trustAll, secretNames);
    }

    private static List<String> commaSeparated(String text) {
        return java.util.Arrays.stream(text.split(",")).map(String::trim).filter(part -> !part.isEmpty()).toList();
    }

    private HttpSettings httpSettings() {
        HttpSettings defaults = HttpSettings.DEFAULTS;
        Duration connect = parameters.get(HttpSettings.CONNECT_TIMEOUT_PROPERTY_NAME)
                .map(text -> positiveDuration(HttpSettings.CONNECT_TIMEOUT_PROPERTY_NAME, text))
                .orElse(defaults.connectTimeout());
        Duration response = parameters.get(HttpSettings.RESPONSE_TIMEOUT_PROPERTY_NAME)
                .map(text -> positiveDuration(HttpSettings.RESPONSE_TIMEOUT_PROPERTY_NAME, text))
                .orElse(defaults.responseTimeout());
        int names = parameters.get(HttpSettings.MAX_REQUEST_NAMES_PROPERTY_NAME)
                .map(text -> wholeNumber(HttpSettings.MAX_REQUEST_NAMES_PROPERTY_NAME, text, 1))
                .orElse(defaults.maxRequestNames());
        return new HttpSettings(connect, response, names);
    }

    private static Duration positiveDuration(String parameter, String text) {
        Duration duration = parseDuration(text, "Configuration parameter `" + parameter + "` requires "
                + DurationSyntax.FORMAT + ", but was '" + text + "'.");
        if (duration.isZero()) {
            throw new LoadTestConfigurationException(
                    "Configuration parameter `" + parameter + "` requires a duration > 0, but was '" + text + "'.");
        }
        return duration;
    }
}
