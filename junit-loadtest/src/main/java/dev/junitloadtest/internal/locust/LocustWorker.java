package dev.junitloadtest.internal.locust;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.junitloadtest.internal.config.DurationSyntax;
import dev.junitloadtest.internal.config.LoadModel;
import dev.junitloadtest.internal.config.LoadProfile;
import dev.junitloadtest.internal.engine.RunController;
import dev.junitloadtest.internal.http.HttpTransport;
import dev.junitloadtest.internal.recording.IntervalSnapshot;
import dev.junitloadtest.internal.recording.RunClock;

/**
 * Runs a load test as a worker of a real Locust master, speaking Locust 2.x's own master/worker protocol: the master
 * decides the users of each user class (mapped by simple name to the run's user types), the host, and when the load
 * starts, stops, restarts and ends; the worker reports its figures to the master every few seconds and at the end,
 * while the run records exactly and reports as usual. One platform thread owns the socket (ZeroMQ sockets are not
 * thread-safe) and sends the heartbeats, so a loaded machine does not make the master think the worker is gone; the
 * run's driver thread carries out the master's commands. One instance per run. Internal.
 */
final class LocustWorker implements RunController {

    /** What Locust workers send as their version; its masters accept it without a version warning. */
    static final long VERSION = -1;

    /** Newer masters answer every heartbeat; a worker that hears none for this long takes the master for gone. */
    static final Duration MASTER_SILENCE = Duration.ofSeconds(60);

    private final LocustWorkerSettings settings;
    private final String testName;
    private final Optional<Path> outputDirectory;
    private final PrintStream log;
    private final WorkerMessages messages = new WorkerMessages();
    private final BlockingQueue<LocustMessage> commands = new LinkedBlockingQueue<>();
    private final ConcurrentLinkedQueue<LocustMessage> outbox = new ConcurrentLinkedQueue<>();
    private final Set<String> unknownClasses = new HashSet<>();
    /** How many intervals the sampler delivered; also the monitor the driver waits on for the next one. */
    private final long[] intervals = new long[1];
    private LocustConnection connection;
    private volatile List<String> typeNames = List.of();
    private volatile Users users;
    private volatile String state = "ready";
    private volatile RunClock clock;
    private LoadProfile profile;
    private boolean quitByMaster;
    /** The stop timeout of the master's last spawn, which its stop applies to, as Locust's workers keep it. */
    private Object lastStopTimeout;
    private volatile boolean left;

    LocustWorker(LocustWorkerSettings settings, String testName, Optional<Path> outputDirectory, PrintStream log) {
        this.settings = settings;
        this.testName = testName;
        this.outputDirectory = outputDirectory;
        this.log = log;
    }

    @Override
    public LoadProfile beforeRun(LoadProfile profile) {
        this.profile = profile;
        typeNames = profile.userTypes().stream().map(type -> type.name()).toList();
        outputDirectory.ifPresent(dir -> writeLocustfile(dir, profile));
        log.println(testName + " runs as worker " + messages.nodeId() + " of the Locust master at "
                + settings.address() + ": the master decides the users of each user class ("
                + String.join(", ", typeNames) + "), the host, and when the load starts and stops; the class's own "
                + "users, stages and duration do not apply.");
        connection = new LocustConnection(settings, messages.nodeId(), this::received, this::due, outbox);
        connection.start();
        warmUp(profile);
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        if (!connection.awaitAck(deadline)) {
            throw new IllegalStateException(connection.failure().map(problem -> "Could not connect to the Locust "
                    + "master at " + settings.address() + ": " + problem).orElse("No Locust master answered at "
                            + settings.address() + " within " + DurationSyntax.format(settings.timeout()) + " ("
                            + settingsText() + "): start it with `locust -f locustfile.py --master "
                            + "--master-bind-port " + settings.port() + "`, and check that this machine can reach "
                            + "that host and port. The worker stopped without running."));
        }
        LocustMessage first = awaitFirstCommand(deadline);
        if (first == null) {
            throw new IllegalStateException("The Locust master at " + settings.address() + " started no load within "
                    + DurationSyntax.format(settings.timeout()) + " (" + settingsText() + "): start it from the "
                    + "master's web UI, or run the master --headless with -u, -r and -t. The worker stopped without "
                    + "running.");
        }
        return withMastersHost(profile.withModel(new LoadModel.Controlled("users set by the Locust master at "
                + settings.address())), first);
    }

