package io.falconeye.recorder.events;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the undelivered events small without changing what the receiver ends up knowing (pure;
 * {@link EventJournal} applies it when the journal outgrows its cap).
 *
 * <p>The receiver keeps one row per file ({@code file_path}), so only the newest pending event of
 * a file matters: {@code segment_finished} carries everything {@code segment_started} did, and
 * {@code file_deleted} carries size and times. Two rules:
 * <ol>
 *   <li>of the pending events of one file, only the newest is kept;</li>
 *   <li>a file whose whole life (from {@code segment_started}) is still pending and that has been
 *       deleted was never seen by the receiver: all its events go, the deletion included.</li>
 * </ol>
 * That bounds the file events by the files on the disk (plus the deletions of files the receiver
 * knew when the outage began). When that is still not enough, {@link #capped} drops the oldest
 * other events (gap, failure, recording started/stopped), which the receiver cannot rebuild from
 * the files; file events are never dropped.
 *
 * <p>The first pending event is never touched: it may be in flight, or delivered just before a
 * crash, and a changed or missing event with that id would be lost to the receiver's
 * idempotency check.
 */
public final class JournalCompaction {

    /** A pending event as the journal holds it. */
    public record Entry(RecorderEvent event, boolean unannounced, int bytes) {

        /** True for events about one file, which later events of the same file supersede. */
        public boolean fileEvent() {
            return event.filePath() != null && switch (event.type()) {
                case SEGMENT_STARTED, SEGMENT_FINISHED, SEGMENT_RECOVERED, FILE_DELETED -> true;
                default -> false;
            };
        }
    }

    /** What is left and how many events went. */
    public record Result(List<Entry> entries, int superseded, int dropped) {}

    private JournalCompaction() {}

    /** Rules 1 and 2 over {@code pending} (oldest first); the first entry stays as it is. */
    public static Result compacted(List<Entry> pending) {
        if (pending.size() < 2) {
            return new Result(List.copyOf(pending), 0, 0);
        }
        Map<String, Integer> newest = new HashMap<>();
        Map<String, Boolean> unannounced = new LinkedHashMap<>();
        for (int i = 1; i < pending.size(); i++) {
            Entry entry = pending.get(i);
            if (entry.fileEvent()) {
                String path = entry.event().filePath();
                newest.put(path, i);
                // the first pending event of the file decides: its start, or a file already known unseen
                unannounced.putIfAbsent(path, entry.unannounced() || entry.event().type() == EventType.SEGMENT_STARTED);
            }
        }
        List<Entry> kept = new ArrayList<>();
        kept.add(pending.get(0));
        int superseded = 0;
        for (int i = 1; i < pending.size(); i++) {
            Entry entry = pending.get(i);
            if (!entry.fileEvent()) {
                kept.add(entry);
                continue;
            }
            String path = entry.event().filePath();
            boolean unseen = unannounced.get(path);
            if (newest.get(path) != i || unseen && entry.event().type() == EventType.FILE_DELETED) {
                superseded++;
            } else {
                kept.add(unseen == entry.unannounced() ? entry : new Entry(entry.event(), unseen, entry.bytes()));
            }
        }
        return new Result(List.copyOf(kept), superseded, 0);
    }

    /**
     * Drops the oldest non-file events (never the first entry) until {@code pending} fits in
     * {@code maxBytes}, or no such event is left.
     */
    public static Result capped(List<Entry> pending, long maxBytes) {
        long total = bytes(pending);
        List<Entry> kept = new ArrayList<>(pending);
        int dropped = 0;
        for (int i = 1; i < kept.size() && total > maxBytes; ) {
            if (kept.get(i).fileEvent()) {
                i++;
            } else {
                total -= kept.remove(i).bytes();
                dropped++;
            }
        }
        return new Result(List.copyOf(kept), 0, dropped);
    }

    public static long bytes(List<Entry> entries) {
        return entries.stream().mapToLong(Entry::bytes).sum();
    }
}
