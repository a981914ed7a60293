package dev.junitloadtest;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Constants;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.commons.support.AnnotationSupport;

import dev.junitloadtest.result.LoadTestResult;

/**
 * {@code ResultCapture} keeps the {@link LoadTestResult} of every load test class of one engine run, for the test that
 * started the run, so fixtures need no static field to hand it over. Open one per run, run with
 * {@link #parametersWith its configuration parameters}, read {@link #results()}, close it ({@link EngineRuns#runLoad}
 * does all of it).
 *
 * <p>How the result gets out: the parameters turn on JUnit's extension autodetection for that run alone, limited to
 * {@link Keeper} (registered in {@code META-INF/services}), and name this capture. When a load test class ends, the
 * keeper asks JUnit for its {@code LoadTestResult} as an {@code @AfterAll} parameter, through the library's own
 * resolver, and hands it to the capture named. Runs on several threads, and classes run in parallel within one run,
 * each keep their own. Test support, not part of the library.
 */
public final class ResultCapture implements AutoCloseable {

    /** The configuration parameter that names the capture of a run. */
    static final String CAPTURE_PARAMETER = "junitloadtest.tests.result-capture";

    // Configuration parameters carry only strings, so a run names its capture by id, and finds it here while open.
    private static final Map<String, ResultCapture> OPEN = new ConcurrentHashMap<>();

    private final String id = UUID.randomUUID().toString();
    private final Map<Class<?>, LoadTestResult> results = new ConcurrentHashMap<>();

    private ResultCapture() {
    }

    /** A capture ready for one run; close it after the run. */
    public static ResultCapture open() {
        ResultCapture capture = new ResultCapture();
        OPEN.put(capture.id, capture);
        return capture;
    }

    /** {@code parameters}, and the configuration parameters that make a run hand its results to this capture. */
    public Map<String, String> parametersWith(Map<String, String> parameters) {
        Map<String, String> all = new HashMap<>(parameters);
        all.put(Constants.EXTENSIONS_AUTODETECTION_ENABLED_PROPERTY_NAME, "true");
        all.put(Constants.EXTENSIONS_AUTODETECTION_INCLUDE_PROPERTY_NAME, Keeper.class.getName());
        all.put(CAPTURE_PARAMETER, id);
        return all;
    }

    /** The results kept so far, by load test class. */
    public Map<Class<?>, LoadTestResult> results() {
        return Map.copyOf(results);
    }

    @Override
    public void close() {
        OPEN.remove(id);
    }

    /**
     * Hands the result of each load test class to the capture its run names; does nothing in runs that name none.
     * Registered through {@code META-INF/services}, so JUnit finds it only where autodetection is on.
     */
    public static final class Keeper implements AfterAllCallback {

        @Override
        public void afterAll(ExtensionContext context) throws NoSuchMethodException {
            ResultCapture capture = context.getConfigurationParameter(CAPTURE_PARAMETER).map(OPEN::get).orElse(null);
            if (capture == null || !AnnotationSupport.isAnnotated(context.getTestClass(), LoadTest.class)) {
                return;
            }
            Method keep = Receiver.class.getDeclaredMethod("keep", LoadTestResult.class);
            try {
                context.getExecutableInvoker().invoke(keep, new Receiver(capture, context.getRequiredTestClass()));
            } catch (ParameterResolutionException noResult) {
                // The class failed before its run (a configuration error): there is no result, and the test that
                // asks for one is told so by the capture.
            }
        }
    }

    /** Receives the result as an {@code @AfterAll} method would. */
    private record Receiver(ResultCapture capture, Class<?> testClass) {

        @SuppressWarnings("unused") // invoked by JUnit, which resolves its parameter
        void keep(LoadTestResult result) {
            capture.results.put(testClass, result);
        }
    }
}