    /** {@code profile} with the host of the master's first spawn, when it gives one. */
    private LoadProfile withMastersHost(LoadProfile profile, LocustMessage first) {
        Object host = first.dataMap().get("host");
        if (host instanceof String given && !given.isBlank()) {
            URI uri;
            try {
                uri = new URI(given.strip());
            } catch (java.net.URISyntaxException e) {
                throw new IllegalStateException("The Locust master at " + settings.address() + " gave the host \""
                        + given + "\", which is not a URI: " + e.getMessage() + ". Give it --host with a base URL "
                        + "such as https://staging.example.com. The worker stopped without running.", e);
            }
            if (profile.host().map(uri::equals).orElse(false)) {
                return profile;
            }
            return profile.withHost(uri, "the Locust master (--host)");
        }
        return profile;
    }

    /**
     * Builds and closes an HTTP client while the worker waits for the master: a cold JVM takes a second or more for
     * its first (TLS set-up, class loading), and the master waits only a second after a spawn for the workers to say
     * their users run.
     */
    private void warmUp(LoadProfile profile) {
        Thread.ofPlatform().daemon().name("loadtest-locust-warm-up").start(() -> {
            try {
                new HttpTransport(profile.http(), profile.trust(), testName).close();
            } catch (RuntimeException e) {
                // The run builds its own client and reports what fails there.
            }
        });
    }

    private String settingsText() {
        return "-D" + dev.junitloadtest.LoadTestConstants.LOCUST_MASTER_PROPERTY_NAME + "=" + settings.address()
                + ", -D" + dev.junitloadtest.LoadTestConstants.LOCUST_TIMEOUT_PROPERTY_NAME + "="
                + DurationSyntax.format(settings.timeout());
    }

