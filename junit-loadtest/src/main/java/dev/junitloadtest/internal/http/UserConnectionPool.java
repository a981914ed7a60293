package dev.junitloadtest.internal.http;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.nio.DefaultAsyncClientConnectionOperator;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.nio.ManagedAsyncClientConnection;
import org.apache.hc.core5.concurrent.BasicFuture;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.URIScheme;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.http.nio.ssl.TlsStrategy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.DefaultDisposalCallback;
import org.apache.hc.core5.pool.DisposalCallback;
import org.apache.hc.core5.pool.ManagedConnPool;
import org.apache.hc.core5.pool.PoolEntry;
import org.apache.hc.core5.pool.PoolStats;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The connection pool of a run, where every virtual user keeps its own connections: a user's idle connections are held
 * by its {@link UserConnections} (the connection state HttpClient passes to the pool with every lease), so a lease is
 * a look at that user's one or two idle connections, never a scan of everyone's, and a user never takes, nor closes,
 * another user's connection.
 *
 * <p>HttpClient's own pools do not fit: the lax pool hands out the first idle connection of the route and, when it
 * belongs to another user, closes it and opens a new one (a new TCP connection for nearly every request under
 * concurrency); the strict pool scans the route's whole idle list under one lock at every lease. There are no limits:
 * each user holds at most the connections it uses at once, so the users are the limit. Thread-safe. Internal.
 */
final class UserConnectionPool implements ManagedConnPool<HttpRoute, ManagedAsyncClientConnection> {

    private final DisposalCallback<ManagedAsyncClientConnection> disposal = new DefaultDisposalCallback<>();
    /** Every entry with a connection or leased, for closing them all and for the statistics. */
    private final Set<PoolEntry<HttpRoute, ManagedAsyncClientConnection>> entries = ConcurrentHashMap.newKeySet();
    private final AtomicInteger leased = new AtomicInteger();
    private final UserConnections unowned = new UserConnections();
    private volatile boolean closed;

    /**
     * A connection manager over a new pool of this kind, with {@code tls} for https, {@code config} for every
     * connection and {@code tlsConfig} (the HTTP versions offered) for every https one.
     */
    static PoolingAsyncClientConnectionManager manager(TlsStrategy tls, ConnectionConfig config, TlsConfig tlsConfig) {
        DefaultAsyncClientConnectionOperator operator = new DefaultAsyncClientConnectionOperator(
                RegistryBuilder.<TlsStrategy>create().register(URIScheme.HTTPS.id, tls).build(), null, null) {
        };
        PoolingAsyncClientConnectionManager manager = new PoolingAsyncClientConnectionManager(
                new UserConnectionPool(), operator) {
        };
        manager.setDefaultConnectionConfig(config);
        manager.setDefaultTlsConfig(tlsConfig);
        return manager;
    }

    @Override
    public Future<PoolEntry<HttpRoute, ManagedAsyncClientConnection>> lease(HttpRoute route, Object state,
            Timeout requestTimeout, FutureCallback<PoolEntry<HttpRoute, ManagedAsyncClientConnection>> callback) {
        if (closed) {
            throw new IllegalStateException("Connection pool shut down");
        }
        UserConnections owner = state instanceof UserConnections user ? user : unowned;
        PoolEntry<HttpRoute, ManagedAsyncClientConnection> entry = owner.take(route);
        if (entry == null) {
            entry = new PoolEntry<>(route, TimeValue.NEG_ONE_MILLISECOND, disposal);
            entries.add(entry);
        } else if (entry.getExpiryDeadline().isExpired()) {
            entry.discardConnection(CloseMode.GRACEFUL);
        }
        leased.incrementAndGet();
        BasicFuture<PoolEntry<HttpRoute, ManagedAsyncClientConnection>> future = new BasicFuture<>(callback);
        future.completed(entry);
        return future;
    }

    @Override
    public void release(PoolEntry<HttpRoute, ManagedAsyncClientConnection> entry, boolean reusable) {
        leased.decrementAndGet();
        if (!reusable || closed || entry.getExpiryDeadline().isExpired()) {
            entry.discardConnection(CloseMode.GRACEFUL);
        }
        if (entry.hasConnection()) {
            (entry.getState() instanceof UserConnections user ? user : unowned).keep(entry);
            if (closed) {
                // close() may have run between the check above and keep(): do not leave the connection open.
                entry.discardConnection(CloseMode.IMMEDIATE);
            }
        } else {
            entries.remove(entry);
        }
    }

    @Override
    public void close(CloseMode closeMode) {
        closed = true;
        for (PoolEntry<HttpRoute, ManagedAsyncClientConnection> entry : entries) {
            entry.discardConnection(closeMode);
        }
        entries.clear();
    }

    @Override
    public void close() {
        close(CloseMode.GRACEFUL);
    }

    @Override
    public void closeIdle(TimeValue idleTime) {
        // Idle connections stay with their users until the run ends; the client runs no idle-connection evictor.
    }

    @Override
    public void closeExpired() {
        // Expired connections are closed when their user next leases one (see lease).
    }

    @Override
    public Set<HttpRoute> getRoutes() {
        Set<HttpRoute> routes = new HashSet<>();
        for (PoolEntry<HttpRoute, ManagedAsyncClientConnection> entry : entries) {
            routes.add(entry.getRoute());
        }
        return routes;
    }

    @Override
    public PoolStats getTotalStats() {
        int leasedNow = leased.get();
        return new PoolStats(leasedNow, 0, Math.max(0, entries.size() - leasedNow), Integer.MAX_VALUE);
    }

    @Override
    public PoolStats getStats(HttpRoute route) {
        return getTotalStats();
    }

    @Override
    public void setMaxTotal(int max) {
        // no limit: the users are the limit
    }

    @Override
    public int getMaxTotal() {
        return Integer.MAX_VALUE;
    }

    @Override
    public void setDefaultMaxPerRoute(int max) {
        // no limit: the users are the limit
    }

    @Override
    public int getDefaultMaxPerRoute() {
        return Integer.MAX_VALUE;
    }

    @Override
    public void setMaxPerRoute(HttpRoute route, int max) {
        // no limit: the users are the limit
    }

    @Override
    public int getMaxPerRoute(HttpRoute route) {
        return Integer.MAX_VALUE;
    }
}
