package dev.junitloadtest.internal.http;

import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.nio.ManagedAsyncClientConnection;
import org.apache.hc.core5.pool.PoolEntry;

/**
 * One virtual user's idle connections, and its identity in the {@link UserConnectionPool}: HttpClient carries it as
 * the context's user token (the connection state). A user usually holds one idle connection per host it talks to.
 * Thread-safe (the user's thread leases, an I/O thread releases). Internal.
 */
final class UserConnections {

    private static final PoolEntry<?, ?>[] NONE = new PoolEntry<?, ?>[0];

    private PoolEntry<?, ?>[] idle = NONE;
    private int count;

    /** Takes an idle connection to {@code route}, or returns null when the user has none. */
    @SuppressWarnings("unchecked")
    synchronized PoolEntry<HttpRoute, ManagedAsyncClientConnection> take(HttpRoute route) {
        for (int i = count - 1; i >= 0; i--) {
            PoolEntry<?, ?> entry = idle[i];
            if (entry.getRoute() == route || entry.getRoute().equals(route)) {
                idle[i] = idle[count - 1];
                idle[--count] = null;
                return (PoolEntry<HttpRoute, ManagedAsyncClientConnection>) entry;
            }
        }
        return null;
    }

    /** Keeps an idle connection for the user's next request on its route. */
    synchronized void keep(PoolEntry<HttpRoute, ManagedAsyncClientConnection> entry) {
        if (count == idle.length) {
            PoolEntry<?, ?>[] grown = new PoolEntry<?, ?>[Math.max(1, count * 2)];
            System.arraycopy(idle, 0, grown, 0, count);
            idle = grown;
        }
        idle[count++] = entry;
    }
}
