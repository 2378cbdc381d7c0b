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

    private static final byte[] HEAD_START = ascii("--" + BOUNDARY + "\r\nContent-Type: image/jpeg\r\nContent-Length: ");
    private static final byte[] HEAD_MIDDLE = ascii("\r\nX-Timestamp: ");
    private static final byte[] HEAD_END = ascii("\r\n\r\n");

    private final long sequence;
    private final byte[] bytes;
    private final int length;

    private MjpegPart(long sequence, byte[] bytes, int length) {
        this.sequence = sequence;
        this.bytes = bytes;
        this.length = length;
    }

    /**
     * {@code --frame}, the part headers, the JPEG and a CRLF. X-Timestamp (wall clock, microseconds,
     * when the relay received the frame) lets a client measure the relay's latency.
     */
    static MjpegPart of(JpegFrame frame) {
        byte[] jpeg = frame.jpeg();
        byte[] part = new byte[HEAD_START.length + 20 + HEAD_MIDDLE.length + 20 + HEAD_END.length + jpeg.length + 2];
        int at = put(HEAD_START, part, 0);
        at = putDecimal(jpeg.length, part, at);
        at = put(HEAD_MIDDLE, part, at);
        at = putDecimal(frame.receivedEpochMicros(), part, at);
        at = put(HEAD_END, part, at);
        at = put(jpeg, part, at);
        part[at++] = '\r';
        part[at++] = '\n';
        return new MjpegPart(frame.sequence(), part, at);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static int put(byte[] bytes, byte[] into, int at) {
        System.arraycopy(bytes, 0, into, at, bytes.length);
        return at + bytes.length;
    }

    /** A non-negative number in ASCII digits (built per frame without a String). */
    private static int putDecimal(long value, byte[] into, int at) {
        int digits = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            digits++;
        }
        long rest = value;
        for (int i = at + digits - 1; i >= at; i--) {
            into[i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
        return at + digits;
    }

    long sequence() {
        return sequence;
    }

    /** A fresh read position over the shared bytes. */
    ByteBuffer bytes() {
        return ByteBuffer.wrap(bytes, 0, length);
    }

    int length() {
        return length;
    }
}
