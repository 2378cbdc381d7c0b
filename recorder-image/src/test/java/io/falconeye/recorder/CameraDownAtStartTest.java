package io.falconeye.recorder;

import static io.falconeye.recorder.RecorderFixture.call;
import static io.falconeye.recorder.RecorderFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.falconeye.testsupport.media.RtspCamera;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A camera that is down when recording starts: retried with back-off, the wait is a gap. */
class CameraDownAtStartTest {

    @TempDir
    Path recordings;

    @Test
    void recordingStartsOnceTheCameraComesUpAndTheWaitIsReportedAsAGap() throws Exception {
        int port = RtspCamera.freePort();
        String url = "rtsp://127.0.0.1:" + port + "/h264";
        try (EventReceiver receiver = EventReceiver.start(RecorderFixture.TOKEN)) {
            Map<String, String> env = RecorderFixture.env("cam-late", url, recordings, receiver);
            // one segment whatever the machine's speed: the camera goes away long before a cut
            env.put("SEGMENT_SECONDS", "60");
            try (RecorderApp app = RecorderFixture.start(env)) {
                Instant started = Instant.now();
                ok(call(app, "POST", "/start", "{\"recording_id\": \"rec-late\"}"));
                await().atMost(Duration.ofSeconds(20)).until(() -> !receiver.ofType("failure").isEmpty());
                assertThat(receiver.ofType("failure").get(0).path("reason").asText()).contains("Connection refused");
                assertThat(ok(call(app, "GET", "/status", null)).path("source_state").asText()).isEqualTo("reconnecting");

                try (RtspCamera camera = RtspCamera.start(RtspCamera.Options.defaults().port(port))) {
                    await().atMost(Duration.ofSeconds(60)).until(() -> !receiver.ofType("segment_started").isEmpty());
                    await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.ofType("gap").isEmpty());
                    JsonNode gap = receiver.ofType("gap").get(0);
                    assertThat(Instant.parse(gap.path("start_time").asText())).isBetween(started.minusSeconds(1),
                            started.plusSeconds(5));
                    assertThat(gap.path("end_time").asText())
                            .isEqualTo(receiver.ofType("segment_started").get(0).path("start_time").asText());

                    // a stop while the camera is away again is prompt: no file open, nothing to wait for
                    camera.stop();
                    await().atMost(Duration.ofSeconds(20)).until(() -> receiver.ofType("failure").size() >= 2);
                    Instant stopAsked = Instant.now();
                    ok(call(app, "POST", "/stop", null));
                    assertThat(Duration.between(stopAsked, Instant.now())).isLessThan(Duration.ofSeconds(12));
                    await().atMost(Duration.ofSeconds(10)).until(() -> receiver.ofType("gap").size() == 2);
                    assertThat(receiver.ofType("segment_finished")).hasSize(1);
                }
            }
        }
    }
}
