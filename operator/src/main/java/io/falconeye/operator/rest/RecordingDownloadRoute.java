package io.falconeye.operator.rest;

import io.falconeye.operator.cluster.ServiceEndpoint;
import io.falconeye.operator.config.ApiConfig;
import io.falconeye.operator.db.RecordingFileRow;
import io.falconeye.operator.db.RecordingTable;
import io.falconeye.operator.mirror.RecorderEventProjection;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;

/**
 * GET /api/recordings/{id}/download: the file from the file server on the recording's node, else
 * from the other nodes, streamed with Content-Length; Range requests are passed through, so a
 * {@code <video>} element can seek.
 */
@ApplicationScoped
public class RecordingDownloadRoute {


    private final RecordingTable recordings;
    private final FileServers fileServers;
    private final UpstreamProxy proxy;
    private final ApiConfig api;

    public RecordingDownloadRoute(RecordingTable recordings, FileServers fileServers, UpstreamProxy proxy, ApiConfig api) {
        this.recordings = recordings;
        this.fileServers = fileServers;
        this.proxy = proxy;
        this.api = api;
    }

    void routes(@Observes Router router) {
        router.get("/api/recordings/:id/download").handler(this::download);
    }

    private void download(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (!Ids.isUid(id)) {
            UpstreamProxy.problem(ctx, 400, "id: must be a recording id");
            return;
        }
        recordings.get(id).subscribe().with(row -> found(ctx, row),
                failure -> UpstreamProxy.problem(ctx, 503, "the recordings database is not available; try again later"));
    }

    private void found(RoutingContext ctx, Optional<RecordingFileRow> row) {
        if (row.isEmpty()) {
            UpstreamProxy.problem(ctx, 404, "recording " + ctx.pathParam("id") + " not found");
            return;
        }
        String relative = RecorderEventProjection.relativePath(row.get().filePath(), api.recordingsMount());
        if (relative == null) {
            UpstreamProxy.problem(ctx, 404, "the recording's file is not in the recordings folder");
            return;
        }
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        String range = ctx.request().getHeader("Range");
        if (range != null) {
            headers.add("Range", range);
        }
        String fileName = row.get().fileName();
        ctx.vertx().<List<ServiceEndpoint>>executeBlocking(() -> fileServers.nodeFirst(row.get().nodeName()), false)
                .onComplete(servers -> {
                    if (servers.failed() || servers.result().isEmpty()) {
                        UpstreamProxy.problem(ctx, 503, "no file server is ready");
                        return;
                    }
                    proxy.firstFound(servers.result(), 0, HttpMethod.GET, "/" + relative, headers).onComplete(answer -> {
                        if (answer.failed()) {
                            UpstreamProxy.problem(ctx, answer.cause() instanceof UpstreamProxy.NotFoundAnywhere ? 404 : 502,
                                    answer.cause() instanceof UpstreamProxy.NotFoundAnywhere
                                            ? "the file is on no node any more" : "the file servers did not answer");
                            return;
                        }
                        ctx.response().putHeader("Content-Disposition", "inline; filename=\"" + fileName + "\"");
                        ctx.response().putHeader("Accept-Ranges", "bytes");
                        proxy.pipe(answer.result(), ctx, "video/mp4", () -> { });
                    });
                });
    }
}
