package io.falconeye.operator.rest;

import io.falconeye.operator.api.Camera;
import io.falconeye.operator.cache.CameraCache;
import io.falconeye.operator.cluster.ServiceEndpoint;
import io.falconeye.operator.cluster.ServiceEndpoints;
import io.falconeye.operator.model.Names;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * GET /api/cameras/{id}/stream and /snapshot.jpg: the camera's relay, proxied. The relay is found
 * from the camera's relay Service endpoints; a client can only name a camera, never an address.
 */
@ApplicationScoped
public class StreamProxyRoutes {

    private static final String RETRY_AFTER_SECONDS = "2";

    private final CameraCache cameras;
    private final ServiceEndpoints endpoints;
    private final UpstreamProxy proxy;
    private final AtomicInteger open = new AtomicInteger();

    public StreamProxyRoutes(CameraCache cameras, ServiceEndpoints endpoints, UpstreamProxy proxy,
            MeterRegistry meters) {
        this.cameras = cameras;
        this.endpoints = endpoints;
        this.proxy = proxy;
        meters.gauge("falconeye_stream_proxy_open", open);
    }

    void routes(@Observes Router router) {
        router.get("/api/cameras/:id/stream").handler(ctx -> proxy(ctx, "/stream", "multipart/x-mixed-replace; boundary=frame"));
        router.get("/api/cameras/:id/snapshot.jpg").handler(ctx -> proxy(ctx, "/snapshot.jpg", "image/jpeg"));
    }

    /** Streams being proxied right now. */
    public int openStreams() {
        return open.get();
    }

    private void proxy(RoutingContext ctx, String path, String contentType) {
        String id = ctx.pathParam("id");
        if (!Ids.isUid(id)) {
            UpstreamProxy.problem(ctx, 400, "id: must be a camera id");
            return;
        }
        Optional<Camera> camera = cameras.byUid(id);
        if (camera.isEmpty()) {
            UpstreamProxy.problem(ctx, 404, "camera " + id + " not found");
            return;
        }
        Camera cam = camera.get();
        ctx.vertx().<List<ServiceEndpoint>>executeBlocking(() -> endpoints.ready(cam.getMetadata().getNamespace(),
                Names.relayService(cam), "http", Names.RELAY_PORT), false).onComplete(found -> {
            if (found.failed() || found.result().isEmpty()) {
                ctx.response().putHeader("Retry-After", RETRY_AFTER_SECONDS);
                UpstreamProxy.problem(ctx, 503, "the camera's relay is not ready");
                return;
            }
            proxy.send(found.result().get(0), HttpMethod.GET, path, null).onComplete(answer -> {
                if (answer.failed()) {
                    UpstreamProxy.problem(ctx, 502, "the camera's relay did not answer");
                    return;
                }
                if (ctx.response().closed()) {
                    answer.result().request().reset();
                    return;
                }
                int status = answer.result().statusCode();
                if (status / 100 != 2) {
                    // the relay's own error page is not passed on: the client gets a problem in our terms
                    answer.result().request().reset();
                    if (status == 503) {
                        ctx.response().putHeader("Retry-After", RETRY_AFTER_SECONDS);
                        UpstreamProxy.problem(ctx, 503, "the camera's relay has no picture yet");
                    } else {
                        UpstreamProxy.problem(ctx, 502, "the camera's relay answered HTTP " + status);
                    }
                    return;
                }
                open.incrementAndGet();
                proxy.pipe(answer.result(), ctx, contentType, open::decrementAndGet);
            });
        });
    }
}
