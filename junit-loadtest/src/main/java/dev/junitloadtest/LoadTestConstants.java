package dev.junitloadtest;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;

import org.apiguardian.api.API;

/**
 * The names of every configuration parameter junit-loadtest reads, in one place, as JUnit's own {@code Constants}
 * class lists Jupiter's. A parameter is a JUnit configuration parameter: a {@code -D} system property (Surefire passes
 * {@code mvn -D...} on), an entry of {@code junit-platform.properties}, or one handed to the launcher. It applies to
 * every load test class of the run, and wins over the annotation attribute it overrides, which wins over the default.
 *
 * <p>Durations are written {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h30m}, {@code 1.5s} or ISO-8601
 * {@code PT2M}. A value that breaks its rule fails the class before any user starts, with a message naming the
 * parameter, the value and the rule. A {@code loadtest.*} key that is none of {@link #ALL_PROPERTY_NAMES} fails the
 * class too, rather than be ignored.
 *
 * <p>The annotations' {@code *_PROPERTY_NAME} constants (such as {@link Users#COUNT_PROPERTY_NAME}) are the same
 * names, kept for code that already uses them.
 */
@API(status = STABLE, since = "0.1")
public final class LoadTestConstants {

    /** What the name of every configuration parameter of junit-loadtest starts with: {@value}. */
    public static final String PROPERTY_NAME_PREFIX = "loadtest.";

    // The load

    /**
     * The number of concurrent users, overriding {@link Users#count()}; also replaces {@link RampStage @RampStage}s
     * or an {@link ArrivalRate @ArrivalRate} with that many users. A whole number {@code >= 1}: {@value}.
     */
    public static final String USERS_PROPERTY_NAME = "loadtest.users";

    /** Users started per second, overriding {@link Users#spawnRate()}. A number {@code > 0}: {@value}. */
    public static final String SPAWN_RATE_PROPERTY_NAME = "loadtest.spawn-rate";

    /**
     * How long the run lasts, overriding {@link LoadTest#duration()} (default 10 s); with stages, stretches or shrinks
     * them in proportion. A duration {@code > 0}: {@value}.
     */
    public static final String DURATION_PROPERTY_NAME = "loadtest.duration";

    /**
     * Stages replacing every {@link RampStage @RampStage} (and any other load model), written
     * {@code duration:users[@spawnRate],...}, e.g. {@code 30s:50@5,2m:50,20s:0@10}: {@value}.
     */
    public static final String STAGES_PROPERTY_NAME = "loadtest.stages";

    /**
     * Iterations started per second, overriding {@link ArrivalRate#value()}; replaces a closed model with this open
     * one. A number {@code > 0}: {@value}.
     */
    public static final String ARRIVAL_RATE_PROPERTY_NAME = "loadtest.arrival-rate";

    /**
     * The cap on concurrent users, overriding {@link ArrivalRate#maxUsers()} (default 100). A whole number
     * {@code >= 1}: {@value}.
     */
    public static final String MAX_USERS_PROPERTY_NAME = "loadtest.max-users";

    /** Users of a capacity search's first step, overriding {@link CapacitySearch#startUsers()}: {@value}. */
    public static final String CAPACITY_START_USERS_PROPERTY_NAME = "loadtest.capacity.start-users";

    /** Users a capacity search adds at each step, overriding {@link CapacitySearch#step()}: {@value}. */
    public static final String CAPACITY_STEP_PROPERTY_NAME = "loadtest.capacity.step";

    /** The most users a capacity search may run, overriding {@link CapacitySearch#maxUsers()}: {@value}. */
    public static final String CAPACITY_MAX_USERS_PROPERTY_NAME = "loadtest.capacity.max-users";

    /**
     * How long each step of a capacity search lasts, overriding {@link CapacitySearch#stepDuration()}. A whole
     * number of seconds: {@value}.
     */
    public static final String CAPACITY_STEP_DURATION_PROPERTY_NAME = "loadtest.capacity.step-duration";

    /**
     * The wait between tasks of every user type, replacing its {@link WaitTime @WaitTime} or {@link Pacing @Pacing}:
     * a duration ({@code 1s}, {@code 0s} for none) or a range {@code min..max} ({@code 5s..9s}): {@value}.
     */
    public static final String WAIT_TIME_PROPERTY_NAME = "loadtest.wait-time";

