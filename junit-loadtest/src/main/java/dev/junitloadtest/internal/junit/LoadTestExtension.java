package dev.junitloadtest.internal.junit;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.apiguardian.api.API;
import org.junit.jupiter.api.MediaType;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.AfterClassTemplateInvocationCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.jupiter.api.extension.BeforeClassTemplateInvocationCallback;
import org.junit.jupiter.api.extension.ClassTemplateInvocationContext;
import org.junit.jupiter.api.extension.ClassTemplateInvocationContextProvider;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.MultipleFailuresError;
import org.opentest4j.TestAbortedException;

import dev.junitloadtest.LoadTest;
import dev.junitloadtest.LoadTestVerdicts;
import dev.junitloadtest.Task;
import dev.junitloadtest.VirtualUser;
import dev.junitloadtest.http.Http;
import dev.junitloadtest.internal.config.ConfigurationKeys;
import dev.junitloadtest.internal.config.ConfigurationParameters;
import dev.junitloadtest.internal.config.LoadProfile;
import dev.junitloadtest.internal.config.LoadTestConfigurationException;
import dev.junitloadtest.internal.config.ProfileReader;
import dev.junitloadtest.internal.capacity.CapacityPlan;
import dev.junitloadtest.internal.engine.LoadRun;
import dev.junitloadtest.internal.engine.LoadTestRunner;
import dev.junitloadtest.internal.locust.LocustWorkerSettings;
import dev.junitloadtest.internal.merge.MergeSettings;
import dev.junitloadtest.internal.merge.ShardSources;
import dev.junitloadtest.internal.report.ReportSettings;
import dev.junitloadtest.internal.report.Reporting;
import dev.junitloadtest.internal.threshold.ThresholdPlan;
import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.result.TaskStats;

/**
 * Adapts junit-loadtest to JUnit Jupiter, and is the only class that touches {@link ExtensionContext}. A
 * {@link LoadTest @LoadTest} class is a class template with one invocation, the run: {@code beforeAll} validates the
 * configuration (before any user starts); the invocation's before-callback runs the load, after every
 * {@code @BeforeAll} so servers started there are up, and before any test of the class; its after-callback fails the
 * run's node with what no test of the class showed: the failed verdicts when the class has no
 * {@link LoadTestVerdicts}, exceptions thrown by tasks of other user types. Each {@link Task @Task} of the class is a
 * test template with one invocation reporting the task's outcome. Injects the {@link LoadTestResult} into tests and
 * {@code @AfterAll} methods. Internal.
 */
