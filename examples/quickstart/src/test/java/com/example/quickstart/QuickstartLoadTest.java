package com.example.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.junitloadtest.LoadTest;
import dev.junitloadtest.LoadTestVerdicts;
import dev.junitloadtest.Task;
import dev.junitloadtest.Threshold;
import dev.junitloadtest.Users;
import dev.junitloadtest.WaitTime;
import dev.junitloadtest.http.Http;
import dev.junitloadtest.result.LoadTestResult;

/**
 * Ten users for three seconds against the sample target, whose host comes from {@code -Dloadtest.host=...} (or the
 * {@code TARGET_HOST} environment variable). Each threshold is a test of its own, named after its expression.
 */
@LoadTest(duration = "3s")
@Users(count = 10, spawnRate = 10)
@WaitTime(min = "20ms", max = "50ms")
@Threshold("p95 < 500ms")
@Threshold(value = "failure_rate < 1%", request = "GET /")
class QuickstartLoadTest implements LoadTestVerdicts {

    @Task(weight = 3)
    void home(Http http) {
        http.get("/");
    }

    @Task(weight = 1)
    void order(Http http) {
        http.get("/orders/{id}", 42);
    }

    @Test
    void everyRequestNameWasMeasured(LoadTestResult result) {
        assertThat(result.request("GET /").orElseThrow().count()).isPositive();
        assertThat(result.request("GET /orders/{id}").orElseThrow().count()).isPositive();
    }
}
