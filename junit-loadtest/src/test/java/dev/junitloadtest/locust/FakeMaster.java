package dev.junitloadtest.locust;

import java.util.List;
import java.util.concurrent.CompletableFuture;
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

    private final int port;
    private final List<LocustMessage> received = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable failure;

    /**
     * Starts a master that calls {@code script} on its own thread for each message received, with a way to answer the
     * worker that sent it. The socket is made, used and closed on that thread only, as ZeroMQ sockets want.
     */
    FakeMaster(BiConsumer<LocustMessage, Reply> script) {
        CompletableFuture<Integer> bound = new CompletableFuture<>();
        thread = Thread.ofPlatform().daemon().name("fake-locust-master").start(() -> {
            try (ZContext context = new ZContext()) {
                ZMQ.Socket socket = context.createSocket(SocketType.ROUTER);
                socket.setReceiveTimeOut(20);
                socket.setLinger(0);
                // A port the system picks free, not one drawn at random among ports that may be in use.
                socket.bind("tcp://127.0.0.1:*");
                String endpoint = socket.getLastEndpoint();
                bound.complete(Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1)));
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
                bound.completeExceptionally(e);
            }
        });
        port = bound.join();
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
        if (failure != null) {
            throw new AssertionError("The fake master's thread failed after receiving " + received, failure);
        }
    }

    /** Sends a message to the worker that sent the one being handled. */
    interface Reply {
        void send(String type, Object data);
    }
}
