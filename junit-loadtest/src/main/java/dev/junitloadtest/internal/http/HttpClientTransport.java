package dev.junitloadtest.internal.http;

import java.util.concurrent.Future;

import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.async.methods.SimpleResponseConsumer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.cookie.BasicCookieStore;
import org.apache.hc.client5.http.cookie.StandardCookieSpec;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import dev.junitloadtest.internal.config.HttpSettings;
import dev.junitloadtest.internal.config.TrustSettings;

/**
 * The HttpClient 5 transport: one async client shared by all virtual users, each keeping its own connections through
 * a per-user connection state, its own cookies through its own context. Used with
 * {@code loadtest.http.transport=httpclient}, and for HTTP/2 ({@code loadtest.http.protocol=h2}): HTTP/1.1 only unless
 * asked for HTTP/2, which it then offers by ALPN to https:// servers, so either protocol compares with the lean
 * transport like for like. Thread-safe. Internal.
 */
final class HttpClientTransport implements Transport {

    private final CloseableHttpAsyncClient client;
    private final PoolingAsyncClientConnectionManager connections;
    private final RequestConfig defaultRequestConfig;

    HttpClientTransport(HttpSettings settings, TrustSettings trust, String name, GeneratorFailures failures) {
        Timeout connectTimeout = Timeout.of(settings.connectTimeout());
        Timeout responseTimeout = Timeout.of(settings.responseTimeout());
        // Each user keeps its own connections, in a pool made for that (see UserConnectionPool).
        this.connections = UserConnectionPool.manager(TlsTrust.strategy(trust),
                ConnectionConfig.custom()
                        .setConnectTimeout(connectTimeout)
                        .setSocketTimeout(responseTimeout)
                        .build(),
                TlsConfig.custom()
                        .setVersionPolicy(settings.protocol() == HttpSettings.Protocol.H2 ? HttpVersionPolicy.NEGOTIATE
                                : HttpVersionPolicy.FORCE_HTTP_1)
                        .build());
        this.defaultRequestConfig = RequestConfig.custom()
                .setResponseTimeout(responseTimeout)
                .setRedirectsEnabled(true)
                .setCookieSpec(StandardCookieSpec.RELAXED)
                .build();
        this.client = HttpAsyncClients.custom()
                .setConnectionManager(connections)
                // HttpCore gives every connection three buffers (in, out, content) of 32 KB: 96 KB of heap per idle
                // user. At 4 KB a typical API response still arrives in one read, long lines and large bodies still
                // work (in more reads), and an idle user costs 12 KB of buffers (see BENCHMARKS.md).
                .setHttp1Config(Http1Config.custom().setBufferSize(4 * 1024).build())
                .setIOReactorConfig(IOReactorConfig.custom()
                        .setIoThreadCount(Math.max(1, Runtime.getRuntime().availableProcessors()))
                        .setSoTimeout(responseTimeout)
                        // Timeouts are checked once per select interval (1 s by default): a tenth of a second keeps a
                        // 300 ms timeout near 300 ms, for ten wake-ups a second per I/O thread.
                        .setSelectInterval(TimeValue.ofMilliseconds(100))
                        .setTcpNoDelay(true)
                        .build())
                // An Error thrown in an I/O thread (an OutOfMemoryError under large bodies) ends that thread and its
                // share of the connections: every later request would fail at once, unsent. Say so, with the cause.
                .setThreadFactory(Thread.ofPlatform().daemon().name("loadtest-http-" + name + "-", 1)
                        .uncaughtExceptionHandler((thread, error) -> failures.ioThreadDied(thread, error)).factory())
                // Knows when a request is written to its connection (see SendGate).
                .addExecInterceptorBefore(ChainElement.MAIN_TRANSPORT.name(), "loadtest-send-gate", new SendGate())
                // A retried request would reach the target twice but be counted once.
                .disableAutomaticRetries()
                .setUserAgent(HttpTransport.USER_AGENT)
                .setDefaultRequestConfig(defaultRequestConfig)
                .setRedirectStrategy(new GuardedRedirects(trust))
                // The connection state is the user: a connection is only ever reused by the user that opened it.
                .setUserTokenHandler((route, context) -> HttpClientContext.castOrCreate(context).getUserToken())
                .build();
        client.start();
    }

    @Override
    public UserChannel open(BasicCookieStore cookies) {
        HttpClientContext context = HttpClientContext.create();
        context.setCookieStore(cookies);
        // The user token is the connection state: the pool keeps the user's idle connections in it.
        context.setUserToken(new UserConnections());
        return (request, deadlineNanos) -> exchange(context, request, deadlineNanos);
    }

    private Transport.Outcome exchange(HttpClientContext context, Outgoing outgoing, long deadlineNanos) {
        SimpleHttpRequest request = new SimpleHttpRequest(outgoing.method(), outgoing.uri());
        for (String[] header : outgoing.headers()) {
            request.addHeader(header[0], header[1]);
        }
        if (outgoing.body() != null) {
            request.setBody(outgoing.body(), ContentType.parse(outgoing.contentType()));
        }
        if (outgoing.timeout() != null || !outgoing.followRedirects()) {
            RequestConfig.Builder config = RequestConfig.copy(defaultRequestConfig);
            if (outgoing.timeout() != null) {
                config.setResponseTimeout(Timeout.of(outgoing.timeout()));
            }
            config.setRedirectsEnabled(outgoing.followRedirects());
            request.setConfig(config.build());
        }
        context.removeAttribute(GuardedRedirects.BLOCKED_REDIRECT);
        Exchange exchange = new Exchange(SimpleRequestProducer.create(request), context);
        Future<SimpleHttpResponse> future = client.execute(exchange.request(), SimpleResponseConsumer.create(), null,
                context, exchange);
        try {
            exchange.await(future, deadlineNanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.interrupted(exchange.wasSent());
        }
        SimpleHttpResponse response = exchange.response();
        Received received = response == null ? null : new Received(response.getCode(), response.getHeaders(),
                response.getBodyBytes(), response.getContentType(), response.getVersion());
        Object refused = context.getAttribute(GuardedRedirects.BLOCKED_REDIRECT);
        return new Outcome(received, exchange.failure(), exchange.timedOut(), false, exchange.wasSent(),
                exchange.endNanos(), refused == null ? null : refused.toString());
    }

    @Override
    public int openConnections() {
        return connections.getTotalStats().getLeased() + connections.getTotalStats().getAvailable();
    }

    @Override
    public void close() {
        client.close(CloseMode.IMMEDIATE);
        try {
            client.awaitShutdown(TimeValue.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
