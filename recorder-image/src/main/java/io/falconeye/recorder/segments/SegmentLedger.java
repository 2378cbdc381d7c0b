package io.falconeye.recorder.segments;

import io.falconeye.recorder.events.EventJournal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The segments of one camera and their state, kept in {@code segments.jsonl} (append-only, the
 * last line per file wins). A file the ledger does not know as finished was left by a run that
 * died mid-segment (or by an older recorder): {@link #unfinished} finds it at start.
 */
public final class SegmentLedger {

    private final Path file;
    private final Map<String, SegmentRecord> records = new LinkedHashMap<>();

    public SegmentLedger(Path stateDirectory) {
        this.file = stateDirectory.resolve("segments.jsonl");
        try {
            Files.createDirectories(stateDirectory);
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        try {
                            SegmentRecord record = EventJournal.JSON.readValue(line, SegmentRecord.class);
                            records.put(record.fileName(), record);
                        } catch (IOException tornLine) {
                            // partial last line of a crash: that segment counts as unfinished
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the segment ledger " + file, e);
        }
    }

    public synchronized void record(SegmentRecord record) {
        records.remove(record.fileName());
        records.put(record.fileName(), record);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            channel.write(ByteBuffer.wrap((EventJournal.JSON.writeValueAsString(record) + "\n")
                    .getBytes(StandardCharsets.UTF_8)));
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the segment ledger " + file, e);
        }
    }

    public synchronized SegmentRecord get(String fileName) {
        return records.get(fileName);
    }

    /** Names in {@code presentFiles} that the ledger does not know as finished. */
    public synchronized List<String> unfinished(List<String> presentFiles) {
        List<String> names = new ArrayList<>();
        for (String name : presentFiles) {
            SegmentRecord record = records.get(name);
            if (record == null || !record.finished()) {
                names.add(name);
            }
        }
        return names;
    }

    /** Finished and started segments of a recording, oldest first. */
    public synchronized List<SegmentRecord> forRecording(String recordingId) {
        return records.values().stream().filter(r -> recordingId.equals(r.recordingId())).toList();
    }

    /** Forgets files that no longer exist and rewrites the ledger compactly. */
    public synchronized void compact(Set<String> presentFiles) {
        records.keySet().retainAll(presentFiles);
        try {
            Path temp = file.resolveSibling("segments.jsonl.tmp");
            StringBuilder text = new StringBuilder();
            for (SegmentRecord record : records.values()) {
                text.append(EventJournal.JSON.writeValueAsString(record)).append('\n');
            }
            Files.writeString(temp, text);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite the segment ledger " + file, e);
        }
    }
}
