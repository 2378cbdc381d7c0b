package io.falconeye.relay.frames;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** Holds the latest frame and hands every new one to the subscribers (the HTTP fan-out). */
public final class FrameHub implements FrameSink {

    private final AtomicLong sequence = new AtomicLong();
    private final CopyOnWriteArrayList<Consumer<JpegFrame>> subscribers = new CopyOnWriteArrayList<>();
    private volatile JpegFrame latest;

    @Override
    public void accept(byte[] jpeg) {
        Instant now = Instant.now();
        JpegFrame frame = new JpegFrame(sequence.incrementAndGet(), jpeg, System.nanoTime(),
                now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000);
        latest = frame;
        for (Consumer<JpegFrame> subscriber : subscribers) {
            subscriber.accept(frame);
        }
    }

    public Optional<JpegFrame> latest() {
        return Optional.ofNullable(latest);
    }

    /** Time since the last frame arrived; empty before the first one. */
    public Optional<Duration> lastFrameAge() {
        JpegFrame frame = latest;
        return frame == null ? Optional.empty() : Optional.of(Duration.ofNanos(System.nanoTime() - frame.receivedNanos()));
    }

    /** {@link System#nanoTime()} of the last frame, or of never (Long.MIN_VALUE) before the first. */
    public long lastFrameNanos() {
        JpegFrame frame = latest;
        return frame == null ? Long.MIN_VALUE : frame.receivedNanos();
    }

    public boolean hasFrameWithin(Duration maxAge) {
        return lastFrameAge().map(age -> age.compareTo(maxAge) <= 0).orElse(false);
    }

    public long framesReceived() {
        return sequence.get();
    }

    public void subscribe(Consumer<JpegFrame> subscriber) {
        subscribers.add(subscriber);
    }

    public void unsubscribe(Consumer<JpegFrame> subscriber) {
        subscribers.remove(subscriber);
    }
}
