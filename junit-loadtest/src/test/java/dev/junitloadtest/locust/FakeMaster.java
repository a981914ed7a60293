package dev.junitloadtest.locust;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import dev.junitloadtest.internal.locust.LocustMessage;

/**
 * A scripted stand-in for a Locust master on loopback: a ZeroMQ ROUTER, as Locust's master binds, that records every
 * message a worker sends and lets the test answer as a given Locust version would. For message sequences no installed
 * Locust produces (newer masters' heartbeat replies and spawning_complete). Close it to stop it.
 */
final class FakeMaster implements AutoCloseable {

    private final ZContext context = new ZContext();
    private final ZMQ.Socket socket = context.createSocket(SocketType.ROUTER);
    private final int port;
    private final List<LocustMessage> received = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable failure;

    /**
     * Starts a master that calls {@code script} on its own thread for each message received, with a way to answer the
     * worker that sent it.
     */
    FakeMaster(BiConsumer<LocustMessage, Reply> script) {
        socket.setReceiveTimeOut(20);
        port = socket.bindToRandomPort("tcp://127.0.0.1");
        thread = Thread.ofPlatform().daemon().name("fake-locust-master").start(() -> {
            try {
                while (running) {
                    byte[] identity = socket.recv(0);
                    if (identity == null) {
                        continue;
                    }
                    byte[] frame = socket.recv(0);
                    LocustMessage message = LocustMessage.decode(frame);
                    received.add(message);
                    script.accept(message, (type, data) -> {
                        socket.sendMore(identity);
                        socket.send(new LocustMessage(type, data, message.nodeId()).encode(), 0);
                    });
                }
            } catch (RuntimeException | Error e) {
                // Kept for close(): a master that stopped answering would otherwise look like a worker's fault.
                failure = e;
            }
        });
    }

    /** The port the master listens on. */
    int port() {
        return port;
    }

    /** Every message received so far, in order. */
    List<LocustMessage> received() {
        return List.copyOf(received);
    }

    /** The messages of {@code type} received so far. */
    List<LocustMessage> received(String type) {
        return received.stream().filter(message -> message.type().equals(type)).toList();
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        socket.close();
        context.close();
        if (failure != null) {
            throw new AssertionError("The fake master's thread failed after receiving " + received, failure);
        }
    }

    /** Sends a message to the worker that sent the one being handled. */
    interface Reply {
        void send(String type, Object data);
    }
}