    /** Waits for the master's first spawn (or quit), leaving it in the queue for the driver. */
    private LocustMessage awaitFirstCommand(long deadline) {
        while (System.nanoTime() < deadline) {
            LocustMessage next = commands.peek();
            if (next != null) {
                return next;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    private void writeLocustfile(Path dir, LoadProfile profile) {
        try {
            Locustfile.write(dir.resolve(Locustfile.NAME), profile);
        } catch (IOException e) {
            log.println("Could not write " + dir.resolve(Locustfile.NAME).toAbsolutePath() + ": " + e);
        }
    }

    // The driver thread: the master's commands

    @Override
    public void drive(Users users) {
        this.users = users;
        long idleSince = System.nanoTime();
        double lastSpawn = Double.NEGATIVE_INFINITY;
        while (!users.isStopping()) {
            LocustMessage command;
            try {
                command = commands.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (command == null) {
                if (isIdle() && System.nanoTime() - idleSince > settings.timeout().toNanos()) {
                    users.failRun("The Locust master at " + settings.address() + " sent neither spawn nor quit "
                            + "within " + DurationSyntax.format(settings.timeout()) + " after the load stopped ("
                            + settingsText() + "): the worker stopped.");
                    return;
                }
                continue;
            }
            switch (command.type()) {
                case "spawn" -> {
                    double timestamp = number(command.dataMap().get("timestamp"), 0);
                    outbox.add(message("spawning", null));
                    if (timestamp <= lastSpawn) {
                        continue;
                    }
                    lastSpawn = timestamp;
                    spawn(command.dataMap());
                }
                case "stop" -> {
                    state = "stopping";
                    users.adjust(Map.of(), stopTimeout(lastStopTimeout));
                    state = "stopped";
                    log.println(testName + " runs " + users.running() + " users, as the Locust master asked.");
                    // The stopped users' last requests reach the master now, before it can start a new run (which
                    // clears its statistics), rather than with the next periodic report.
                    awaitNextInterval();
                    report();
                    outbox.add(message("client_stopped", null));
                    outbox.add(message("client_ready", VERSION));
                    state = "ready";
                    idleSince = System.nanoTime();
                }
                case "quit" -> {
                    quitByMaster = true;
                    state = "stopping";
                    // The master waits half a second for the final report: users get that long to end their task.
                    users.adjust(Map.of(), Duration.ofMillis(300));
                    return;
                }
                case "master-silent" -> {
                    users.failRun("The Locust master at " + settings.address() + " answered no heartbeat for "
                            + MASTER_SILENCE.toSeconds() + " s: the worker stopped, as Locust's workers do.");
                    return;
                }
                default -> {
                    // Nothing else reaches the driver.
                }
            }
        }
    }

    private boolean isIdle() {
        return state.equals("ready");
    }

    private void spawn(Map<Object, Object> job) {
        state = "spawning";
        Map<String, Integer> counts = new LinkedHashMap<>();
        if (job.get("user_classes_count") instanceof Map<?, ?> asked) {
            asked.forEach((name, count) -> {
                String className = String.valueOf(name);
                if (typeNames.contains(className)) {
                    counts.put(className, (int) number(count, 0));
                } else if (number(count, 0) > 0 && unknownClasses.add(className)) {
                    String problem = "The Locust master asked for users of class " + className + ", but "
                            + testName + " has no user type of that name (its user types: "
                            + String.join(", ", typeNames) + "); write its locustfile's user classes with those "
                            + "names (see " + Locustfile.NAME + " in the class's output folder).";
                    outbox.add(messages.exception(problem, ""));
                    users.failRun(problem);
                }
            });
        }
        lastStopTimeout = job.get("stop_timeout");
        users.adjust(counts, stopTimeout(lastStopTimeout));
        Map<String, Integer> running = users.running();
        Map<String, Object> complete = new LinkedHashMap<>();
        complete.put("user_classes_count", new LinkedHashMap<>(running));
        complete.put("user_count", (long) running.values().stream().mapToInt(Integer::intValue).sum());
        outbox.add(message("spawning_complete", complete));
        state = "running";
        log.println(testName + " runs " + running + " users, as the Locust master asked.");
    }

    /** The master's stop timeout when it gives one, else the class's: how long stopped users may end their task. */
    private Duration stopTimeout(Object masters) {
        double seconds = number(masters, 0);
        return seconds > 0 ? Duration.ofMillis((long) (seconds * 1000)) : profile.stopTimeout();
    }

    // The socket thread: what the master sent, and what is due

    private void received(LocustMessage message) {
        switch (message.type()) {
            case "spawn", "stop", "quit" -> commands.add(message);
            default -> {
                // ack, heartbeat replies and newer masters' spawning_complete are handled by the connection;
                // Python-side extras (logs, locustfile, update_user_class, custom messages) are not for us.
            }
        }
    }

    /** Called on the socket thread when a heartbeat or a report is due. */
    private synchronized void due(LocustConnection.Due what) {
        if (left) {
            // Nothing follows the worker's quit: a master that no longer knows it would ask it to reconnect.
            return;
        }
        switch (what) {
            case HEARTBEAT -> outbox.add(messages.heartbeat(state));
            case REPORT -> report();
            case MASTER_SILENT -> commands.add(message("master-silent", null));
        }
    }

    /** Sends the figures since the previous report, and the exceptions thrown meanwhile. */
    private synchronized void report() {
        outbox.addAll(messages.report(users, typeNames));
    }

    // The sampler thread: the run's figures

    @Override
    public void runStarted(RunClock runClock) {
        this.clock = runClock;
    }

    @Override
    public void intervalEnded(IntervalSnapshot snapshot) {
        messages.add(snapshot, clock.instantAt(snapshot.endOffsetNanos()).toEpochMilli());
        synchronized (intervals) {
            intervals[0]++;
            intervals.notifyAll();
        }
    }

    /** Waits until the sampler delivered one more interval (a second at most), so it holds what ran until now. */
    private void awaitNextInterval() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        synchronized (intervals) {
            long seen = intervals[0];
            while (intervals[0] == seen && !users.isStopping()) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(intervals, remaining);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** The run recorded its last request: the final report, then the worker leaves the master. */
    @Override
    public void runEnded() {
        state = "stopped";
        leave(true);
        if (!quitByMaster) {
            log.println(testName + " left the Locust master at " + settings.address() + ".");
        }
        connection.finish();
    }

    @Override
    public void close() {
        if (connection != null) {
            // A worker that never ran (no master, or no load) still tells a master it may have reached that it is gone.
            leave(false);
            connection.finish();
        }
    }

    /**
     * Says quit to the master, after a last report if {@code withReport}; once. Locust's workers say quit when they
     * end; a master that sent quit itself has already let go of them. Holds the lock heartbeats and reports take, so
     * none follows the quit.
     */
    private synchronized void leave(boolean withReport) {
        if (left) {
            return;
        }
        if (withReport) {
            report();
        }
        outbox.add(message("quit", null));
        left = true;
    }

    private LocustMessage message(String type, Object data) {
        return messages.message(type, data);
    }

    private static double number(Object value, double otherwise) {
        return value instanceof Number number ? number.doubleValue() : otherwise;
    }


}