    /**
     * How long tasks still running at the end may take to finish, overriding {@link LoadTest#stopTimeout()} (default
     * 30 s). A duration, zero allowed: {@value}.
     */
    public static final String STOP_TIMEOUT_PROPERTY_NAME = "loadtest.stop-timeout";

    /**
     * The host relative paths are resolved against, overriding {@link LoadTest#host()} and every other source of the
     * host. An absolute {@code http} or {@code https} URI such as {@code http://127.0.0.1:9000}: {@value}.
     */
    public static final String HOST_PROPERTY_NAME = "loadtest.host";

    /**
     * The environment variable consulted for the host when neither {@value #HOST_PROPERTY_NAME} nor
     * {@link LoadTest#host()} sets one, before a {@link TargetHost @TargetHost} member and {@link LoadTestHost}
     * (the Locust-on-Heroku article's convention): {@value}.
     */
    public static final String HOST_ENVIRONMENT_VARIABLE = "TARGET_HOST";

    /** The seed of the run's random choices, overriding {@link LoadTest#seed()} (default random). A long: {@value}. */
    public static final String SEED_PROPERTY_NAME = "loadtest.seed";

    // Shards: one load split across JVMs

    /**
     * Runs shard I of N of the load, I from 0 (as Kubernetes' {@value #SHARD_INDEX_ENVIRONMENT_VARIABLE}): its share
     * of the users, stages, spawn rates, arrival rate and {@code maxUsers}, so that N shards add up exactly to the
     * configured whole. Written {@code I/N} with {@code 0 <= I < N}, such as {@code 0/3}: {@value}.
     */
    public static final String SHARD_PROPERTY_NAME = "loadtest.shard";

    /**
     * The number of shards N, the shard's index I being read from {@value #SHARD_INDEX_ENVIRONMENT_VARIABLE}; an
     * alternative to {@value #SHARD_PROPERTY_NAME}. A whole number {@code >= 1}: {@value}.
     */
    public static final String SHARDS_PROPERTY_NAME = "loadtest.shards";

    /**
     * The environment variable that gives the shard's index with {@value #SHARDS_PROPERTY_NAME}, as a Kubernetes
     * Indexed Job sets it in each pod: {@value}.
     */
    public static final String SHARD_INDEX_ENVIRONMENT_VARIABLE = "JOB_COMPLETION_INDEX";

    /**
     * The instant at which the load starts, so that shards started apart ramp together: an ISO-8601 instant such as
     * {@code 2026-01-31T14:05:00Z}, at most 10 minutes ahead. The run waits until then; an instant already past starts
     * at once, with a warning when it is more than 5 s late: {@value}.
     */
    public static final String SHARD_START_PROPERTY_NAME = "loadtest.shard.start";

    // HTTP

    /** How long opening a connection may take. A duration {@code > 0}, default 10 s: {@value}. */
    public static final String CONNECT_TIMEOUT_PROPERTY_NAME = "loadtest.http.connect-timeout";

    /** How long a whole response may take. A duration {@code > 0}, default 30 s: {@value}. */
    public static final String RESPONSE_TIMEOUT_PROPERTY_NAME = "loadtest.http.response-timeout";

    /**
     * What puts requests on the wire: {@code lean} (the default: blocking HTTP/1.1 on each user's own virtual thread
     * and socket, over the JDK's TLS for https://) or {@code httpclient} (Apache HttpClient 5 async, shared by all
     * users). With {@value #HTTP_PROTOCOL_PROPERTY_NAME}{@code =h2} the default is {@code httpclient}, and
     * {@code lean} is an error: {@value}.
     */
    public static final String HTTP_TRANSPORT_PROPERTY_NAME = "loadtest.http.transport";

    /**
     * The HTTP version spoken: {@code http1} (the default: HTTP/1.1, one connection per user, for http:// and https://)
     * or {@code h2} (HTTP/2 through HttpClient 5 where an https:// server offers it by ALPN, HTTP/1.1 elsewhere):
     * {@value}.
     */
    public static final String HTTP_PROTOCOL_PROPERTY_NAME = "loadtest.http.protocol";

    /**
     * The most distinct request names a run keeps statistics for; the rest are recorded under one "other names"
     * row. A whole number {@code >= 1}, default 500: {@value}.
     */
    public static final String MAX_REQUEST_NAMES_PROPERTY_NAME = "loadtest.max-request-names";

    // Safety rails, TLS and secrets

