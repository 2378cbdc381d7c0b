package io.falconeye.operator.rest;

import io.falconeye.operator.cluster.ServiceEndpoint;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.annotation.PreDestroy;
import java.util.List;
import java.util.Set;

/**
 * Streams an upstream HTTP response (a relay's MJPEG, a file server's MP4) to the client with
 * back-pressure: bytes flow as they come, nothing is buffered beyond the socket buffers, and when
 * the client goes away the upstream connection is closed at once. Upstream addresses only ever
 * come from Service endpoints the caller looked up, never from the request.
 */
@ApplicationScoped
public class UpstreamProxy {

    private static final Set<String> PASSED_HEADERS = Set.of("content-type", "content-length", "content-range",
            "accept-ranges", "last-modified", "etag", "cache-control");

    private final HttpClient http;

    public UpstreamProxy(Vertx vertx) {
        this.http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(3000).setKeepAlive(false)
                .setMaxPoolSize(1000).setIdleTimeout(0));
    }

    @PreDestroy
    void close() {
        http.close();
    }

    /** Sends a request to {@code endpoint}; the future fails when the endpoint does not answer. */
    public Future<HttpClientResponse> send(ServiceEndpoint endpoint, HttpMethod method, String path,
            MultiMap headers) {
        RequestOptions options = new RequestOptions().setMethod(method).setHost(endpoint.ip())
                .setPort(endpoint.port()).setURI(path).setTimeout(0).setConnectTimeout(3000);
        return http.request(options).compose(request -> {
            if (headers != null) {
                request.headers().addAll(headers);
            }
            return request.send();
        });
    }

    /** Tries {@code endpoints} in order until one answers other than 404; fails when none does. */
    public Future<HttpClientResponse> firstFound(List<ServiceEndpoint> endpoints, int index, HttpMethod method,
            String path, MultiMap headers) {
        if (index >= endpoints.size()) {
            return Future.failedFuture(new NotFoundAnywhere());
        }
        return send(endpoints.get(index), method, path, headers).transform(result -> {
            if (result.succeeded() && result.result().statusCode() != 404) {
                return Future.succeededFuture(result.result());
            }
            if (result.succeeded()) {
                result.result().request().reset();
            }
            return firstFound(endpoints, index + 1, method, path, headers);
        });
    }

    /** Raised by {@link #firstFound} when no endpoint has the path. */
    public static final class NotFoundAnywhere extends RuntimeException {
        NotFoundAnywhere() {
            super("not found on any endpoint", null, false, false);
        }
    }

    /** Copies status and the safe headers, then pipes the body; ties the two connections' lifetimes. */
    public void pipe(HttpClientResponse upstream, RoutingContext ctx, String contentTypeFallback, Runnable onDone) {
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable finish = () -> {
            if (done.compareAndSet(false, true)) {
                onDone.run();
            }
        };
        HttpServerResponse response = ctx.response();
        HttpClientRequest upstreamRequest = upstream.request();
        response.setStatusCode(upstream.statusCode());
        upstream.headers().forEach(h -> {
            if (PASSED_HEADERS.contains(h.getKey().toLowerCase(java.util.Locale.ROOT))) {
                response.putHeader(h.getKey(), h.getValue());
            }
        });
        if (!response.headers().contains("Content-Type") && contentTypeFallback != null) {
            response.putHeader("Content-Type", contentTypeFallback);
        }
        if (!response.headers().contains("Content-Length")) {
            response.setChunked(true);
        }
        Runnable closeUpstream = () -> {
            upstreamRequest.reset();
            finish.run();
        };
        response.endHandler(v -> finish.run());
        response.closeHandler(v -> closeUpstream.run());
        response.exceptionHandler(e -> closeUpstream.run());
        upstream.exceptionHandler(e -> {
            if (!response.closed()) {
                response.reset();
            }
            finish.run();
        });
        // A hand-written pipe: chunks that were already in flight when the client left are dropped
        // instead of being written to a closed response.
        upstream.handler(chunk -> {
            if (response.closed() || response.ended()) {
                return;
            }
            response.write(chunk);
            if (response.writeQueueFull()) {
                upstream.pause();
                response.drainHandler(v -> upstream.resume());
            }
        });
        upstream.endHandler(v -> {
            if (!response.closed() && !response.ended()) {
                response.end();
            }
            finish.run();
        });
    }

    /** Ends the exchange with a problem document. */
    public static void problem(RoutingContext ctx, int status, String detail) {
        problem(ctx, status, detail, null);
    }

    /** Ends the exchange with a problem document that names the field at fault. */
    public static void problem(RoutingContext ctx, int status, String detail, String field) {
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        String title = jakarta.ws.rs.core.Response.Status.fromStatusCode(status) == null ? "Error"
                : jakarta.ws.rs.core.Response.Status.fromStatusCode(status).getReasonPhrase();
        ctx.response().setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(Json.encode(new Problem("about:blank", title, status, detail, field)));
    }
}
