package dev.junitloadtest.internal.locust;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A worker's connection to its Locust master, on one platform thread that alone touches the ZeroMQ socket: a DEALER
 * whose identity is the node id, as Locust's workers connect. It says {@code client_ready} (again every second until
 * the master acknowledges, and on a fresh connection every 3 s: a first connection has been seen to stay silent),
 * answers to the master's acknowledgement, heartbeat replies and reconnect requests itself, hands every other message
 * on, calls for a heartbeat every second and a report every 3 s once acknowledged, and sends what is queued in the
 * outbox. Being a platform thread of its own, it keeps its pace when virtual users saturate the carriers. Internal.
 */
final class LocustConnection {

    /** What the socket thread asks for. */
    enum Due {
        /** A heartbeat is due (every second). */
        HEARTBEAT,
        /** A report of the figures is due (every 3 s). */
        REPORT,
        /** A master that used to answer heartbeats has not for {@link LocustWorker#MASTER_SILENCE}. */
        MASTER_SILENT
    }

    private static final long POLL_MILLIS = 20;
    private static final long HEARTBEAT_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long REPORT_NANOS = TimeUnit.SECONDS.toNanos(3);
    /** How often client_ready is said again until the master acknowledges (a master may miss the first). */
    private static final long CLIENT_READY_RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** How long a connection may go without the master's acknowledgement before the worker makes a fresh one. */
    private static final long RECONNECT_UNANSWERED_NANOS = TimeUnit.SECONDS.toNanos(3);
    private static final int LINGER_MILLIS = 2000;

    private final LocustWorkerSettings settings;
    private final String nodeId;
    private final Consumer<LocustMessage> received;
    private final Consumer<Due> due;
    private final Queue<LocustMessage> outbox;
    private final CountDownLatch acknowledged = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean finishing;
    private volatile String failure;
    private volatile long lastReplyNanos;
    private volatile boolean masterReplies;

    LocustConnection(LocustWorkerSettings settings, String nodeId, Consumer<LocustMessage> received, Consumer<Due> due,
            Queue<LocustMessage> outbox) {
        this.settings = settings;
        this.nodeId = nodeId;
        this.received = received;
        this.due = due;
        this.outbox = outbox;
        this.thread = Thread.ofPlatform().daemon().name("loadtest-locust-worker").unstarted(this::loop);
    }

    void start() {
        thread.start();
    }

    /** Waits until the master acknowledged, the connection failed or {@code deadlineNanos}: whether acknowledged. */
    boolean awaitAck(long deadlineNanos) {
        try {
            while (failure == null) {
                if (acknowledged.getCount() == 0) {
                    return true;
                }
                long remaining = Math.min(deadlineNanos - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(50));
                if (remaining <= 0) {
                    return false;
                }
                if (acknowledged.await(remaining, TimeUnit.NANOSECONDS)) {
                    return true;
                }
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Why the connection could not be made, if it could not. */
    Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /** Sends what is queued, then closes the socket. Idempotent; waits a few seconds at most. */
    void finish() {
        finishing = true;
        if (Thread.currentThread() != thread) {
            try {
                thread.join(LINGER_MILLIS + 3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void loop() {
        try (ZContext context = new ZContext()) {
            ZMQ.Socket socket;
            try {
                socket = connect(context);
            } catch (RuntimeException e) {
                failure = e.toString();
                return;
            }
            send(socket, new LocustMessage("client_ready", LocustWorker.VERSION, nodeId));
            long clientReadyAt = System.nanoTime();
            long connectedAt = clientReadyAt;
            long nextHeartbeat = 0;
            long nextReport = 0;
            while (!finishing) {
                byte[] frame = socket.recv(0);
                long now = System.nanoTime();
                if (frame != null) {
                    socket = handle(context, socket, frame, now);
                }
                boolean acked = acknowledged.getCount() == 0;
                if (!acked && now - connectedAt >= RECONNECT_UNANSWERED_NANOS) {
                    // A connection that got no answer in seconds may be stuck on the way: a fresh one.
                    socket.close();
                    socket = connect(context);
                    connectedAt = now;
                    clientReadyAt = now - CLIENT_READY_RETRY_NANOS;
                }
                if (!acked && now - clientReadyAt >= CLIENT_READY_RETRY_NANOS) {
                    send(socket, new LocustMessage("client_ready", LocustWorker.VERSION, nodeId));
                    clientReadyAt = now;
                }
                if (acked && now - nextHeartbeat >= 0) {
                    due.accept(Due.HEARTBEAT);
                    nextHeartbeat = now + HEARTBEAT_NANOS;
                }
                if (acked && now - nextReport >= 0) {
                    if (nextReport != 0) {
                        due.accept(Due.REPORT);
                    }
                    nextReport = now + REPORT_NANOS;
                }
                if (masterReplies && now - lastReplyNanos > LocustWorker.MASTER_SILENCE.toNanos()) {
                    masterReplies = false;
                    due.accept(Due.MASTER_SILENT);
                }
                flush(socket);
            }
            flush(socket);
            socket.setLinger(LINGER_MILLIS);
            socket.close();
        } catch (RuntimeException e) {
            failure = e.toString();
        }
    }

    private ZMQ.Socket connect(ZContext context) {
        ZMQ.Socket socket = context.createSocket(SocketType.DEALER);
        socket.setIdentity(nodeId.getBytes(StandardCharsets.UTF_8));
        socket.setReceiveTimeOut((int) POLL_MILLIS);
        socket.setSendTimeOut(1000);
        socket.setLinger(0);
        // ZeroMQ connects to IPv6 addresses only when told to.
        socket.setIPv6(settings.host().indexOf(':') >= 0);
        socket.connect("tcp://" + settings.address());
        return socket;
    }

    private ZMQ.Socket handle(ZContext context, ZMQ.Socket socket, byte[] frame, long now) {
        LocustMessage message;
        try {
            message = LocustMessage.decode(frame);
        } catch (IllegalArgumentException e) {
            return socket;
        }
        switch (message.type()) {
            case "ack" -> acknowledged.countDown();
            case "heartbeat" -> {
                // Masters since Locust 2.19 answer every heartbeat; 2.12 never does, so silence counts only after one.
                lastReplyNanos = now;
                masterReplies = true;
            }
            case "reconnect" -> {
                socket.close();
                return connect(context);
            }
            default -> received.accept(message);
        }
        return socket;
    }

    private void flush(ZMQ.Socket socket) {
        LocustMessage message;
        while ((message = outbox.poll()) != null) {
            send(socket, message);
        }
    }

    private static void send(ZMQ.Socket socket, LocustMessage message) {
        socket.send(message.encode(), 0);
    }
}
