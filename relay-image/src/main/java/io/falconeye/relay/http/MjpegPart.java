package io.falconeye.relay.http;

import io.falconeye.relay.frames.JpegFrame;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One part of the multipart/x-mixed-replace stream, built once per frame and shared read-only by
 * every viewer (each write goes through its own {@link #bytes()} view of the same array).
 */
final class MjpegPart {

    static final String BOUNDARY = "frame";
    static final String CONTENT_TYPE = "multipart/x-mixed-replace; boundary=" + BOUNDARY;

    private final long sequence;
    private final byte[] bytes;

    private MjpegPart(long sequence, byte[] bytes) {
        this.sequence = sequence;
        this.bytes = bytes;
    }

    /**
     * {@code --frame}, the part headers, the JPEG and a CRLF. X-Timestamp (wall clock, microseconds,
     * when the relay received the frame) lets a client measure the relay's latency.
     */
    static MjpegPart of(JpegFrame frame) {
        byte[] jpeg = frame.jpeg();
        byte[] head = ("--" + BOUNDARY + "\r\n"
                + "Content-Type: image/jpeg\r\n"
                + "Content-Length: " + jpeg.length + "\r\n"
                + "X-Timestamp: " + frame.receivedEpochMicros() + "\r\n"
                + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] part = new byte[head.length + jpeg.length + 2];
        System.arraycopy(head, 0, part, 0, head.length);
        System.arraycopy(jpeg, 0, part, head.length, jpeg.length);
        part[part.length - 2] = '\r';
        part[part.length - 1] = '\n';
        return new MjpegPart(frame.sequence(), part);
    }

    long sequence() {
        return sequence;
    }

    /** A fresh read position over the shared bytes. */
    ByteBuffer bytes() {
        return ByteBuffer.wrap(bytes);
    }

    int length() {
        return bytes.length;
    }
}
