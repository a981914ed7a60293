package dev.junitloadtest.internal.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

import org.apache.hc.client5.http.EndpointInfo;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.async.AsyncExecCallback;
import org.apache.hc.client5.http.async.AsyncExecChain;
import org.apache.hc.client5.http.async.AsyncExecChainHandler;
import org.apache.hc.client5.http.async.AsyncExecRuntime;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.concurrent.Cancellable;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncClientExchangeHandler;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.nio.DataStreamChannel;
import org.apache.hc.core5.http.nio.RequestChannel;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;

/**
 * The last step of HttpClient's chain before the request is written to its connection: it tells the request's
 * {@link Exchange} the moment its head is about to go out, on the I/O thread, and refuses to write a request whose
 * user has already given up on it (cut by the end of the run, or timed out). HttpClient calls a request producer as
 * soon as {@code execute} is called, on the caller's thread, long before a connection is there: that moment says
 * nothing about whether the target will see the request, and counting from it recorded requests the target never
 * received. Internal.
 */
final class SendGate implements AsyncExecChainHandler {

    /** The context attribute holding the user's current {@link Exchange}. */
    static final String EXCHANGE = "dev.junitloadtest.exchange";

    @Override
    public void execute(HttpRequest request, AsyncEntityProducer entityProducer, AsyncExecChain.Scope scope,
            AsyncExecChain chain, AsyncExecCallback callback) throws HttpException, IOException {
        if (!(scope.clientContext.getAttribute(EXCHANGE) instanceof Exchange exchange)) {
            chain.proceed(request, entityProducer, scope, callback);
            return;
        }
        chain.proceed(request, entityProducer, new AsyncExecChain.Scope(scope.exchangeId, scope.route,
                scope.originalRequest, scope.cancellableDependency, scope.clientContext,
                new GatedRuntime(scope.execRuntime, exchange), scope.scheduler, scope.execCount), callback);
    }

    /** Passes everything on, wrapping the exchange handler that writes the request. */
    private record GatedRuntime(AsyncExecRuntime delegate, Exchange exchange) implements AsyncExecRuntime {

        @Override
        public Cancellable execute(String id, AsyncClientExchangeHandler handler, HttpClientContext context) {
            return delegate.execute(id, new GatedHandler(handler, exchange), context);
        }

        @Override
        public boolean isEndpointAcquired() {
            return delegate.isEndpointAcquired();
        }

        @Override
        public Cancellable acquireEndpoint(String id, HttpRoute route, Object state, HttpClientContext context,
                FutureCallback<AsyncExecRuntime> callback) {
            return delegate.acquireEndpoint(id, route, state, context, callback);
        }

        @Override
        public void releaseEndpoint() {
            delegate.releaseEndpoint();
        }

        @Override
        public void discardEndpoint() {
            delegate.discardEndpoint();
        }

        @Override
        public boolean isEndpointConnected() {
            return delegate.isEndpointConnected();
        }

        @Override
        public Cancellable connectEndpoint(HttpClientContext context, FutureCallback<AsyncExecRuntime> callback) {
            return delegate.connectEndpoint(context, callback);
        }

        @Override
        public void disconnectEndpoint() {
            delegate.disconnectEndpoint();
        }

        @Override
        public void upgradeTls(HttpClientContext context) {
            delegate.upgradeTls(context);
        }

        @Override
        public void upgradeTls(HttpClientContext context, FutureCallback<AsyncExecRuntime> callback) {
            delegate.upgradeTls(context, callback);
        }

        @Override
        public EndpointInfo getEndpointInfo() {
            return delegate.getEndpointInfo();
        }

        @Override
        public boolean validateConnection() {
            return delegate.validateConnection();
        }

        @Override
        public void markConnectionReusable(Object state, TimeValue validityTime) {
            delegate.markConnectionReusable(state, validityTime);
        }

        @Override
        public void markConnectionNonReusable() {
            delegate.markConnectionNonReusable();
        }

        @Override
        public AsyncExecRuntime fork() {
            return new GatedRuntime(delegate.fork(), exchange);
        }
    }

    /** Asks the exchange before the request is written; passes everything else on. */
    private record GatedHandler(AsyncClientExchangeHandler delegate, Exchange exchange)
            implements AsyncClientExchangeHandler {

        @Override
        public void produceRequest(RequestChannel channel, HttpContext context) throws HttpException, IOException {
            if (!exchange.beginSending(context)) {
                throw new IOException("not sent: the request was given up before it reached a connection");
            }
            try {
                delegate.produceRequest(channel, context);
            } finally {
                exchange.headHandedOver();
            }
        }

        @Override
        public void consumeResponse(HttpResponse response, EntityDetails entityDetails, HttpContext context)
                throws HttpException, IOException {
            delegate.consumeResponse(response, entityDetails, context);
        }

        @Override
        public void consumeInformation(HttpResponse response, HttpContext context) throws HttpException, IOException {
            delegate.consumeInformation(response, context);
        }

        @Override
        public void cancel() {
            delegate.cancel();
        }

        @Override
        public void failed(Exception cause) {
            delegate.failed(cause);
        }

        @Override
        public void updateCapacity(CapacityChannel capacityChannel) throws IOException {
            delegate.updateCapacity(capacityChannel);
        }

        @Override
        public void consume(ByteBuffer src) throws IOException {
            delegate.consume(src);
        }

        @Override
        public void streamEnd(List<? extends Header> trailers) throws HttpException, IOException {
            delegate.streamEnd(trailers);
        }

        @Override
        public int available() {
            return delegate.available();
        }

        @Override
        public void produce(DataStreamChannel channel) throws IOException {
            delegate.produce(channel);
        }

        @Override
        public void releaseResources() {
            delegate.releaseResources();
        }
    }
}
