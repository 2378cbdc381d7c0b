package io.falconeye.relay.http;

import io.falconeye.relay.frames.JpegFrame;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/** One part of the multipart/x-mixed-replace stream, built once per frame and shared by all viewers. */
final class MjpegPart {

    static final String BOUNDARY = "frame";
    static final String CONTENT_TYPE = "multipart/x-mixed-replace; boundary=" + BOUNDARY;

    private MjpegPart() {}

    /**
     * {@code --frame}, the part headers, the JPEG and a CRLF. X-Timestamp (wall clock, microseconds,
     * when the relay received the frame) lets a client measure the relay's latency.
     */
    static Buffer of(JpegFrame frame) {
        byte[] head = ("--" + BOUNDARY + "\r\n"
                + "Content-Type: image/jpeg\r\n"
                + "Content-Length: " + frame.jpeg().length + "\r\n"
                + "X-Timestamp: " + frame.receivedEpochMicros() + "\r\n"
                + "\r\n").getBytes(StandardCharsets.US_ASCII);
        Buffer part = Buffer.buffer(head.length + frame.jpeg().length + 2);
        return part.appendBytes(head).appendBytes(frame.jpeg()).appendString("\r\n");
    }
}
