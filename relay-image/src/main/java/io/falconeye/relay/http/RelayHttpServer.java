package io.falconeye.relay.http;

import io.falconeye.relay.frames.FrameHub;
import io.falconeye.relay.frames.JpegFrame;
import io.falconeye.relay.metrics.RelayMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The relay's HTTP side: MJPEG at {@code /} and {@code /stream}, {@code /snapshot.jpg},
 * {@code /health} and {@code /metrics}. Non-blocking; writing a frame never waits for a viewer.
 */
public final class RelayHttpServer {

    static final int SEND_BUFFER_BYTES = 256 * 1024;

    private final Vertx vertx;
    private final FrameHub hub;
    private final RelayMetrics metrics;
    private final MjpegBroadcaster broadcaster;
    private final BooleanSupplier ready;
    private final Supplier<String> lastError;
    private HttpServer server;

    /**
     * @param ready     whether /health answers 200
     * @param lastError why the source last failed, shown by /health (must hold no secret)
     */
    public RelayHttpServer(Vertx vertx, FrameHub hub, RelayMetrics metrics, BooleanSupplier ready,
                           Supplier<String> lastError) {
        this.vertx = vertx;
        this.hub = hub;
        this.metrics = metrics;
        this.ready = ready;
        this.lastError = lastError;
        this.broadcaster = new MjpegBroadcaster(hub, metrics);
        hub.subscribe(broadcaster);
        metrics.registerViewerGauge(broadcaster::viewerCount);
    }

    public int viewerCount() {
        return broadcaster.viewerCount();
    }

    /** Listens and completes with the bound port (useful with port 0). */
    public Future<Integer> start(String host, int port) {
        server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port)
                .setTcpNoDelay(true).setCompressionSupported(false)
                // A fixed socket send buffer (no kernel autotuning to megabytes) keeps what a slow
                // viewer can have in flight to a few frames; beyond that frames are skipped.
                .setSendBufferSize(SEND_BUFFER_BYTES));
        return server.requestHandler(this::handle).listen().map(HttpServer::actualPort);
    }

    public Future<Void> stop() {
        return server == null ? Future.succeededFuture() : server.close();
    }

    private void handle(HttpServerRequest request) {
        HttpServerResponse response = request.response();
        if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
            response.setStatusCode(405).putHeader("Allow", "GET, HEAD").end();
            return;
        }
        switch (request.path()) {
            case "/", "/stream" -> stream(request, response);
            case "/snapshot.jpg" -> snapshot(response);
            case "/health" -> health(response);
            case "/metrics" -> response.putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                    .end(metrics.scrape());
            default -> response.setStatusCode(404).putHeader("Content-Type", "text/plain").end("not found\n");
        }
    }

    private void stream(HttpServerRequest request, HttpServerResponse response) {
        response.putHeader("Content-Type", MjpegPart.CONTENT_TYPE)
                .putHeader("Cache-Control", "no-cache, no-store, must-revalidate")
                .putHeader("Pragma", "no-cache")
                .putHeader("Connection", "close");
        if (request.method() == HttpMethod.HEAD) {
            response.end();
            return;
        }
        response.setChunked(true);
        broadcaster.add(response, vertx.getOrCreateContext());
    }

    private void snapshot(HttpServerResponse response) {
        Optional<JpegFrame> latest = hub.latest();
        if (latest.isEmpty()) {
            response.setStatusCode(503).putHeader("Content-Type", "text/plain")
                    .putHeader("Retry-After", "1").end("no frame received from the camera yet\n");
            return;
        }
        response.putHeader("Content-Type", "image/jpeg").putHeader("Cache-Control", "no-store")
                .end(Buffer.buffer(latest.get().jpeg()));
    }

    private void health(HttpServerResponse response) {
        String age = hub.lastFrameAge().map(a -> Long.toString(a.toMillis())).orElse("null");
        boolean ok = ready.getAsBoolean();
        String error = lastError.get();
        response.setStatusCode(ok ? 200 : 503).putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store")
                .end("{\"status\":\"" + (ok ? "ready" : "no-frames") + "\",\"lastFrameAgeMs\":" + age
                        + (ok || error == null ? "" : ",\"lastError\":\"" + jsonEscape(error) + "\"") + "}\n");
    }

    private static String jsonEscape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
