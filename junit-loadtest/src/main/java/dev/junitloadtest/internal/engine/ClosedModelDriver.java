package dev.junitloadtest.internal.engine;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

import dev.junitloadtest.internal.config.LoadModel;
import dev.junitloadtest.internal.config.Stage;
import dev.junitloadtest.internal.config.UserTypeSpec;
import dev.junitloadtest.internal.recording.LoadSteering;
import dev.junitloadtest.internal.recording.RunClock;

/**
 * Keeps the number of users on the stages' course: at each stage, from where the previous one left it towards the
 * stage's count at its spawn rate (the first user of a ramp at once, then one every 1/rate seconds), up or down, until
 * the stage's time is over. Users stopped by a ramp-down are the most recently started ones; users that stopped
 * themselves are not replaced. In a capacity search, each step's users come from its {@link LoadSteering}. Runs on the thread that calls {@link #drive()}. Internal.
 */
final class ClosedModelDriver {

    private final LoadModel.Closed model;
    private final RunContext run;
    private final RunClock clock;
    private final UserFactory users;
    private final UserTypeMix mix;
    private final Deque<VirtualUserImpl> started = new ArrayDeque<>();
    private final Optional<LoadSteering> steering;

    ClosedModelDriver(LoadModel.Closed model, RunContext run, RunClock clock, UserFactory users,
            Optional<LoadSteering> steering) {
        this.model = model;
        this.steering = steering;
        this.run = run;
        this.clock = clock;
        this.users = users;
        this.mix = new UserTypeMix(run.profile().userTypes(), run.profile().shard());
    }

    /** Runs the stages; returns when they are over, the run is aborted or its load was ended as planned. */
    void drive() {
        long stageStart = 0;
        List<Stage> stages = model.stages();
        for (int index = 0; index < stages.size(); index++) {
            Stage stage = stages.get(index);
            if (steering.isPresent()) {
                Optional<Double> users = SteeringWait.level(steering.get(), index, run, clock,
                        stageStart + stage.duration().toNanos());
                if (users.isEmpty()) {
                    return;
                }
                stage = new Stage(stage.duration(), users.get().intValue(), stage.spawnRate());
            }
            long stageEnd = stageStart + stage.duration().toNanos();
            int from = started.size();
            while (!run.isStopping()) {
                if (run.isLoadEnded()) {
                    return;
                }
                long now = clock.offsetNanos();
                if (now >= stageEnd) {
                    break;
                }
                long intoStage = now - stageStart;
                int desired = desired(from, stage, intoStage);
                while (started.size() < desired && !run.isStopping()) {
                    UserTypeSpec type = mix.next();
                    if (type == null) {
                        break;
                    }
                    VirtualUserImpl user = users.create(type);
                    if (user == null) {
                        return;
                    }
                    started.push(user);
                    user.start(user::runClosed);
                }
                while (started.size() > desired) {
                    VirtualUserImpl user = started.pop();
                    mix.returned(user.type());
                    user.requestStop();
                }
                if (!run.driverPause(clock, Math.min(stageEnd, stageStart + nextChange(from, stage, intoStage)))) {
                    return;
                }
            }
            stageStart = stageEnd;
        }
    }

    private static int desired(int from, Stage stage, long intoStageNanos) {
        int target = stage.users();
        if (target == from || Double.isInfinite(stage.spawnRate())) {
            return target;
        }
        long steps = 1 + (long) Math.floor(stage.spawnRate() * intoStageNanos / 1e9);
        return target > from ? (int) Math.min(target, from + steps) : (int) Math.max(target, from - steps);
    }

    /** Nanoseconds into the stage when the desired count changes next, or a long time if it no longer changes. */
    private static long nextChange(int from, Stage stage, long intoStageNanos) {
        int target = stage.users();
        if (target == from || Double.isInfinite(stage.spawnRate())) {
            return Long.MAX_VALUE / 4;
        }
        long steps = 1 + (long) Math.floor(stage.spawnRate() * intoStageNanos / 1e9);
        if (steps >= Math.abs(target - from)) {
            return Long.MAX_VALUE / 4;
        }
        return (long) Math.ceil(steps * 1e9 / stage.spawnRate());
    }
}