@API(status = INTERNAL, since = "0.1")
public final class LoadTestExtension implements BeforeAllCallback, ClassTemplateInvocationContextProvider,
        BeforeClassTemplateInvocationCallback, AfterClassTemplateInvocationCallback, ParameterResolver,
        TestTemplateInvocationContextProvider, InvocationInterceptor {

    private static final Namespace NAMESPACE = Namespace.create(LoadTestExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!isLoadTestClassContext(context)) {
            return;
        }
        Class<?> testClass = context.getRequiredTestClass();
        try {
            ConfigurationKeys.requireKnown(ConfigurationKeys.of(System.getProperties(), testClass.getClassLoader()));
            ConfigurationParameters parameters = key -> context.getConfigurationParameter(key)
                    .map(String::trim).filter(value -> !value.isEmpty());
            ProfileReader reader = new ProfileReader(testClass, parameters, System::getenv);
            // The host given in code is known only when the run starts: the run's profile is read then, from reader.
            LoadProfile profile = reader.read();
            ThresholdPlan thresholds = ThresholdPlan.read(testClass, parameters, profile);
            CapacityPlan.of(profile); // its budgets are checked now, before any user starts
            ReportSettings reports = ReportSettings.read(testClass, parameters, System::getenv);
            HostResolver.targetHostMember(testClass);
            // The shards are read and checked before @BeforeAll, so a merge that cannot be made fails at once.
            Optional<ShardSources> merge = MergeSettings.mergeFolders(parameters, profile.shard())
                    .map(folders -> ShardSources.find(testClass, folders, reports.directory()));
            Optional<LocustWorkerSettings> locust = LocustWorkerSettings.read(parameters);
            locust.ifPresent(LocustWorkerSettings::requireLibraries);
            context.getStore(NAMESPACE).put(ClassState.class, new ClassState(reader, profile, thresholds, reports,
                    timeLimit(testClass), merge, locust));
        } catch (LoadTestConfigurationException e) {
            throw new ExtensionConfigurationException(e.getMessage(), e);
        }
    }

    // The run as the class template's one invocation

    @Override
    public boolean supportsClassTemplate(ExtensionContext context) {
        return isLoadTestClassContext(context);
    }

    @Override
    public Stream<ClassTemplateInvocationContext> provideClassTemplateInvocationContexts(ExtensionContext context) {
        ClassState state = context.getStore(NAMESPACE).get(ClassState.class, ClassState.class);
        String name = state == null ? "load run" : "load run: " + state.profile().describeModel();
        return Stream.of(new ClassTemplateInvocationContext() {
            @Override
            public String getDisplayName(int invocationIndex) {
                return name;
            }
        });
    }

    @Override
    public void beforeClassTemplateInvocation(ExtensionContext context) {
        ClassState state = state(context);
        state.result(() -> run(classContext(context), state));
    }

    @Override
    public void afterClassTemplateInvocation(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        state(context).resultIfRun().ifPresent(result -> {
            List<Throwable> failures = new ArrayList<>();
            if (!LoadTestVerdicts.class.isAssignableFrom(testClass)) {
                // Without LoadTestVerdicts the verdicts have no tests of their own: they fail the run's node.
                LoadTestVerdicts.Verdicts.failedVerdicts(result).forEach(
                        (name, message) -> failures.add(new AssertionFailedError(name + ": " + message)));
            } else {
                // A run that failed on the generator's side fails its own node too, not only its verdicts leaf.
                result.runFailures().forEach(
                        failure -> failures.add(new AssertionFailedError("The run failed: " + failure)));
            }
            // Tasks of the test class show their exceptions as tests; those of other user types show them here.
            String ownType = testClass.getSimpleName();
            result.tasks().stream().filter(task -> task.exceptions() > 0 && !task.userType().equals(ownType))
                    .forEach(task -> failures.add(new AssertionFailedError(taskFailure(result, task))));
            if (!failures.isEmpty()) {
                throw new MultipleFailuresError("The load run of " + result.profile().testName() + " failed "
                        + failures.size() + " verdict(s)", failures);
            }
        });
    }

    // Tasks as test templates

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().filter(method -> AnnotationSupport.isAnnotated(method, Task.class)).isPresent();
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        Method task = context.getRequiredTestMethod();
        if (loadTestClassContext(context).isEmpty()) {
            String type = context.getRequiredTestClass().getSimpleName();
            return Stream.of(invocation("not run: " + type + " is a user type, not a load test", () -> {
                throw new TestAbortedException(type + " has @Task methods but no @LoadTest, so it does not run on its "
                        + "own: it runs as a user type of the load tests that list it with @UserType(" + type
                        + ".class). Annotate it with @LoadTest to run it alone.");
            }));
        }
        Optional<LoadTestResult> ran = state(context).resultIfRun();
        if (ran.isEmpty()) {
            return Stream.of(invocation("not run", () -> {
                throw new TestAbortedException("The load run did not happen");
            }));
        }
        LoadTestResult result = ran.get();
        // The test class's own tasks (inherited ones too) run as the user type named after the test class.
        String userType = loadTestClassContext(context).get().getRequiredTestClass().getSimpleName();
        TaskStats stats = result.tasks().stream()
                .filter(t -> t.userType().equals(userType) && t.task().equals(task.getName()))
                .findFirst().orElse(new TaskStats(userType, task.getName(), 0, 0));
        String name = String.format(Locale.ROOT, "%,d run%s, %s", stats.iterations(),
                stats.iterations() == 1 ? "" : "s", stats.exceptions() == 0 ? "no exceptions"
                        : String.format(Locale.ROOT, "%,d threw", stats.exceptions()));
        return Stream.of(invocation(name, () -> {
            if (stats.iterations() == 0) {
                throw new TestAbortedException(stats.task() + "() never ran (" + result.profile().loadModel() + ")");
            }
            if (stats.exceptions() > 0) {
                throw new AssertionFailedError(taskFailure(result, stats));
            }
        }));
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext) throws Throwable {
        if (!AnnotationSupport.isAnnotated(invocationContext.getExecutable(), Task.class)) {
            invocation.proceed();
            return;
        }
        // The virtual users ran the task; this invocation only reports how that went.
        invocation.skip();
        TaskOutcome outcome = extensionContext.getStore(NAMESPACE).get(TaskOutcome.class, TaskOutcome.class);
        if (outcome != null) {
            outcome.verify().run();
        }
    }

    private static TestTemplateInvocationContext invocation(String displayName, Runnable verify) {
        return new TestTemplateInvocationContext() {
            @Override
            public String getDisplayName(int invocationIndex) {
                return displayName;
            }

            @Override
            public List<Extension> getAdditionalExtensions() {
                return List.of(
                        (BeforeEachCallback) context -> context.getStore(NAMESPACE).put(TaskOutcome.class,
                                new TaskOutcome(verify)),
                        // The method is not called, but JUnit resolves its parameters all the same.
                        new ParameterResolver() {
                            @Override
                            public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
                                Class<?> type = parameter.getParameter().getType();
                                return type == Http.class || type == VirtualUser.class;
                            }

                            @Override
                            public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
                                return null;
                            }
                        });
            }
        };
    }

    private record TaskOutcome(Runnable verify) {
    }

    private static String taskFailure(LoadTestResult result, TaskStats stats) {
        String where = stats.userType() + "." + stats.task();
        StringBuilder message = new StringBuilder(String.format(Locale.ROOT, "%s() threw in %,d of %,d runs",
                where, stats.exceptions(), stats.iterations()));
        result.exceptions().stream().filter(e -> e.where().contains(where)).limit(3).forEach(e ->
                message.append(String.format(Locale.ROOT, "%n%,d × %s", e.count(), e.traceback().strip())));
        return message.toString();
    }

    // Parameters

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LoadTestResult.class && loadTestClassContext(context).isPresent();
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ClassState state = state(context);
        return state.resultIfRun().orElseThrow(() -> new ExtensionConfigurationException(
                "The LoadTestResult of " + state.profile().testName() + " is not available here: the load runs after "
                        + "the class's @BeforeAll methods, so only tests and @AfterAll methods can receive it."));
    }

    // The run

    private static LoadRun.Outcome run(ExtensionContext classContext, ClassState state) {
        Class<?> testClass = classContext.getRequiredTestClass();
        LoadProfile profile;
        try {
            profile = state.reader().read(HostResolver.inCode(classContext, testClass));
        } catch (LoadTestConfigurationException e) {
            throw new ExtensionConfigurationException(e.getMessage(), e);
        }
        LoadTestRunner runner = new LoadTestRunner(testClass, profile, state.thresholds(), state.reports(),
                state.timeLimit());
        state.locust().ifPresent(master -> runner.controlledBy(master.worker(profile.testName(),
                state.reports().directory())));
        LoadTestRunner.Finished finished = state.merge().isPresent()
                ? runner.merge(state.merge().get(), System.out, System.err)
                : runner.run(System.out, System.err);
        publish(classContext, finished.result(), finished.attachments());
        Optional<RuntimeException> failure = finished.failure().map(e -> e instanceof LoadTestConfigurationException
                ? new ExtensionConfigurationException(e.getMessage(), e) : e);
        return new LoadRun.Outcome(finished.result(), failure);
    }

    /**
     * JUnit's {@code @Timeout} covers test and lifecycle methods, not the run, which happens in a callback: on the
     * class, it bounds the run as well.
     */
    private static Optional<LoadTestRunner.TimeLimit> timeLimit(Class<?> testClass) {
        return AnnotationSupport.findAnnotation(testClass, Timeout.class).map(timeout -> new LoadTestRunner.TimeLimit(
                Duration.of(timeout.value(), timeout.unit().toChronoUnit()),
                "@Timeout(" + timeout.value() + " " + timeout.unit().name().toLowerCase(Locale.ROOT) + ")"));
    }

    private static void publish(ExtensionContext context, LoadTestResult result, Reporting.Attachments attachments) {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("loadtest.requests", Long.toString(result.total().count()));
        entries.put("loadtest.failures", Long.toString(result.total().failures()));
        entries.put("loadtest.rps", String.format(Locale.ROOT, "%.1f", result.total().throughput()));
        entries.put("loadtest.p95.ms", String.format(Locale.ROOT, "%.3f",
                result.total().percentile(95).toNanos() / 1e6));
        entries.putAll(attachments.entries());
        for (Path file : attachments.files()) {
            try {
                context.publishFile(file.getFileName().toString(), mediaType(file), target -> Files.copy(file, target));
            } catch (org.junit.platform.commons.JUnitException e) {
                // Launchers may disable file outputs (EngineTestKit does by default): the run must not fail for it.
                entries.put("loadtest.files-not-attached", e.getMessage());
                break;
            }
        }
        context.publishReportEntry(entries);
    }

    private static MediaType mediaType(Path file) {
        String name = file.getFileName().toString();
        return switch (name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT)) {
            case "html" -> MediaType.create("text", "html", StandardCharsets.UTF_8);
            case "json" -> MediaType.APPLICATION_JSON;
            case "csv" -> MediaType.create("text", "csv", StandardCharsets.UTF_8);
            default -> MediaType.create("text", "plain", StandardCharsets.UTF_8);
        };
    }

    private static ClassState state(ExtensionContext context) {
        ExtensionContext classContext = classContext(context);
        ClassState state = classContext.getStore(NAMESPACE).get(ClassState.class, ClassState.class);
        if (state == null) {
            throw new IllegalStateException("The load test " + classContext.getRequiredTestClass().getName()
                    + " was not prepared; its configuration failed");
        }
        return state;
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        return loadTestClassContext(context).orElseThrow(() -> new IllegalStateException(
                context.getRequiredTestClass().getName() + " is not a @LoadTest class"));
    }

    /** The context of the {@code @LoadTest} class template at or above {@code context}, for nested tests too. */
    private static Optional<ExtensionContext> loadTestClassContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current != null) {
            if (isLoadTestClassContext(current)) {
                return Optional.of(current);
            }
            current = current.getParent().orElse(null);
        }
        return Optional.empty();
    }

    private static boolean isLoadTestClassContext(ExtensionContext context) {
        return context.getTestMethod().isEmpty() && context.getTestClass().isPresent()
                && AnnotationSupport.isAnnotated(context.getTestClass().get(), LoadTest.class)
                && context.getParent().flatMap(ExtensionContext::getTestClass)
                        .map(parentClass -> parentClass != context.getTestClass().get()).orElse(true);
    }
}
