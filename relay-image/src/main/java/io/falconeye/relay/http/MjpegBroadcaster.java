package io.falconeye.relay.http;

import io.falconeye.relay.frames.FrameHub;
import io.falconeye.relay.frames.JpegFrame;
import io.falconeye.relay.metrics.RelayMetrics;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** Fans each frame out to every viewer: the part is built once and the same bytes go to all. */
final class MjpegBroadcaster implements Consumer<JpegFrame> {

    private final Set<MjpegViewer> viewers = ConcurrentHashMap.newKeySet();
    private final RelayMetrics metrics;
    private volatile Buffer latestPart;

    MjpegBroadcaster(FrameHub hub, RelayMetrics metrics) {
        this.metrics = metrics;
        hub.latest().ifPresent(this::accept);
    }

    @Override
    public void accept(JpegFrame frame) {
        Buffer part = MjpegPart.of(frame);
        latestPart = part;
        for (MjpegViewer viewer : viewers) {
            viewer.offer(part);
        }
    }

    /** Registers a viewer and, on its event loop, sends it the latest frame at once. */
    void add(HttpServerResponse response, Context context) {
        MjpegViewer viewer = new MjpegViewer(response, context, metrics);
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
        return viewers.size();
    }
}
