package io.falconeye.relay.frames;

/**
 * One encoded picture, shared read-only by every viewer.
 *
 * @param sequence           1 for the first frame the relay received, counting up across reconnects
 * @param jpeg               the JPEG bytes; never modified after publication
 * @param receivedNanos      {@link System#nanoTime()} when the relay had the whole frame
 * @param receivedEpochMicros wall-clock time of the same moment, sent to viewers for latency figures
 */
public record JpegFrame(long sequence, byte[] jpeg, long receivedNanos, long receivedEpochMicros) {}