    /**
     * A cap on the run's request rate, overriding {@link LoadTest#maxRps()} (default none). A number {@code > 0}:
     * {@value}.
     */
    public static final String MAX_RPS_PROPERTY_NAME = "loadtest.max-rps";

    /**
     * The only hosts requests may go to, overriding {@link LoadTest#allowedHosts()} (default any): comma-separated
     * host or {@code host:port} patterns with {@code *}, e.g. {@code 127.0.0.1,*.staging.example.com}: {@value}.
     */
    public static final String ALLOWED_HOSTS_PROPERTY_NAME = "loadtest.allowed-hosts";

    /**
     * The most users a run may ask for, a guard against typos. A whole number {@code >= 1}, default 20,000:
     * {@value}.
     */
    public static final String USERS_CEILING_PROPERTY_NAME = "loadtest.ceiling.users";

    /** The longest a run may last, a guard against typos. A duration {@code > 0}, default 2 h: {@value}. */
    public static final String DURATION_CEILING_PROPERTY_NAME = "loadtest.ceiling.duration";

    /**
     * A trust store (PKCS12 or JKS file) whose certificates HTTPS connections trust instead of the JDK's. A readable
     * file's path, default none: {@value}.
     */
    public static final String TRUST_STORE_PROPERTY_NAME = "loadtest.tls.trust-store";

    /** The password of {@value #TRUST_STORE_PROPERTY_NAME}, default none: {@value}. */
    public static final String TRUST_STORE_PASSWORD_PROPERTY_NAME = "loadtest.tls.trust-store-password";

    /**
     * {@code true} trusts any HTTPS certificate without verification, and every output warns of it. {@code true} or
     * {@code false}, default {@code false}: {@value}.
     */
    public static final String TRUST_ALL_CERTIFICATES_PROPERTY_NAME = "loadtest.tls.insecure-trust-all-certificates";

    /**
     * The names (of fields, parameters, headers and cookies, case-insensitive) whose values are masked in every
     * output, replacing the default list ({@code password}, {@code token}, {@code authorization}, {@code cookie}...).
     * Comma-separated: {@value}.
     */
    public static final String SECRET_NAMES_PROPERTY_NAME = "loadtest.secrets.names";

    // Beyond one machine

    /**
     * Runs no load, but merges the mergeable results of the class's shards found under these folders
     * (comma-separated: each a shard's output folder, or any folder above it) into one result, judged and reported as
     * a run in one JVM is: {@value}.
     */
    public static final String MERGE_PROPERTY_NAME = "loadtest.merge";

    /**
     * Runs the selected class as a worker of a Locust master at {@code HOST} or {@code HOST:PORT} (port 5557 by
     * default), which then decides the users of each user type, the host, and when the load starts, stops and ends;
     * the class's own users, stages and duration do not apply. Needs {@code org.zeromq:jeromq} and
     * {@code org.msgpack:msgpack-core} on the test class path: {@value}.
     */
    public static final String LOCUST_MASTER_PROPERTY_NAME = "loadtest.locust.master";

    /**
     * How long a Locust worker waits for its master while no users run (for its answer, for the first spawn, and
     * after a stop for the next spawn or quit) before it stops and fails the run; default 10 minutes: {@value}.
     */
    public static final String LOCUST_TIMEOUT_PROPERTY_NAME = "loadtest.locust.timeout";

    // Outputs

    /**
     * How often the live console line is printed: a duration of at least 1 s (default 5 s), or {@code off} or
     * {@code 0} for none: {@value}.
     */
    public static final String CONSOLE_INTERVAL_PROPERTY_NAME = "loadtest.console.interval";

    /** {@code false} leaves out the tables printed at the end of a run (default {@code true}): {@value}. */
    public static final String CONSOLE_SUMMARY_PROPERTY_NAME = "loadtest.console.summary";

    /**
     * The directory under which each load test class writes its files, in a directory named after the class's simple
     * name; relative to the working directory, default {@code target/loadtest}: {@value}.
     */
    public static final String REPORT_DIR_PROPERTY_NAME = "loadtest.report-dir";

    /** {@code false} writes no files; the console and the report entries stay (default {@code true}): {@value}. */
    public static final String REPORT_FILES_PROPERTY_NAME = "loadtest.report-files";

    /**
     * {@code true} adds a row per request name to each interval of {@code stats_history.csv}, as Locust's
     * {@code --csv-full-history} (default {@code false}): {@value}.
     */
    public static final String CSV_FULL_HISTORY_PROPERTY_NAME = "loadtest.csv.full-history";

