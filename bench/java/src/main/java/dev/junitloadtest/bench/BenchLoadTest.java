package dev.junitloadtest.bench;

import org.junit.jupiter.api.AfterAll;

import dev.junitloadtest.LoadTest;
import dev.junitloadtest.LoadTestVerdicts;
import dev.junitloadtest.Task;
import dev.junitloadtest.Users;
import dev.junitloadtest.http.Http;
import dev.junitloadtest.result.LoadTestResult;

/**
 * The throughput benchmark as a user writes it: one task, no wait. The bench sets the users, the duration and the
 * host with {@code -Dloadtest.users=50 -Dloadtest.duration=15s -Dloadtest.host=http://127.0.0.1:8080}.
 */
@LoadTest(duration = "15s")
@Users(count = 50)
class BenchLoadTest implements LoadTestVerdicts {

    @Task
    void home(Http http) {
        http.get("/");
    }

    @AfterAll
    static void report(LoadTestResult result) {
        ResultLine.write(result, "");
    }
}
