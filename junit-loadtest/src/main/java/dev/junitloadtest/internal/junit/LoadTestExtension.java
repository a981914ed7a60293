package dev.junitloadtest.internal.junit;

import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.MultipleFailuresError;
import org.opentest4j.TestAbortedException;

import dev.junitloadtest.LoadTest;
import dev.junitloadtest.LoadTestHost;
import dev.junitloadtest.LoadTestVerdicts;
import dev.junitloadtest.Task;
import dev.junitloadtest.VirtualUser;
import dev.junitloadtest.http.Http;
import dev.junitloadtest.internal.config.ConfigurationParameters;
import dev.junitloadtest.internal.config.LoadProfile;
import dev.junitloadtest.internal.config.LoadTestConfigurationException;
import dev.junitloadtest.internal.config.ProfileReader;
import dev.junitloadtest.internal.engine.LoadRun;
import dev.junitloadtest.internal.recording.RunListener;
import dev.junitloadtest.internal.report.Reporting;
import dev.junitloadtest.internal.threshold.ThresholdPlan;
import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.result.TaskStats;

/**
 * Adapts junit-loadtest to JUnit Jupiter, and is the only class that touches {@link ExtensionContext}: it validates
 * the configuration before the class's tests ({@code beforeAll}), runs the load test once when the first test,
 * task or verdict of the class needs it (after every {@code @BeforeAll}, so servers started there are up), shows each
 * {@link Task @Task} of the test class as a test template with its outcome, and injects the
 * {@link LoadTestResult}. Registered by {@link LoadTest @LoadTest} and {@link Task @Task}. Internal.
 */