    // Baseline comparison

    /**
     * The baseline each class is compared with, overriding {@link Baseline#value()}: a file (a run's
     * {@code summary.json}, ending in {@code .json}), or a directory holding {@code <TestClassSimpleName>.json} or a
     * previous run's report directories ({@code <TestClassSimpleName>/summary.json}); {@code off} compares nothing:
     * {@value}.
     */
    public static final String BASELINE_PROPERTY_NAME = "loadtest.baseline";

    /** Overrides {@link Baseline#tolerance()}: a percentage {@code >= 0}, such as {@code 20%}: {@value}. */
    public static final String BASELINE_TOLERANCE_PROPERTY_NAME = "loadtest.baseline.tolerance";

    /** Overrides {@link Baseline#floor()}: a duration {@code >= 0}, such as {@code 5ms}: {@value}. */
    public static final String BASELINE_FLOOR_PROPERTY_NAME = "loadtest.baseline.floor";

    /** Overrides {@link Baseline#failureRateTolerance()}: percentage points, such as {@code 1%}: {@value}. */
    public static final String BASELINE_FAILURE_RATE_TOLERANCE_PROPERTY_NAME =
            "loadtest.baseline.failure-rate-tolerance";

    /**
     * A directory to which each class's run is saved as a baseline, {@code <TestClassSimpleName>.json} (its
     * {@code summary.json}), unless the run ended early or failed on the generator's side: {@value}.
     */
    public static final String BASELINE_SAVE_PROPERTY_NAME = "loadtest.baseline.save";

    /**
     * Every configuration parameter above, in the order of the README's tables (Configuration parameters, then
     * Output settings). A {@code loadtest.*} key not in this list fails the class.
     */
    public static final List<String> ALL_PROPERTY_NAMES = List.of(
            USERS_PROPERTY_NAME,
            SPAWN_RATE_PROPERTY_NAME,
            DURATION_PROPERTY_NAME,
            STAGES_PROPERTY_NAME,
            ARRIVAL_RATE_PROPERTY_NAME,
            MAX_USERS_PROPERTY_NAME,
            CAPACITY_START_USERS_PROPERTY_NAME,
            CAPACITY_STEP_PROPERTY_NAME,
            CAPACITY_MAX_USERS_PROPERTY_NAME,
            CAPACITY_STEP_DURATION_PROPERTY_NAME,
            WAIT_TIME_PROPERTY_NAME,
            STOP_TIMEOUT_PROPERTY_NAME,
            HOST_PROPERTY_NAME,
            SEED_PROPERTY_NAME,
            SHARD_PROPERTY_NAME,
            SHARDS_PROPERTY_NAME,
            SHARD_START_PROPERTY_NAME,
            CONNECT_TIMEOUT_PROPERTY_NAME,
            RESPONSE_TIMEOUT_PROPERTY_NAME,
            HTTP_TRANSPORT_PROPERTY_NAME,
            HTTP_PROTOCOL_PROPERTY_NAME,
            MAX_REQUEST_NAMES_PROPERTY_NAME,
            MAX_RPS_PROPERTY_NAME,
            ALLOWED_HOSTS_PROPERTY_NAME,
            USERS_CEILING_PROPERTY_NAME,
            DURATION_CEILING_PROPERTY_NAME,
            TRUST_STORE_PROPERTY_NAME,
            TRUST_STORE_PASSWORD_PROPERTY_NAME,
            TRUST_ALL_CERTIFICATES_PROPERTY_NAME,
            SECRET_NAMES_PROPERTY_NAME,
            MERGE_PROPERTY_NAME,
            LOCUST_MASTER_PROPERTY_NAME,
            LOCUST_TIMEOUT_PROPERTY_NAME,
            CONSOLE_INTERVAL_PROPERTY_NAME,
            CONSOLE_SUMMARY_PROPERTY_NAME,
            REPORT_DIR_PROPERTY_NAME,
            REPORT_FILES_PROPERTY_NAME,
            CSV_FULL_HISTORY_PROPERTY_NAME,
            BASELINE_PROPERTY_NAME,
            BASELINE_TOLERANCE_PROPERTY_NAME,
            BASELINE_FLOOR_PROPERTY_NAME,
            BASELINE_FAILURE_RATE_TOLERANCE_PROPERTY_NAME,
            BASELINE_SAVE_PROPERTY_NAME);

    private LoadTestConstants() {
    }
}
