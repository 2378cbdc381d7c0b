package io.falconeye.relay.http;

import io.falconeye.relay.metrics.RelayMetrics;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;

/**
 * One open MJPEG connection. Frames are offered, never queued: the thread that has the frame
 * writes it straight to the non-blocking socket; while a part is still partly unsent the next
 * frames are skipped, so a slow viewer holds at most one shared part and sees the newest frame next.
 */
final class MjpegViewer {

    private final SocketChannel channel;
    private final SelectionKey key;
    private final RelayMetrics metrics;
    private final Consumer<MjpegViewer> onClose;
    private ByteBuffer pending;
    private long lastSequence = Long.MIN_VALUE;
    private boolean closed;

    /** @param onClose called once when the connection is closed, from whichever thread noticed it */
    MjpegViewer(SocketChannel channel, SelectionKey key, RelayMetrics metrics, Consumer<MjpegViewer> onClose) {
        this.channel = channel;
        this.key = key;
        this.metrics = metrics;
        this.onClose = onClose;
    }

    /** Sends the response head; before any frame. */
    synchronized void start(ByteBuffer head) {
        send(head);
    }

    /** Any thread. Parts older than one already sent (a race with a newer frame) are dropped. */
    synchronized void offer(MjpegPart part) {
        if (closed || part.sequence() <= lastSequence) {
            return;
        }
        if (pending != null) {
            metrics.frameSkipped();
            return;
        }
        lastSequence = part.sequence();
        send(part.bytes());
        if (!closed) {
            metrics.frameOut();
        }
    }

    /** The event loop saw the socket writable again: finish the part in flight. */
    synchronized void onWritable() {
        if (closed) {
            return;
        }
        try {
            if (pending != null) {
                channel.write(pending);
                if (pending.hasRemaining()) {
                    return;
                }
                pending = null;
            }
            key.interestOps(SelectionKey.OP_READ);
        } catch (IOException | CancelledKeyException e) {
            close();
        }
    }

    private void send(ByteBuffer bytes) {
        try {
            channel.write(bytes);
            if (bytes.hasRemaining()) {
                pending = bytes;
                key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                key.selector().wakeup();
            }
        } catch (IOException | CancelledKeyException e) {
            close();
        }
    }

    SelectionKey key() {
        return key;
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** Frees the connection and the part it held at once. */
    synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        pending = null;
        key.cancel();
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        // Let the selector drop the cancelled key (and with it the socket) now, not at its next event.
        key.selector().wakeup();
        onClose.accept(this);
    }
}
