package io.falconeye.recorder.events;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.falconeye.recorder.events.JournalCompaction.Entry;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events not yet delivered, kept on disk so neither an API outage nor a crash loses one.
 *
 * <p>{@code events.jsonl} is append-only (one JSON event per line, synced before
 * {@link #append} returns); {@code delivered} holds the sequence number of the last event the
 * API accepted. Once everything is delivered the log is emptied, so it stays small. After a
 * crash between a delivery and its bookkeeping the event is sent again: the receiver drops it by
 * its {@code event_id}.
 *
 * <p>The log is capped at {@code maxBytes}: when it grows beyond (the API has been down for
 * long), it is rewritten with the pending events only, compacted by {@link JournalCompaction}
 * (only the newest event per file; files created and deleted during the outage vanish), and
 * if that is not enough the oldest non-file events are dropped (down to three quarters of the
 * cap), with a warning and a count in {@link #droppedCount()}. The rewritten log starts with a line holding the next sequence
 * number, so a number is never reused even when the newest events were compacted away.
 */
public final class EventJournal {

    public static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    /** Default cap of the log: about 2000 events. */
    public static final long DEFAULT_MAX_BYTES = 1L << 20;

    private static final Logger LOG = LoggerFactory.getLogger(EventJournal.class);
    /** Journal-only marks, never sent: the header line, and a file the receiver has not seen. */
    private static final String NEXT_SEQUENCE = "journal_next_sequence";
    private static final String UNANNOUNCED = "journal_unannounced";

    private final String sequenceOwner;
    private final long maxBytes;
    private final Path log;
    private final Path delivered;
    private final Deque<Entry> pending = new ArrayDeque<>();
    private long lastDelivered;
    private long nextSequence;
    private long logBytes;
    private long compactAt;
    private long superseded;
    private long dropped;

    /** A journal with the default cap. */
    public EventJournal(Path directory, String sequenceOwner) {
        this(directory, sequenceOwner, DEFAULT_MAX_BYTES);
    }

    /**
     * @param directory where the journal lives (created when missing)
     * @param sequenceOwner prefix of event ids (the camera id)
     * @param maxBytes size of the log beyond which it is compacted and capped
     */
    public EventJournal(Path directory, String sequenceOwner, long maxBytes) {
        this.sequenceOwner = sequenceOwner;
        this.maxBytes = maxBytes;
        this.compactAt = maxBytes;
        this.log = directory.resolve("events.jsonl");
        this.delivered = directory.resolve("delivered");
        try {
            Files.createDirectories(directory);
            lastDelivered = Files.exists(delivered) ? Long.parseLong(Files.readString(delivered).trim()) : 0;
            long highest = lastDelivered;
            if (Files.exists(log)) {
                for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                    JsonNode json = parse(line);
                    if (json == null) {
                        continue;
                    }
                    if (json.has(NEXT_SEQUENCE)) {
                        highest = Math.max(highest, json.get(NEXT_SEQUENCE).asLong() - 1);
                        continue;
                    }
                    RecorderEvent event = JSON.treeToValue(json, RecorderEvent.class);
                    highest = Math.max(highest, event.sequence());
                    if (event.sequence() > lastDelivered) {
                        pending.addLast(entry(event, json.path(UNANNOUNCED).asBoolean(false)));
                    }
                }
                logBytes = Files.size(log);
                endTornLine();
            }
            nextSequence = highest + 1;
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("cannot read the event journal in " + directory + ": " + e.getMessage(), e);
        }
        if (logBytes > compactAt) {
            compact();
        }
    }

    /** A crash mid-append left a partial last line: end it, so the next event starts a line of its own. */
    private void endTornLine() throws IOException {
        if (logBytes == 0) {
            return;
        }
        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            channel.read(last, logBytes - 1);
            if (last.get(0) != '\n') {
                channel.write(ByteBuffer.wrap(new byte[] {'\n'}), logBytes);
                channel.force(false);
                logBytes++;
            }
        }
    }

    /** Numbers the event, writes it to disk and queues it for delivery; returns the numbered event. */
    public synchronized RecorderEvent append(RecorderEvent event) {
        RecorderEvent numbered = event.withSequence(sequenceOwner, nextSequence++);
        Entry entry = entry(numbered, false);
        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            channel.write(ByteBuffer.wrap(line(entry)));
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the event journal " + log, e);
        }
        logBytes += entry.bytes();
        pending.addLast(entry);
        if (logBytes > compactAt) {
            compact();
        }
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
        return Optional.of(pending.peekFirst().event());
    }

    /** The oldest undelivered event, waiting as long as it takes (until interrupted). */
    public synchronized RecorderEvent next() throws InterruptedException {
        while (pending.isEmpty()) {
            wait();
        }
        return pending.peekFirst().event();
    }

    /** The API accepted (or for good rejected) {@code event}, the head of the queue. */
    public synchronized void delivered(RecorderEvent event) {
        Entry head = pending.peekFirst();
        if (head == null || head.event().sequence() != event.sequence()) {
            throw new IllegalStateException("event " + event.eventId() + " is not the oldest pending one");
        }
        pending.removeFirst();
        lastDelivered = event.sequence();
        try {
            Path temp = delivered.resolveSibling("delivered.tmp");
            Files.writeString(temp, Long.toString(lastDelivered));
            Files.move(temp, delivered, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            if (pending.isEmpty()) {
                if (nextSequence == lastDelivered + 1) {
                    Files.write(log, new byte[0]);
                    logBytes = 0;
                } else {
                    rewrite(); // keeps the header: numbers of compacted events are not reused
                }
                compactAt = maxBytes;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update the event journal " + delivered, e);
        }
    }

    public synchronized int pendingCount() {
        return pending.size();
    }

    public synchronized List<RecorderEvent> pendingEvents() {
        return pending.stream().map(Entry::event).toList();
    }

    /** Size of the log on disk. */
    public synchronized long logBytes() {
        return logBytes;
    }

    /** Events compacted away since start: superseded by a newer event of the same file. */
    public synchronized long supersededCount() {
        return superseded;
    }

    /** Non-file events dropped since start because the journal was full. */
    public synchronized long droppedCount() {
        return dropped;
    }

    /** Rewrites the log with the pending events, compacted and then capped. */
    private void compact() {
        JournalCompaction.Result compacted = JournalCompaction.compacted(List.copyOf(pending));
        // sizes again: an entry marked unannounced has grown by its mark
        List<Entry> sized = compacted.entries().stream().map(e -> entry(e.event(), e.unannounced())).toList();
        long room = maxBytes - headerLine().length;
        // over the cap: down to three quarters of it, so the log is not rewritten for every new event
        JournalCompaction.Result capped = JournalCompaction.bytes(sized) > room
                ? JournalCompaction.capped(sized, room * 3 / 4) : new JournalCompaction.Result(sized, 0, 0);
        superseded += compacted.superseded();
        dropped += capped.dropped();
        pending.clear();
        pending.addAll(capped.entries());
        try {
            rewrite();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite the event journal " + log, e);
        }
        long left = logBytes;
        // file events are never dropped: when they alone overflow the cap, compact again only after real growth
        compactAt = left > maxBytes ? left + maxBytes / 4 : maxBytes;
        if (capped.dropped() > 0) {
            LOG.warn("event journal over its cap of {} bytes (the API has been unreachable for long): dropped the {} "
                    + "oldest gap, failure and recording events; {} events wait", maxBytes, capped.dropped(), pending.size());
        }
        LOG.info("event journal compacted: {} events superseded by newer events of the same file, {} dropped, "
                + "{} events ({} bytes) wait", compacted.superseded(), capped.dropped(), pending.size(), left);
    }

    private void rewrite() throws IOException {
        Path temp = log.resolveSibling("events.jsonl.tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            long written = channel.write(ByteBuffer.wrap(headerLine()));
            for (Entry entry : pending) {
                written += channel.write(ByteBuffer.wrap(line(entry)));
            }
            channel.force(false);
            logBytes = written;
        }
        Files.move(temp, log, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private byte[] headerLine() {
        return ("{\"" + NEXT_SEQUENCE + "\":" + nextSequence + "}\n").getBytes(StandardCharsets.UTF_8);
    }

    private static Entry entry(RecorderEvent event, boolean unannounced) {
        return new Entry(event, unannounced, lineOf(event, unannounced).length);
    }

    private static byte[] line(Entry entry) {
        return lineOf(entry.event(), entry.unannounced());
    }

    private static byte[] lineOf(RecorderEvent event, boolean unannounced) {
        try {
            String json;
            if (unannounced) {
                ObjectNode node = JSON.valueToTree(event);
                node.put(UNANNOUNCED, true);
                json = JSON.writeValueAsString(node);
            } else {
                json = JSON.writeValueAsString(event);
            }
            return (json + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize event " + event.eventId(), e);
        }
    }

    private static JsonNode parse(String line) {
        if (line.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(line);
        } catch (IOException tornLastLine) {
            // a crash mid-append leaves a partial line; the event it held was never acknowledged
            return null;
        }
    }
}