public final class LoadTestExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback,
        ParameterResolver, TestTemplateInvocationContextProvider, InvocationInterceptor {

    private static final Namespace NAMESPACE = Namespace.create(LoadTestExtension.class);
    private static final Duration SAMPLE_INTERVAL = Duration.ofSeconds(1);

    @Override
    public void beforeAll(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        if (!isLoadTest(testClass)) {
            return;
        }
        try {
            ConfigurationParameters parameters = key -> context.getConfigurationParameter(key)
                    .map(String::trim).filter(value -> !value.isEmpty());
            LoadProfile profile = new ProfileReader(testClass, parameters, System::getenv).read();
            ThresholdPlan thresholds = ThresholdPlan.read(testClass, parameters);
            HostResolver.targetHostMember(testClass);
            context.getStore(NAMESPACE).put(ClassState.class, new ClassState(profile, thresholds, parameters));
        } catch (LoadTestConfigurationException e) {
            throw new ExtensionConfigurationException(e.getMessage(), e);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (loadTestContext(context).isPresent() && !isTask(context.getTestMethod())) {
            result(context);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (!isLoadTest(context.getRequiredTestClass())) {
            return;
        }
        ClassState state = context.getStore(NAMESPACE).get(ClassState.class, ClassState.class);
        if (state == null || LoadTestVerdicts.class.isAssignableFrom(context.getRequiredTestClass())) {
            return;
        }
        // Without LoadTestVerdicts the thresholds have no tests of their own: they fail the class, all together.
        state.resultIfRun().ifPresent(result -> {
            List<Throwable> breaches = result.thresholds().stream().filter(verdict -> !verdict.passed())
                    .map(verdict -> (Throwable) new AssertionFailedError(verdict.displayName() + ": "
                            + verdict.message()))
                    .toList();
            if (!breaches.isEmpty()) {
                throw new MultipleFailuresError(breaches.size() + " threshold(s) of " + result.profile().testName()
                        + " failed", breaches);
            }
        });
    }

    // Parameters

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == LoadTestResult.class) {
            return loadTestContext(context).isPresent();
        }
        // Task methods are test templates whose invocations are skipped; their parameters need a value all the same.
        return (type == Http.class || type == VirtualUser.class)
                && parameter.getDeclaringExecutable().isAnnotationPresent(Task.class);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (parameter.getParameter().getType() == LoadTestResult.class) {
            return result(context);
        }
        return null;
    }

    // Tasks as test templates

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return isTask(context.getTestMethod());
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        Method task = context.getRequiredTestMethod();
        if (loadTestContext(context).isEmpty()) {
            String type = context.getRequiredTestClass().getSimpleName();
            return Stream.of(invocation("not run: " + type + " is a user type, not a load test", () -> {
                throw new TestAbortedException(type + " has @Task methods but no @LoadTest, so it is not run on its "
                        + "own: it runs as a user type of the load tests that list it with @UserType(" + type
                        + ".class). Annotate it with @LoadTest to run it alone.");
            }));
        }
        LoadTestResult result;
        try {
            result = result(context);
        } catch (RuntimeException failure) {
            return Stream.of(invocation("the run failed", () -> {
                throw failure;
            }));
        }
        // The test class's own tasks (inherited ones too) run as the user type named after the test class.
        String userType = context.getRequiredTestClass().getSimpleName();
        TaskStats stats = result.tasks().stream()
                .filter(t -> t.userType().equals(userType) && t.task().equals(task.getName()))
                .findFirst().orElse(new TaskStats(userType, task.getName(), 0, 0));
        String name = String.format(Locale.ROOT, "%,d run%s, %s", stats.iterations(),
                stats.iterations() == 1 ? "" : "s",
                stats.exceptions() == 0 ? "no exceptions" : String.format(Locale.ROOT, "%,d threw", stats.exceptions()));
        return Stream.of(invocation(name, () -> verifyTask(result, stats)));
    }

    private static void verifyTask(LoadTestResult result, TaskStats stats) {
        if (stats.iterations() == 0) {
            throw new TestAbortedException(stats.task() + "() never ran in this run (" + result.profile().loadModel()
                    + ")");
        }
        if (stats.exceptions() > 0) {
            String where = stats.userType() + "." + stats.task();
            String examples = result.exceptions().stream().filter(e -> e.where().contains(where)).limit(3)
                    .map(e -> e.count() + " × " + e.traceback()).reduce((a, b) -> a + "\n" + b).orElse("");
            throw new AssertionFailedError(String.format(Locale.ROOT, "%s() threw in %,d of %,d runs:%n%s",
                    stats.task(), stats.exceptions(), stats.iterations(), examples));
        }
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext) throws Throwable {
        if (!invocationContext.getExecutable().isAnnotationPresent(Task.class)) {
            invocation.proceed();
            return;
        }
        // The virtual users ran the task; this invocation only reports how that went.
        invocation.skip();
        TaskVerdict verdict = extensionContext.getStore(NAMESPACE).get(TaskVerdict.class, TaskVerdict.class);
        if (verdict != null) {
            verdict.check().run();
        }
    }

    private static TestTemplateInvocationContext invocation(String displayName, Runnable check) {
        return new TestTemplateInvocationContext() {
            @Override
            public String getDisplayName(int invocationIndex) {
                return displayName;
            }

            @Override
            public List<org.junit.jupiter.api.extension.Extension> getAdditionalExtensions() {
                return List.of((BeforeEachCallback) context ->
                        context.getStore(NAMESPACE).put(TaskVerdict.class, new TaskVerdict(check)));
            }
        };
    }

    private record TaskVerdict(Runnable check) {
    }

    // The run

    private static LoadTestResult result(ExtensionContext context) {
        ExtensionContext classContext = loadTestContext(context).orElseThrow(() -> new IllegalStateException(
                context.getRequiredTestClass().getName() + " is not a @LoadTest class"));
        ClassState state = classContext.getStore(NAMESPACE).get(ClassState.class, ClassState.class);
        if (state == null) {
            throw new IllegalStateException("The load test " + classContext.getRequiredTestClass().getName()
                    + " was not prepared before its tests; its configuration failed");
        }
        return state.result(() -> run(classContext, state));
    }

    private static LoadRun.Outcome run(ExtensionContext classContext, ClassState state) {
        LoadProfile configured = state.profile();
        Class<?> testClass = classContext.getRequiredTestClass();
        LoadProfile profile;
        try {
            profile = withHostFromCode(classContext, testClass, configured);
        } catch (LoadTestConfigurationException e) {
            throw new ExtensionConfigurationException(e.getMessage(), e);
        }
        Reporting reporting = Reporting.create(testClass, profile, state.parameters());
        List<RunListener> listeners = new ArrayList<>(reporting.listeners());
        // The run object exists only once the listeners are known; the abort reaches it through this holder.
        LoadRun[] holder = new LoadRun[1];
        listeners.addAll(state.thresholds().listeners(reason -> holder[0].abort(reason)));
        LoadRun run = new LoadRun(profile, listeners, SAMPLE_INTERVAL);
        holder[0] = run;
        LoadRun.Outcome outcome = run.run();
        LoadTestResult result = outcome.result().withThresholds(state.thresholds().evaluate(outcome.result()));
        Reporting.Attachments attachments = reporting.finish(result);
        publishHeadline(classContext, result, attachments);
        Optional<RuntimeException> failure = outcome.failure().map(e -> e instanceof LoadTestConfigurationException
                ? new ExtensionConfigurationException(e.getMessage(), e) : e);
        return new LoadRun.Outcome(result, failure);
    }

    private static LoadProfile withHostFromCode(ExtensionContext classContext, Class<?> testClass,
            LoadProfile profile) {
        if (profile.host().isPresent()) {
            return profile;
        }
        Optional<Member> member = HostResolver.targetHostMember(testClass);
        if (member.isPresent()) {
            return profile.withHost(HostResolver.read(member.get(), testClass),
                    "@TargetHost " + testClass.getSimpleName() + "." + member.get().getName());
        }
        return LoadTestHost.published(classContext).map(host -> profile.withHost(host, "LoadTestHost (extension)"))
                .orElse(profile);
    }

    private static void publishHeadline(ExtensionContext context, LoadTestResult result,
            Reporting.Attachments attachments) {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("loadtest.requests", Long.toString(result.total().count()));
        entries.put("loadtest.failures", Long.toString(result.total().failures()));
        entries.put("loadtest.rps", String.format(Locale.ROOT, "%.1f", result.total().throughput()));
        entries.put("loadtest.p95.ms", String.format(Locale.ROOT, "%.3f",
                result.total().percentile(95).toNanos() / 1e6));
        entries.putAll(attachments.entries());
        for (java.nio.file.Path file : attachments.files()) {
            try {
                context.publishFile(file.getFileName().toString(), mediaType(file),
                        target -> java.nio.file.Files.copy(file, target));
            } catch (org.junit.platform.commons.JUnitException e) {
                // Launchers may disable file outputs (EngineTestKit does by default): the run must not fail for it.
                entries.put("loadtest.files-not-attached", e.getMessage());
                break;
            }
        }
        context.publishReportEntry(entries);
    }

    private static org.junit.jupiter.api.MediaType mediaType(java.nio.file.Path file) {
        String name = file.getFileName().toString();
        String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return switch (extension) {
            case "html" -> org.junit.jupiter.api.MediaType.create("text", "html", java.nio.charset.StandardCharsets.UTF_8);
            case "json" -> org.junit.jupiter.api.MediaType.APPLICATION_JSON;
            case "csv" -> org.junit.jupiter.api.MediaType.create("text", "csv", java.nio.charset.StandardCharsets.UTF_8);
            default -> org.junit.jupiter.api.MediaType.APPLICATION_OCTET_STREAM;
        };
    }

    /** The context of the {@code @LoadTest} class at or above {@code context}, for {@code @Nested} tests too. */
    private static Optional<ExtensionContext> loadTestContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current != null) {
            Optional<Class<?>> testClass = current.getTestClass();
            if (current.getTestMethod().isEmpty() && testClass.isPresent() && isLoadTest(testClass.get())) {
                return Optional.of(current);
            }
            current = current.getParent().orElse(null);
        }
        return Optional.empty();
    }

    private static boolean isLoadTest(Class<?> testClass) {
        return AnnotationSupport.isAnnotated(testClass, LoadTest.class);
    }

    private static boolean isTask(Optional<Method> method) {
        return method.isPresent() && AnnotationSupport.isAnnotated(method.get(), Task.class);
    }
}
