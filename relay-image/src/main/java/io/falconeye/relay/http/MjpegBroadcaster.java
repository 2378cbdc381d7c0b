package io.falconeye.relay.http;

import io.falconeye.relay.frames.FrameHub;
import io.falconeye.relay.frames.JpegFrame;
import io.falconeye.relay.metrics.RelayMetrics;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Fans each frame out to every viewer: the part is built once and the same bytes go to all.
 * Viewers are grouped by event loop so a frame costs one task per loop, not one per viewer.
 */
final class MjpegBroadcaster implements Consumer<JpegFrame> {

    private final Map<Context, Set<MjpegViewer>> viewersByLoop = new ConcurrentHashMap<>();
    private final RelayMetrics metrics;
    private volatile Buffer latestPart;

    MjpegBroadcaster(FrameHub hub, RelayMetrics metrics) {
        this.metrics = metrics;
        hub.latest().ifPresent(this::accept);
    }

    /** Called on the ingest thread for every frame. */
    @Override
    public void accept(JpegFrame frame) {
        Buffer part = MjpegPart.of(frame);
        latestPart = part;
        viewersByLoop.forEach((context, viewers) -> {
            if (!viewers.isEmpty()) {
                context.runOnContext(ignored -> {
                    for (MjpegViewer viewer : viewers) {
                        viewer.writeOrSkip(part);
                    }
                });
            }
        });
    }

    /** Registers a viewer (on its event loop) and sends it the latest frame at once. */
    void add(HttpServerResponse response, Context context) {
        MjpegViewer viewer = new MjpegViewer(response, metrics);
        Set<MjpegViewer> viewers = viewersByLoop.computeIfAbsent(context, c -> ConcurrentHashMap.newKeySet());
        Runnable remove = () -> {
            viewer.markClosed();
            viewers.remove(viewer);
        };
        response.closeHandler(ignored -> remove.run());
        response.exceptionHandler(ignored -> remove.run());
        viewers.add(viewer);
        Buffer part = latestPart;
        if (part != null) {
            viewer.writeOrSkip(part);
        }
    }

    int viewerCount() {
        return viewersByLoop.values().stream().mapToInt(Set::size).sum();
    }
}
