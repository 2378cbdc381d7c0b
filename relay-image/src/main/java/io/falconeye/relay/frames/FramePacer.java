package io.falconeye.relay.frames;

/**
 * Drops frames so at most {@code fps} pass per second; used where frames are passed through
 * without decoding, so ffmpeg's fps filter cannot pace them.
 */
public final class FramePacer implements FrameSink {

    private final FrameSink next;
    private final long intervalNanos;
    private long nextDueNanos = Long.MIN_VALUE;

    public FramePacer(int fps, FrameSink next) {
        this.next = next;
        this.intervalNanos = 1_000_000_000L / fps;
    }

    @Override
    public void accept(byte[] jpeg) {
        long now = System.nanoTime();
        // Half an interval of tolerance: a source at exactly the target rate jitters around its slots.
        if (nextDueNanos != Long.MIN_VALUE && now - (nextDueNanos - intervalNanos / 2) < 0) {
            return;
        }
        // Schedule from the ideal slot, not from now, so jitter does not lower the average rate;
        // after a gap (source stalled) start afresh.
        nextDueNanos = (nextDueNanos == Long.MIN_VALUE || now - nextDueNanos > intervalNanos)
                ? now + intervalNanos : nextDueNanos + intervalNanos;
        next.accept(jpeg);
    }
}
