package io.falconeye.recorder;

import static io.falconeye.recorder.RecorderFixture.call;
import static io.falconeye.recorder.RecorderFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.falconeye.testsupport.media.RtspCamera;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events wait on disk while the API is down, also across a restart, and then arrive in order, once. */
class EventJournalDeliveryTest {

    @TempDir
    Path recordings;

    @Test
    void eventsReportedWhileTheApiIsDownArriveAfterItReturnsInOrderNoneTwice() throws Exception {
        try (RtspCamera camera = RtspCamera.startDefault();
                EventReceiver receiver = EventReceiver.down(RecorderFixture.TOKEN)) {
            Map<String, String> env = RecorderFixture.env("cam-journal", camera.url("/h264"), recordings, receiver);
            env.put("SEGMENT_SECONDS", "2");
            int pendingBeforeRestart;
            try (RecorderApp app = RecorderFixture.start(env)) {
                ok(call(app, "POST", "/start", "{\"recording_id\": \"rec-j\"}"));
                await().atMost(Duration.ofSeconds(40)).until(() -> app.journal().pendingEvents().stream()
                        .filter(e -> e.type().wireName().equals("segment_finished")).count() >= 2);
                ok(call(app, "POST", "/stop", null));
                pendingBeforeRestart = app.journal().pendingCount();
                assertThat(call(app, "GET", "/metrics", null).text())
                        .contains("recorder_events_pending{camera_id=\"cam-journal\"} " + pendingBeforeRestart + ".0");
            }
            assertThat(pendingBeforeRestart).isGreaterThanOrEqualTo(6);
            assertThat(receiver.deliveries()).isEmpty();

            // a new process (same disk) finds the journal; the API comes back
            try (RecorderApp app = RecorderFixture.start(env)) {
                assertThat(app.journal().pendingCount()).isEqualTo(pendingBeforeRestart);
                receiver.startServer();
                await().atMost(Duration.ofSeconds(30)).until(() -> app.journal().pendingCount() == 0);
                ok(call(app, "POST", "/start", "{\"recording_id\": \"rec-j2\"}"));
                await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.ofType("segment_started").stream()
                        .filter(e -> e.path("recording_id").asText().equals("rec-j2")).toList().isEmpty());
                ok(call(app, "POST", "/stop", null));
                await().atMost(Duration.ofSeconds(30)).until(() -> app.journal().pendingCount() == 0);
            }

            List<JsonNode> events = receiver.deliveries();
            Set<String> ids = new HashSet<>();
            long previous = 0;
            for (JsonNode event : events) {
                assertThat(ids.add(event.path("event_id").asText())).as("delivered twice: " + event).isTrue();
                long sequence = event.path("sequence").asLong();
                assertThat(sequence).as("in order, without holes").isEqualTo(previous + 1);
                previous = sequence;
                assertThat(event.path("event_id").asText()).isEqualTo("cam-journal:" + sequence);
            }
            assertThat(events.get(0).path("type").asText()).isEqualTo("recording_started");
            assertThat(events.stream().filter(e -> e.path("type").asText().equals("recording_stopped"))).hasSize(2);
            assertThat(receiver.unauthorizedRequests()).isZero();
        }
    }

    @Test
    void aWrongTokenIsRetriedNotDropped() {
        try (EventReceiver receiver = EventReceiver.start("the-right-token")) {
            Map<String, String> env = RecorderFixture.env("cam-token", "rtsp://127.0.0.1:9/none", recordings, receiver);
            try (RecorderApp app = RecorderFixture.start(env)) {
                ok(call(app, "POST", "/start", "{\"recording_id\": \"rec-t\"}"));
                await().atMost(Duration.ofSeconds(20)).until(() -> receiver.unauthorizedRequests() >= 2);
                assertThat(receiver.deliveries()).isEmpty();
                assertThat(app.journal().pendingCount()).isGreaterThanOrEqualTo(1);
                ok(call(app, "POST", "/stop", null));
            }
        }
    }
}
