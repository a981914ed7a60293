package dev.junitloadtest.samples.container;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Runs a test class only where a Docker engine answers, and otherwise skips it with the reason in the test report,
 * so a missing Docker shows as skipped, never as passed. Where Docker must be there (CI), set the system property or
 * environment variable named by {@link Condition#REQUIRE_PROPERTY} / {@link Condition#REQUIRE_VARIABLE} to
 * {@code true}: the class then runs, and fails, without it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(RequiresDocker.Condition.class)
public @interface RequiresDocker {

    /** The condition behind {@link RequiresDocker}. */
    final class Condition implements ExecutionCondition {

        /** System property that makes Docker required: {@value}. */
        public static final String REQUIRE_PROPERTY = "junitloadtest.test.require-docker";

        /** Environment variable that makes Docker required: {@value}. */
        public static final String REQUIRE_VARIABLE = "LOADTEST_TEST_REQUIRE_DOCKER";

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (DockerClientFactory.instance().isDockerAvailable()) {
                return ConditionEvaluationResult.enabled("Docker is available");
            }
            if (Boolean.getBoolean(REQUIRE_PROPERTY) || "true".equalsIgnoreCase(System.getenv(REQUIRE_VARIABLE))) {
                return ConditionEvaluationResult.enabled("Docker is required here (" + REQUIRE_PROPERTY + " or "
                        + REQUIRE_VARIABLE + ") but is not available: the class will fail");
            }
            return ConditionEvaluationResult.disabled("Docker is not available, and " + context.getDisplayName()
                    + " runs the sample target in a container. Install and start Docker (.ci/run does), or set " + REQUIRE_VARIABLE
                    + "=true to make a missing Docker fail the build.");
        }
    }
}
