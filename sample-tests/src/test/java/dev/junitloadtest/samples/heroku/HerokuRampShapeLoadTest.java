package dev.junitloadtest.samples.heroku;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.junitloadtest.LoadTest;
import dev.junitloadtest.LoadTestVerdicts;
import dev.junitloadtest.RampStage;
import dev.junitloadtest.TargetHost;
import dev.junitloadtest.Task;
import dev.junitloadtest.Threshold;
import dev.junitloadtest.WaitTime;
import dev.junitloadtest.http.Http;
import dev.junitloadtest.result.HistoryPoint;
import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.result.RunProfile.StageInfo;

/**
 * The Heroku load-testing guide (LoadForge), "staged traffic growth": {@code HerokuRampShape}, a Locust
 * {@code LoadTestShape} that grows the load in four steps to see whether dynos, autoscaling and the database keep up.
 *
 * <p>The guide's stages are 50 users at 5/s, 100 at 10/s, 250 at 15/s and 500 at 20/s, five minutes each (its
 * {@code duration} values, 300 to 1200, are the times each stage ends, as {@code tick()} reads them). Here the users
 * are divided by ten and the stages last two and a half seconds: the spawn rates are kept, so each ramp takes a tenth of its
 * time in the guide. {@code -Plong} runs the guide's stages ({@code -Dloadtest.stages=5m:50@5,5m:100@10,5m:250@15,5m:500@20}).
 *
 * <p>What it shows: {@code @RampStage}, and that the users over time, in {@code result.history()}, follow the stages.
 */
@LoadTest
@RampStage(duration = "2.5s", users = 5, spawnRate = 5)
@RampStage(duration = "2.5s", users = 10, spawnRate = 10)
@RampStage(duration = "2.5s", users = 25, spawnRate = 15)
@RampStage(duration = "2.5s", users = 50, spawnRate = 20)
@WaitTime(min = "100ms", max = "300ms") // the guide's between(1, 3), 10 times shorter
@Threshold("failures == 0")
class HerokuRampShapeLoadTest implements LoadTestVerdicts {

    static final WireMockServer app = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
            .containerThreads(50).disableRequestJournal());

    @BeforeAll
    static void startApp() {
        app.start();
        app.stubFor(get("/").willReturn(aResponse().withBody("<h1>Ship faster</h1>")));
    }

    @AfterAll
    static void stopApp() {
        app.stop();
    }

    @TargetHost
    static String host() {
        return "http://127.0.0.1:" + app.port();
    }

    @Task
    void index(Http http) {
        http.get("/");
    }

    @Test
    void usersOverTimeFollowTheStages(LoadTestResult result) {
        List<StageInfo> stages = result.profile().stages();
        List<HistoryPoint> history = result.history();
        assertThat(history).hasSizeGreaterThanOrEqualTo(stages.size());
        for (HistoryPoint point : history) {
            if (point.end().compareTo(stages.getLast().end()) > 0) {
                continue; // the stop phase, after the last stage
            }
            StageInfo stage = stageAt(stages, point.end());
            // A point is taken a few milliseconds after its second is up: allow a tenth of a second of spawning.
            double tolerance = 1 + stage.spawnRate() / 10;
            assertThat((double) point.users())
                    .as("users at %s (stage %d: %d users at %s/s)", point.end(), stage.number(), stage.users(),
                            stage.spawnRate())
                    .isCloseTo(expectedUsers(stages, point.end()), org.assertj.core.api.Assertions.within(tolerance));
        }
    }

    @Test
    void eachStageReachesItsUsersAndItsLoadGrowsWithThem(LoadTestResult result) {
        List<StageInfo> stages = result.profile().stages();
        double previousThroughput = 0;
        for (StageInfo stage : stages) {
            LoadTestResult window = result.stage(stage.number());
            // Once its ramp is over, a stage holds exactly its users.
            Duration rampEnd = stage.start().plus(rampTime(stages, stage));
            List<HistoryPoint> plateau = window.history().stream()
                    .filter(p -> p.end().compareTo(rampEnd.plusMillis(100)) >= 0
                            && p.end().compareTo(stage.end().minusMillis(100)) <= 0)
                    .toList();
            assertThat(plateau).as("points of stage %d after its ramp", stage.number()).isNotEmpty()
                    .extracting(HistoryPoint::users).containsOnly(stage.users());
            double throughput = window.total().throughput();
            assertThat(throughput).as("requests/s in stage %d", stage.number()).isGreaterThan(previousThroughput);
            previousThroughput = throughput;
        }
    }

    private static Duration rampTime(List<StageInfo> stages, StageInfo stage) {
        int from = stage.number() == 1 ? 0 : stages.get(stage.number() - 2).users();
        return Duration.ofNanos((long) (Math.abs(stage.users() - from) / stage.spawnRate() * 1e9));
    }

    private static StageInfo stageAt(List<StageInfo> stages, Duration time) {
        return stages.stream().filter(s -> time.compareTo(s.end()) <= 0).findFirst().orElse(stages.getLast());
    }

    /** Users the stages ask for at {@code time}: each stage moves from the last one's users at its spawn rate. */
    private static double expectedUsers(List<StageInfo> stages, Duration time) {
        double users = 0;
        for (StageInfo stage : stages) {
            if (time.compareTo(stage.start()) <= 0) {
                break;
            }
            double seconds = (Math.min(time.toNanos(), stage.end().toNanos()) - stage.start().toNanos()) / 1e9;
            double reachable = stage.spawnRate() * seconds;
            users = stage.users() >= users ? Math.min(stage.users(), users + reachable)
                    : Math.max(stage.users(), users - reachable);
        }
        return users;
    }
}
