package io.falconeye.relay.http;

import io.falconeye.relay.metrics.RelayMetrics;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/**
 * One open MJPEG connection. Frames are offered, never queued: while the connection still holds
 * unsent data the frame is skipped, so a slow viewer costs no memory and sees the newest frame next.
 */
final class MjpegViewer {

    private final HttpServerResponse response;
    private final RelayMetrics metrics;
    private volatile boolean closed;

    MjpegViewer(HttpServerResponse response, RelayMetrics metrics) {
        this.response = response;
        this.metrics = metrics;
    }

    /** Must run on the connection's event loop. */
    void writeOrSkip(Buffer part) {
        if (closed) {
            return;
        }
        if (response.writeQueueFull()) {
            metrics.frameSkipped();
            return;
        }
        response.write(part);
        metrics.frameOut();
    }

    void markClosed() {
        closed = true;
    }
}
