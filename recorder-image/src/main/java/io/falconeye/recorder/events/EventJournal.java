package io.falconeye.recorder.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.DeserializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Events not yet delivered, kept on disk so neither an API outage nor a crash loses one.
 *
 * <p>{@code events.jsonl} is append-only (one JSON event per line, synced before
 * {@link #append} returns); {@code delivered} holds the sequence number of the last event the
 * API accepted. Once everything is delivered the log is emptied, so it stays small. After a
 * crash between a delivery and its bookkeeping the event is sent again: the receiver drops it by
 * its {@code event_id}.
 */
public final class EventJournal {

    public static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final String sequenceOwner;
    private final Path log;
    private final Path delivered;
    private final Deque<RecorderEvent> pending = new ArrayDeque<>();
    private long lastDelivered;
    private long nextSequence;

    /**
     * @param directory where the journal lives (created when missing)
     * @param sequenceOwner prefix of event ids (the camera id)
     */
    public EventJournal(Path directory, String sequenceOwner) {
        this.sequenceOwner = sequenceOwner;
        this.log = directory.resolve("events.jsonl");
        this.delivered = directory.resolve("delivered");
        try {
            Files.createDirectories(directory);
            lastDelivered = Files.exists(delivered) ? Long.parseLong(Files.readString(delivered).trim()) : 0;
            long highest = lastDelivered;
            if (Files.exists(log)) {
                for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                    Optional<RecorderEvent> event = parse(line);
                    if (event.isPresent()) {
                        highest = Math.max(highest, event.get().sequence());
                        if (event.get().sequence() > lastDelivered) {
                            pending.addLast(event.get());
                        }
                    }
                }
            }
            nextSequence = highest + 1;
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("cannot read the event journal in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Numbers the event, writes it to disk and queues it for delivery; returns the numbered event. */
    public synchronized RecorderEvent append(RecorderEvent event) {
        RecorderEvent numbered = event.withSequence(sequenceOwner, nextSequence++);
        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            channel.write(ByteBuffer.wrap((JSON.writeValueAsString(numbered) + "\n").getBytes(StandardCharsets.UTF_8)));
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the event journal " + log, e);
        }
        pending.addLast(numbered);
        notifyAll();
        return numbered;
    }

    /** The oldest undelivered event, waiting up to {@code timeout} for one. */
    public synchronized Optional<RecorderEvent> next(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pending.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return Optional.of(pending.peekFirst());
    }

    /** The API accepted (or for good rejected) {@code event}, the head of the queue. */
    public synchronized void delivered(RecorderEvent event) {
        RecorderEvent head = pending.peekFirst();
        if (head == null || head.sequence() != event.sequence()) {
            throw new IllegalStateException("event " + event.eventId() + " is not the oldest pending one");
        }
        pending.removeFirst();
        lastDelivered = event.sequence();
        try {
            Path temp = delivered.resolveSibling("delivered.tmp");
            Files.writeString(temp, Long.toString(lastDelivered));
            Files.move(temp, delivered, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            if (pending.isEmpty()) {
                Files.write(log, new byte[0]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update the event journal " + delivered, e);
        }
    }

    public synchronized int pendingCount() {
        return pending.size();
    }

    public synchronized List<RecorderEvent> pendingEvents() {
        return List.copyOf(pending);
    }

    private static Optional<RecorderEvent> parse(String line) {
        if (line.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(line, RecorderEvent.class));
        } catch (IOException tornLastLine) {
            // a crash mid-append leaves a partial line; the event it held was never acknowledged
            return Optional.empty();
        }
    }
}
