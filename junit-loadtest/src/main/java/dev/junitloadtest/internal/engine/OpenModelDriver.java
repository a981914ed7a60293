package dev.junitloadtest.internal.engine;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.locks.LockSupport;

import dev.junitloadtest.internal.config.LoadModel;
import dev.junitloadtest.internal.config.UserTypeSpec;
import dev.junitloadtest.internal.recording.RunClock;

/**
 * Starts iterations at a fixed rate whatever the target's response times: iteration k is intended to start at k/rate
 * seconds. Each goes to an idle user of the type picked by weight, or to a new user while there are fewer than the
 * cap; with every user busy at the cap, it is dropped and counted. Runs on the thread that calls {@link #drive()}.
 * Internal.
 */
final class OpenModelDriver {

    private final LoadModel.Open model;
    private final RunContext run;
    private final RunClock clock;
    private final UserFactory users;
    private final UserTypeMix mix;
    private final Map<UserTypeSpec, ConcurrentLinkedDeque<VirtualUserImpl>> idle = new HashMap<>();
    private int created;

    OpenModelDriver(LoadModel.Open model, RunContext run, RunClock clock, UserFactory users) {
        this.model = model;
        this.run = run;
        this.clock = clock;
        this.users = users;
        List<UserTypeSpec> types = run.profile().userTypes();
        this.mix = new UserTypeMix(types);
        types.forEach(type -> idle.put(type, new ConcurrentLinkedDeque<>()));
    }

    /** Dispatches iterations until the duration is over or the run is aborted. */
    void drive() {
        double intervalNanos = 1e9 / model.ratePerSecond();
        long durationNanos = model.duration().toNanos();
        long iteration = 0;
        while (!run.isStopping()) {
            long intended = (long) (iteration * intervalNanos);
            if (intended >= durationNanos) {
                return;
            }
            long wait = intended - clock.offsetNanos();
            if (wait > 0) {
                LockSupport.parkNanos(this, wait);
                if (Thread.interrupted()) {
                    run.abort("interrupted", null);
                    Thread.currentThread().interrupt();
                    return;
                }
                continue;
            }
            if (!dispatch(clock.startNanos() + intended)) {
                return;
            }
            iteration++;
        }
    }

    /** Gives one iteration to a user; returns false if the run cannot go on. */
    private boolean dispatch(long intendedStartNanos) {
        UserTypeSpec type = mix.next();
        VirtualUserImpl user = idle.get(type).pollFirst();
        if (user != null) {
            user.assign(intendedStartNanos);
            return true;
        }
        if (created < model.maxUsers()) {
            VirtualUserImpl fresh = users.create(type);
            if (fresh == null) {
                return false;
            }
            created++;
            fresh.assign(intendedStartNanos);
            fresh.start(() -> fresh.runOpen(this));
            return true;
        }
        run.recording().droppedIterations().increment();
        return true;
    }

    /** Called by a user that finished its iteration. */
    void idle(VirtualUserImpl user) {
        // Most recently idle first: its connection is the warmest.
        idle.get(user.type()).offerFirst(user);
    }
}
