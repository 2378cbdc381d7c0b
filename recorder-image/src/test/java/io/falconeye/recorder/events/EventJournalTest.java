package io.falconeye.recorder.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventJournalTest {

    @TempDir
    Path dir;

    private static RecorderEvent event(EventType type) {
        return RecorderEvent.of(type, "r1", Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void numbersKeepsOrderAndSurvivesARestart() throws Exception {
        EventJournal journal = new EventJournal(dir, "cam");
        RecorderEvent first = journal.append(event(EventType.RECORDING_STARTED));
        journal.append(event(EventType.SEGMENT_STARTED));
        journal.append(event(EventType.SEGMENT_FINISHED));
        assertThat(first.eventId()).isEqualTo("cam:1");
        journal.delivered(journal.next(Duration.ZERO).orElseThrow());

        EventJournal reopened = new EventJournal(dir, "cam");
        assertThat(reopened.pendingEvents()).extracting(RecorderEvent::sequence).containsExactly(2L, 3L);
        assertThat(reopened.append(event(EventType.GAP)).sequence()).isEqualTo(4);
        while (reopened.pendingCount() > 0) {
            reopened.delivered(reopened.next(Duration.ZERO).orElseThrow());
        }
        assertThat(Files.size(dir.resolve("events.jsonl"))).as("emptied once all is delivered").isZero();
        assertThat(new EventJournal(dir, "cam").append(event(EventType.GAP)).sequence()).as("never reused").isEqualTo(5);
    }

    @Test
    void aTornLastLineFromACrashIsIgnored() throws IOException {
        EventJournal journal = new EventJournal(dir, "cam");
        journal.append(event(EventType.SEGMENT_STARTED));
        Files.writeString(dir.resolve("events.jsonl"), "{\"event_id\":\"cam:2\",\"seq", StandardOpenOption.APPEND);
        EventJournal reopened = new EventJournal(dir, "cam");
        assertThat(reopened.pendingEvents()).extracting(RecorderEvent::sequence).containsExactly(1L);
        // the next event is not glued to the torn line
        reopened.append(event(EventType.GAP));
        assertThat(new EventJournal(dir, "cam").pendingEvents()).extracting(RecorderEvent::type)
                .containsExactly(EventType.SEGMENT_STARTED, EventType.GAP);
    }

    @Test
    void wireFormatIsSnakeCaseWithoutNulls() throws IOException {
        RecorderEvent numbered = new EventJournal(dir, "cam").append(event(EventType.SEGMENT_FINISHED)
                .withFile("/rec/cam/a.mp4", "a.mp4").withSize(1234L, 5.0)
                .withCamera("cam", "Front", "node-1"));
        String json = EventJournal.JSON.writeValueAsString(numbered);
        assertThat(json).contains("\"event_id\":\"cam:1\"", "\"type\":\"segment_finished\"", "\"file_path\":\"/rec/cam/a.mp4\"",
                "\"size_bytes\":1234", "\"duration_seconds\":5.0", "\"node_name\":\"node-1\"", "\"recording_id\":\"r1\"")
                .doesNotContain("null").doesNotContain("reason");
    }

    private static RecorderEvent file(EventType type, String name) {
        return event(type).withFile("/rec/cam/" + name, name).withSize(type == EventType.SEGMENT_STARTED ? null : 1000L,
                type == EventType.SEGMENT_STARTED ? null : 5.0);
    }

    private static List<String> summary(EventJournal journal) {
        return journal.pendingEvents().stream()
                .map(e -> e.sequence() + " " + e.type().wireName() + (e.fileName() == null ? "" : " " + e.fileName()))
                .toList();
    }

    @Test
    void belowItsCapNothingIsCompacted() {
        EventJournal journal = new EventJournal(dir, "cam", 64 << 10);
        journal.append(file(EventType.SEGMENT_STARTED, "a.mp4"));
        journal.append(file(EventType.SEGMENT_FINISHED, "a.mp4"));
        journal.append(file(EventType.FILE_DELETED, "a.mp4"));
        assertThat(journal.pendingCount()).isEqualTo(3);
        assertThat(journal.supersededCount()).isZero();
        assertThat(journal.droppedCount()).isZero();
    }

    /**
     * A long outage: every file keeps only its newest event, files created and deleted while the
     * API was away vanish, the first (possibly in-flight) event is untouched, and the log stays
     * within its cap as long as non-file events can be dropped, oldest first.
     */
    @Test
    void overItsCapTheJournalKeepsTheNewestEventPerFileAndDropsTheOldestOtherEvents() throws Exception {
        long cap = 16 << 10;
        EventJournal journal = new EventJournal(dir, "cam", cap);
        journal.append(file(EventType.SEGMENT_STARTED, "head.mp4")); // 1: the head, maybe in flight
        journal.append(file(EventType.FILE_DELETED, "known.mp4")); // 2: a file the receiver knew
        journal.append(event(EventType.RECORDING_STARTED)); // 3
        long sequence = 3;
        int files = 0;
        while (journal.supersededCount() == 0) {
            String name = "f" + files++ + ".mp4";
            journal.append(file(EventType.SEGMENT_STARTED, name));
            journal.append(file(EventType.SEGMENT_FINISHED, name));
            journal.append(event(EventType.GAP).withReason("camera away"));
            sequence += 3;
        }
        // f0 is deleted by retention: its whole life is still pending, so the receiver never hears of it
        journal.append(file(EventType.FILE_DELETED, "f0.mp4"));
        journal.append(file(EventType.FILE_DELETED, "head.mp4"));
        sequence += 2;
        long droppedBefore = journal.droppedCount();
        while (journal.droppedCount() == droppedBefore) { // the outage goes on: the cap is reached again
            journal.append(event(EventType.GAP).withReason("camera away"));
            sequence++;
        }

        List<RecorderEvent> pending = journal.pendingEvents();
        assertThat(summary(journal).get(0)).isEqualTo("1 segment_started head.mp4");
        assertThat(pending).filteredOn(e -> "f0.mp4".equals(e.fileName())).isEmpty();
        assertThat(pending).filteredOn(e -> "known.mp4".equals(e.fileName())).extracting(RecorderEvent::type)
                .containsExactly(EventType.FILE_DELETED);
        assertThat(pending).filteredOn(e -> "head.mp4".equals(e.fileName())).extracting(RecorderEvent::type)
                .containsExactly(EventType.SEGMENT_STARTED, EventType.FILE_DELETED);
        for (int i = 1; i < files; i++) {
            String name = "f" + i + ".mp4";
            assertThat(pending).as(name).filteredOn(e -> name.equals(e.fileName())).extracting(RecorderEvent::type)
                    .containsExactly(EventType.SEGMENT_FINISHED);
        }
        assertThat(pending).extracting(RecorderEvent::sequence).isSorted().doesNotHaveDuplicates();
        assertThat(pending.get(pending.size() - 1).sequence()).as("the newest event is kept").isEqualTo(sequence);
        // every segment_started, then f0's finish and deletion
        assertThat(journal.supersededCount()).isEqualTo(files + 2L);
        assertThat(Files.size(dir.resolve("events.jsonl"))).isEqualTo(journal.logBytes()).isLessThanOrEqualTo(cap);
        assertThat(pending).filteredOn(e -> e.type() == EventType.RECORDING_STARTED).as("the oldest went first").isEmpty();

        // the same after a restart, and numbers are never reused
        EventJournal reopened = new EventJournal(dir, "cam", cap);
        assertThat(summary(reopened)).isEqualTo(summary(journal));
        assertThat(reopened.append(event(EventType.GAP)).sequence()).isEqualTo(sequence + 1);
        // the receiver never sees the journal's own marks
        assertThat(EventJournal.JSON.writeValueAsString(reopened.pendingEvents().get(5))).doesNotContain("journal");
    }

    @Test
    void aFileSeenUnannouncedBeforeARestartStillVanishesWhenDeletedAfterIt() {
        long cap = 64 << 10;
        EventJournal journal = new EventJournal(dir, "cam", cap);
        journal.append(event(EventType.RECORDING_STARTED));
        journal.append(file(EventType.SEGMENT_STARTED, "x.mp4"));
        journal.append(file(EventType.SEGMENT_FINISHED, "x.mp4"));
        for (int i = 0; journal.supersededCount() == 0; i++) {
            journal.append(file(EventType.SEGMENT_FINISHED, "y" + i + ".mp4"));
        }
        assertThat(summary(journal)).filteredOn(s -> s.contains("x.mp4")).containsExactly("3 segment_finished x.mp4");

        EventJournal reopened = new EventJournal(dir, "cam", cap);
        long before = reopened.supersededCount();
        reopened.append(file(EventType.FILE_DELETED, "x.mp4"));
        while (reopened.supersededCount() == before) {
            reopened.append(event(EventType.FAILURE).withReason("filler"));
        }
        assertThat(summary(reopened)).noneMatch(s -> s.contains("x.mp4"));
    }

    @Test
    void gapsAndFailuresNeverTakeTheLogOverItsCapAndTheNewestStay() {
        long cap = 64 << 10;
        EventJournal journal = new EventJournal(dir, "cam", cap);
        RecorderEvent last = null;
        for (int i = 0; i < 2000; i++) {
            last = journal.append(event(i % 2 == 0 ? EventType.GAP : EventType.FAILURE).withReason("outage " + i));
            assertThat(journal.logBytes()).isLessThanOrEqualTo(cap);
        }
        assertThat(journal.droppedCount()).isPositive();
        assertThat(journal.pendingCount() + journal.droppedCount()).isEqualTo(2000);
        assertThat(journal.pendingEvents().get(journal.pendingCount() - 1)).isEqualTo(last);
        assertThat(journal.pendingEvents().get(0).sequence()).as("the head stays").isEqualTo(1);
    }

    @Test
    void whenOnlyFileEventsAreLeftTheyAreKeptOverTheCap() {
        long cap = 64 << 10;
        EventJournal journal = new EventJournal(dir, "cam", cap);
        int files = 0;
        while (journal.logBytes() < 2 * cap) {
            journal.append(file(EventType.SEGMENT_FINISHED, "z" + files++ + ".mp4"));
        }
        assertThat(journal.pendingCount()).isEqualTo(files);
        assertThat(journal.droppedCount()).isZero();
    }

    @Test
    void numbersOfEventsCompactedAwayAreNotReusedOnceAllIsDelivered() throws Exception {
        long cap = 64 << 10;
        EventJournal journal = new EventJournal(dir, "cam", cap);
        journal.append(event(EventType.RECORDING_STARTED));
        RecorderEvent deleted;
        int i = 0;
        do { // files created and deleted during the outage, until a compaction removes them all
            journal.append(file(EventType.SEGMENT_STARTED, "s" + i + ".mp4"));
            deleted = journal.append(file(EventType.FILE_DELETED, "s" + i++ + ".mp4"));
        } while (journal.pendingCount() > 1);
        assertThat(journal.supersededCount()).isEqualTo(2L * i);
        journal.delivered(journal.next());
        assertThat(new EventJournal(dir, "cam", cap).append(event(EventType.GAP)).sequence())
                .isEqualTo(deleted.sequence() + 1);
    }
}
