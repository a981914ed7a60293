package dev.junitloadtest.bench;

import org.junit.jupiter.api.AfterAll;

import dev.junitloadtest.LoadTest;
import dev.junitloadtest.LoadTestVerdicts;
import dev.junitloadtest.OnStart;
import dev.junitloadtest.Task;
import dev.junitloadtest.Users;
import dev.junitloadtest.WaitTime;
import dev.junitloadtest.http.Http;

/**
 * Idle users for the memory benchmark: each user sends one request when it starts (so it holds a kept-alive
 * connection, a cookie store and a context), then waits. The bench reads the JVM's RSS once all are up. Users and
 * duration come from {@code -Dloadtest.users} and {@code -Dloadtest.duration}.
 */
@LoadTest(duration = "60s", stopTimeout = "5s")
@Users(count = 1000, spawnRate = 5000)
@WaitTime(min = "1h")
class IdleUsersLoadTest implements LoadTestVerdicts {

    @OnStart
    void once(Http http) {
        http.get("/");
    }

    @Task
    void idle() {
        // nothing: the user only waits
    }

    @AfterAll
    static void report(dev.junitloadtest.result.LoadTestResult result) {
        ResultLine.write(result, "");
    }
}
