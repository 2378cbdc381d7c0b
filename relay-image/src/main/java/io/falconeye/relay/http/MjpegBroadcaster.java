package io.falconeye.relay.http;

import io.falconeye.relay.frames.FrameHub;
import io.falconeye.relay.frames.JpegFrame;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Fans each frame out to every viewer: the part is built once and the same bytes are written to
 * all, on the thread that delivered the frame (no hand-over to another thread per frame).
 */
final class MjpegBroadcaster implements Consumer<JpegFrame> {

    private final CopyOnWriteArrayList<MjpegViewer> viewers = new CopyOnWriteArrayList<>();
    private final FrameHub hub;
    private volatile MjpegPart latestPart;
    private volatile Runnable onViewersChanged = () -> { };

    MjpegBroadcaster(FrameHub hub) {
        this.hub = hub;
    }

    /** Called (on the thread that added or removed a viewer) each time the set of viewers changes. */
    void onViewersChanged(Runnable listener) {
        onViewersChanged = listener;
    }

    /** Called on the ingest thread for every frame. */
    @Override
    public void accept(JpegFrame frame) {
        if (viewers.isEmpty()) {
            // Nobody to write to: the part is built from the hub's latest frame when a viewer comes.
            latestPart = null;
            return;
        }
        MjpegPart part = MjpegPart.of(frame);
        latestPart = part;
        for (MjpegViewer viewer : viewers) {
            viewer.offer(part);
        }
    }

    /** Registers a viewer whose response head is sent, and sends it the latest frame at once. */
    void add(MjpegViewer viewer) {
        viewers.add(viewer);
        MjpegPart part = latestPart;
        if (part == null) {
            part = hub.latest().map(MjpegPart::of).orElse(null);
        }
        if (part != null) {
            viewer.offer(part);
        }
        if (viewer.isClosed()) {
            viewers.remove(viewer);
        }
        onViewersChanged.run();
    }

    void remove(MjpegViewer viewer) {
        if (viewers.remove(viewer)) {
            onViewersChanged.run();
        }
    }

    int viewerCount() {
        return viewers.size();
    }

    void closeAll() {
        viewers.forEach(MjpegViewer::close);
    }
}
