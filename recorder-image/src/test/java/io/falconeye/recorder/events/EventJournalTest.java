package io.falconeye.recorder.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
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
}
