package dev.junitloadtest.sampletarget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** {@code close()} leaves no thread of the target behind. Isolated: it looks at every thread of the JVM. */
@Isolated
class SampleTargetCloseTests {

    @AutoClose
    final Http http = new Http();

    @Test
    void closeEndsEveryThreadOfTheTarget() throws InterruptedException {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        CompletableFuture<Thread> handler = new CompletableFuture<>();
        CountDownLatch never = new CountDownLatch(1);
        SampleTarget target = SampleTarget.builder()
                .sleeper(seconds -> {
                    handler.complete(Thread.currentThread());
                    never.await(); // as long as a real sleep: until interrupted
                })
                .start();
        target.setCounter(10);
        var response = http.getAsync(target.baseUri().resolve("/volatile"));
        Thread handlerThread = handler.join();
        assertThat(handlerThread.isVirtual()).isTrue();
        assertThat(handlerThread.getName()).isEqualTo("sample-target-" + target.port() + "-0");
        assertThat(serverThreads(before)).isNotEmpty();

        target.close();

        // close() returns once every handler's task has returned; the thread itself ends just after.
        handlerThread.join(Duration.ofSeconds(5));
        assertThat(handlerThread.isAlive()).isFalse();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(serverThreads(before)).isEmpty());
        assertThat(response).failsWithin(Duration.ofSeconds(5));
    }

    /** Platform threads started since {@code before}, but those of the HTTP client and the JDK's own. */
    private static Set<String> serverThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread) && thread.isAlive())
                .map(Thread::getName)
                // The JDK starts some threads of its own lazily, e.g. "VirtualThread-unblocker" on JDK 25.
                .filter(name -> !name.startsWith("HttpClient-") && !name.startsWith("ForkJoinPool")
                        && !name.startsWith("awaitility") && !name.startsWith("junit")
                        && !name.startsWith("VirtualThread-"))
                .collect(Collectors.toSet());
    }
}
