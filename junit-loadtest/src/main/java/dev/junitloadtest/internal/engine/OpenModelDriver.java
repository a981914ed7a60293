package dev.junitloadtest.internal.engine;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import dev.junitloadtest.internal.config.LoadModel;
import dev.junitloadtest.internal.config.UserTypeSpec;
import dev.junitloadtest.internal.recording.RunClock;

/**
 * Starts iterations at a fixed rate whatever the target's response times: iteration k is intended to start at k/rate
 * seconds. Each goes to an idle user of the type picked by weight, or to a new user while there are fewer than the
 * cap. With every user busy at the cap, it waits in a queue and starts as soon as a user is free, late, and its
 * latencies count from its intended start: that is how a stalled target shows in the percentiles instead of hiding
 * behind a slowed-down load (coordinated omission). The queue holds at most a minute of iterations; beyond that, and
 * for whatever is still queued when the run ends, iterations are dropped and counted. {@link #drive()} runs on the
 * calling thread; users call {@link #next(VirtualUserImpl)} from theirs. Internal.
 */
final class OpenModelDriver {

    /** Returned by {@link #next(VirtualUserImpl)} when the user has been put back to idle. */
    static final long NONE = Long.MIN_VALUE;

    private final LoadModel.Open model;
    private final RunContext run;
    private final RunClock clock;
    private final UserFactory users;
    private final UserTypeMix mix;
    private final Map<UserTypeSpec, Pool> pools = new HashMap<>();
    private final int maxQueued;
    private int created;

    OpenModelDriver(LoadModel.Open model, RunContext run, RunClock clock, UserFactory users) {
        this.model = model;
        this.run = run;
        this.clock = clock;
        this.users = users;
        List<UserTypeSpec> types = run.profile().userTypes();
        this.mix = new UserTypeMix(types, run.profile().shard());
        types.forEach(type -> pools.put(type, new Pool()));
        this.maxQueued = (int) Math.min(1_000_000, Math.max(1000, model.ratePerSecond() * 60));
    }

    /**
     * Dispatches iterations until the duration is over or the run is aborted. Shard I of N runs at 1/N of the whole's
     * rate: its iterations are the whole's I-th, (I+N)-th..., at the whole's times.
     */
    void drive() {
        // The whole's interval, not this shard's: the shards' iterations then fall on the whole's times to the
        // nanosecond, and the last one before the end is in exactly one shard.
        double intervalNanos = 1e9 / ((LoadModel.Open) run.profile().wholeModel()).ratePerSecond();
        int shards = run.profile().shard().count();
        int first = run.profile().shard().index();
        long durationNanos = model.duration().toNanos();
        long iteration = 0;
        try {
            while (!run.isStopping()) {
                long intended = (long) ((iteration * shards + first) * intervalNanos);
                if (intended >= durationNanos) {
                    return;
                }
                if (intended > clock.offsetNanos()) {
                    if (!run.driverPause(clock, intended)) {
                        return;
                    }
                    continue;
                }
                if (!dispatch(clock.startNanos() + intended)) {
                    return;
                }
                iteration++;
            }
        } finally {
            // Iterations still waiting for a user when the run ends never started.
            for (Pool pool : pools.values()) {
                pool.lock.lock();
                try {
                    run.recording().droppedIterations().add(pool.queued.size());
                    pool.queued.clear();
                } finally {
                    pool.lock.unlock();
                }
            }
        }
    }

    /** Gives one iteration to a user, or queues or drops it; returns false if the run cannot go on. */
    private boolean dispatch(long intendedStartNanos) {
        UserTypeSpec type = mix.next();
        Pool pool = pools.get(type);
        VirtualUserImpl user;
        pool.lock.lock();
        try {
            user = pool.idle.pollFirst();
            if (user == null && created >= model.maxUsers()) {
                if (pool.queued.size() < maxQueued) {
                    pool.queued.addLast(intendedStartNanos);
                } else {
                    run.recording().droppedIterations().increment();
                }
                return true;
            }
        } finally {
            pool.lock.unlock();
        }
        if (user != null) {
            user.assign(intendedStartNanos);
            return true;
        }
        VirtualUserImpl fresh = users.create(type);
        if (fresh == null) {
            return false;
        }
        created++;
        fresh.assign(intendedStartNanos);
        fresh.start(() -> fresh.runOpen(this));
        return true;
    }

    /**
     * Called by a user that finished an iteration: the intended start of the next queued iteration for it to run at
     * once, or {@link #NONE} after putting it back to idle.
     */
    long next(VirtualUserImpl user) {
        Pool pool = pools.get(user.type());
        pool.lock.lock();
        try {
            Long queued = pool.queued.pollFirst();
            if (queued != null) {
                return queued;
            }
            // Most recently idle first: its connection is the warmest.
            pool.idle.addFirst(user);
            return NONE;
        } finally {
            pool.lock.unlock();
        }
    }

    /** One user type's idle users and waiting iterations. */
    private static final class Pool {
        final ReentrantLock lock = new ReentrantLock();
        final ArrayDeque<VirtualUserImpl> idle = new ArrayDeque<>();
        final ArrayDeque<Long> queued = new ArrayDeque<>();
    }
}
