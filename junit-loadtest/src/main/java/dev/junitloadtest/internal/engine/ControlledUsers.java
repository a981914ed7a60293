package dev.junitloadtest.internal.engine;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.junitloadtest.internal.config.UserTypeSpec;
import dev.junitloadtest.internal.recording.Recording;

/**
 * The users of a run whose counts a {@link RunController} sets, type by type, in place of the load model's course.
 * Users run the closed model's loop (task, wait, task...). Users that stopped themselves are not replaced until the
 * controller asks again. Used by the driver thread, except {@link #running()} and {@link #isStopping()}. Internal.
 */
final class ControlledUsers implements RunController.Users {

    /** How long interrupted users get to end before {@link #adjust} stops waiting for them. */
    private static final Duration INTERRUPT_GRACE = Duration.ofSeconds(5);

    private final RunContext run;
    private final UserFactory factory;
    private final Map<String, UserTypeSpec> types = new LinkedHashMap<>();
    private final Map<String, Deque<VirtualUserImpl>> started = new LinkedHashMap<>();

    ControlledUsers(RunContext run, UserFactory factory) {
        this.run = run;
        this.factory = factory;
        for (UserTypeSpec type : run.profile().userTypes()) {
            types.put(type.name(), type);
            started.put(type.name(), new ArrayDeque<>());
        }
    }

    @Override
    public List<String> typeNames() {
        return List.copyOf(types.keySet());
    }

    @Override
    public void adjust(Map<String, Integer> counts, Duration stopTimeout) {
        for (String name : counts.keySet()) {
            if (!types.containsKey(name)) {
                throw new IllegalArgumentException("No user type named " + name + "; the run's user types are "
                        + String.join(", ", types.keySet()));
            }
        }
        List<VirtualUserImpl> stopping = new ArrayList<>();
        for (Map.Entry<String, Deque<VirtualUserImpl>> entry : started.entrySet()) {
            Deque<VirtualUserImpl> users = entry.getValue();
            // A user that ended by itself no longer counts towards its type.
            users.removeIf(user -> !user.thread().isAlive());
            int target = Math.max(0, counts.getOrDefault(entry.getKey(), 0));
            while (users.size() < target && !run.isStopping()) {
                VirtualUserImpl user = factory.create(types.get(entry.getKey()));
                if (user == null) {
                    return;
                }
                users.push(user);
                user.start(user::runClosed);
            }
            while (users.size() > target) {
                VirtualUserImpl user = users.pop();
                user.requestStop();
                stopping.add(user);
            }
        }
        awaitEnd(stopping, stopTimeout);
    }

    private void awaitEnd(List<VirtualUserImpl> users, Duration stopTimeout) {
        try {
            if (!joinAll(users, System.nanoTime() + stopTimeout.toNanos())) {
                users.forEach(VirtualUserImpl::interrupt);
                joinAll(users, System.nanoTime() + INTERRUPT_GRACE.toNanos());
            }
        } catch (InterruptedException e) {
            // The run is being interrupted: it stops every user itself.
            Thread.currentThread().interrupt();
        }
    }

    private static boolean joinAll(List<VirtualUserImpl> users, long deadlineNanos) throws InterruptedException {
        for (VirtualUserImpl user : users) {
            long remaining = deadlineNanos - System.nanoTime();
            if (remaining <= 0 || !user.thread().join(Duration.ofNanos(remaining))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Map<String, Integer> running() {
        Map<String, Integer> running = new LinkedHashMap<>();
        types.keySet().forEach(name -> running.put(name, 0));
        for (VirtualUserImpl user : run.liveUsers().snapshot()) {
            running.merge(user.type().name(), 1, Integer::sum);
        }
        return running;
    }

    @Override
    public boolean isStopping() {
        return run.isStopping() || run.isLoadEnded();
    }

    @Override
    public Recording recording() {
        return run.recording();
    }

    @Override
    public void failRun(String message) {
        run.failRun(message);
    }
}
