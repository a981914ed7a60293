package dev.junitloadtest.bench;

import org.junit.jupiter.api.AfterAll;

import dev.junitloadtest.LoadTest;
import dev.junitloadtest.LoadTestVerdicts;
import dev.junitloadtest.OnStart;
import dev.junitloadtest.Task;
import dev.junitloadtest.Users;
import dev.junitloadtest.VirtualUser;
import dev.junitloadtest.WaitTime;
import dev.junitloadtest.http.Http;

/**
 * Idle users for the memory benchmark: each user sends one request when it starts (so it holds a kept-alive
 * connection, a cookie store and a context), then waits. The bench reads the JVM's RSS once all are up. Users and
 * duration come from {@code -Dloadtest.users} and {@code -Dloadtest.duration}. With {@code -Dbench.addresses=N} and
 * {@code -Dbench.port=P}, user i sends its request to 127.0.0.(1 + i % N):P, so that more users than one address pair
 * has ports can each hold a connection; with {@code -Dbench.request=false} users send nothing and hold no connection
 * (what a user costs the JVM without its socket).
 */
@LoadTest(duration = "60s", stopTimeout = "5s")
@Users(count = 1000, spawnRate = 5000)
@WaitTime(min = "1h")
class IdleUsersLoadTest implements LoadTestVerdicts {

    private static final int ADDRESSES = Integer.getInteger("bench.addresses", 1);
    private static final boolean REQUEST = Boolean.parseBoolean(System.getProperty("bench.request", "true"));

    @OnStart
    void once(Http http, VirtualUser user) {
        if (!REQUEST) {
            return;
        }
        if (ADDRESSES <= 1) {
            http.get("/");
        } else {
            http.get("http://127.0.0." + (1 + user.id() % ADDRESSES) + ":" + Integer.getInteger("bench.port") + "/");
        }
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
