package com.example.quickstart;

import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import dev.junitloadtest.LoadTest;
import dev.junitloadtest.LoadTestVerdicts;
import dev.junitloadtest.Task;
import dev.junitloadtest.Threshold;
import dev.junitloadtest.Users;
import dev.junitloadtest.WaitTime;
import dev.junitloadtest.http.Http;

/**
 * A budget that breaks on purpose: the sample target's {@code /buggy} fails one request in five, so
 * {@code failure_rate < 1% [GET /buggy]} fails with the figures. Off unless
 * {@code -Djunitloadtest.example.failing=true}, so that a plain {@code mvn test} passes.
 */
@EnabledIfSystemProperty(named = "junitloadtest.example.failing", matches = "true",
        disabledReason = "fails on purpose; run with -Djunitloadtest.example.failing=true")
@LoadTest(duration = "2s")
@Users(count = 5, spawnRate = 5)
@WaitTime(min = "20ms", max = "50ms")
@Threshold(value = "failure_rate < 1%", request = "GET /buggy")
@Threshold("p99 < 2s")
class BuggyBudgetLoadTest implements LoadTestVerdicts {

    @Task
    void buggy(Http http) {
        http.get("/buggy");
    }
}
