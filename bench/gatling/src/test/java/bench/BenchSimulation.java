package bench;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import java.time.Duration;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/**
 * The bench's Gatling generator: a closed model without pauses, N users each sending GET / in a loop on its own
 * kept-alive connection (Gatling's default: one connection per virtual user), for the given seconds.
 */
public class BenchSimulation extends Simulation {

    private static final int USERS = Integer.getInteger("users", 50);
    private static final int SECONDS = Integer.getInteger("seconds", 15);
    private static final String BASE = System.getProperty("base", "http://127.0.0.1:8080");

    private final HttpProtocolBuilder protocol = http.baseUrl(BASE).disableCaching()
            .disableWarmUp();

    private final ScenarioBuilder scenario = scenario("bench")
            .forever().on(http("home").get("/"));

    {
        setUp(scenario.injectClosed(constantConcurrentUsers(USERS).during(Duration.ofSeconds(SECONDS))))
                .protocols(protocol).maxDuration(Duration.ofSeconds(SECONDS));
    }
}
