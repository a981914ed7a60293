package dev.junitloadtest.internal.engine;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import dev.junitloadtest.internal.config.LoadModel;
import dev.junitloadtest.internal.config.Shard;
import dev.junitloadtest.internal.config.UserTypeSpec;
import dev.junitloadtest.internal.recording.LoadSteering;
import dev.junitloadtest.internal.recording.RunClock;

/**
 * Starts iterations at a fixed rate whatever the target's response times: iteration k is intended to start at k/rate
 * seconds. Each goes to an idle user of the type picked by weight, or to a new user while there are fewer than the
 * cap. With every user busy at the cap, it waits in a queue and starts as soon as a user is free, late, and its
 * latencies count from its intended start: that is how a stalled target shows in the percentiles instead of hiding
 * behind a slowed-down load (coordinated omission). The queue holds at most a minute of iterations; beyond that, and
 * for whatever is still queued when the run ends, iterations are dropped and counted. A capacity search of the
 * arrival rate runs each step at the rate its {@link LoadSteering} gives. {@link #drive()} runs on the
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
    private final Optional<LoadSteering> steering;
    private int created;

    OpenModelDriver(LoadModel.Open model, RunContext run, RunClock clock, UserFactory users,
            Optional<LoadSteering> steering) {
        this.model = model;
        this.steering = steering;
        this.run = run;
        this.clock = clock;
        this.users = users;
        List<UserTypeSpec> types = run.profile().userTypes();
        this.mix = new UserTypeMix(types, run.profile().shard());
        types.forEach(type -> pools.put(type, new Pool()));
        this.maxQueued = (int) Math.min(1_000_000, Math.max(1000, model.ratePerSecond() * 60));
    }

    /**
     * Dispatches iterations until the duration is over, the load was ended or the run is aborted. Shard I of N runs at
     * 1/N of the whole's rate: its iterations are the whole's I-th, (I+N)-th..., at the whole's times. A capacity
     * search is never sharded.
     */
    void drive() {
        try {
            if (steering.isEmpty()) {
                // The whole's interval, not this shard's: the shards' iterations then fall on the whole's times to the
                // nanosecond, and the last one before the end is in exactly one shard.
                double wholeRate = ((LoadModel.Open) run.profile().wholeModel()).ratePerSecond();
                dispatchAt(wholeRate, run.profile().shard(), 0, model.duration().toNanos());
                return;
            }
            long stepNanos = model.search().orElseThrow().stepDuration().toNanos();
            for (int index = 0; (long) index * stepNanos < model.duration().toNanos(); index++) {
                long start = index * stepNanos;
                Optional<Double> rate = SteeringWait.level(steering.get(), index, run, clock, start + stepNanos);
                if (rate.isEmpty()) {
                    return;
                }
                if (steering.get().narrowing(index)) {
                    // What still waits belongs to the broken steps before: judged with it, a narrowing step would
                    // measure their backlog, not its own rate.
                    dropQueued();
                }
                if (!dispatchAt(rate.get(), Shard.whole(), start, start + stepNanos)) {
                    return;
                }
            }
        } finally {
            // Iterations still waiting for a user when the run ends never started.
            dropQueued();
        }
    }

    /**
     * Dispatches {@code shard}'s part of iterations at {@code ratePerSecond} from {@code fromNanos} to {@code toNanos}
     * (run clock offsets): iteration k of the whole is intended to start at {@code fromNanos + k / rate}, and the
     * shard takes k = I, I+N, .... Returns whether the run goes on.
     */
    private boolean dispatchAt(double ratePerSecond, Shard shard, long fromNanos, long toNanos) {
        double intervalNanos = 1e9 / ratePerSecond;
        long iteration = 0;
        while (!run.isStopping() && !run.isLoadEnded()) {
            long intended = fromNanos + (long) ((iteration * shard.count() + shard.index()) * intervalNanos);
            if (intended >= toNanos) {
                return true;
            }
            if (intended > clock.offsetNanos()) {
                if (!run.driverPause(clock, intended)) {
                    return false;
                }
                continue;
            }
            if (!dispatch(clock.startNanos() + intended)) {
                return false;
            }
            iteration++;
        }
        return false;
    }

    private void dropQueued() {
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
