package io.falconeye.recorder;

import static io.falconeye.recorder.RecorderFixture.call;
import static io.falconeye.recorder.RecorderFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.falconeye.testsupport.media.FfmpegTools;
import io.falconeye.testsupport.media.MjpegTestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An HTTP MJPEG camera is recorded as H.264 (libx264 ultrafast). */
class MjpegRecordingTest {

    @TempDir
    Path recordings;

    @Test
    void mjpegSourceGivesH264Segments() {
        try (MjpegTestServer mjpeg = MjpegTestServer.startWithBasicAuth(640, 480, 10, "viewer", "s3cret:pw");
                EventReceiver receiver = EventReceiver.start(RecorderFixture.TOKEN)) {
            Map<String, String> env = RecorderFixture.env("cam-mjpeg", mjpeg.url(), recordings, receiver);
            env.put("SEGMENT_SECONDS", "3");
            env.put("PROTOCOL", "http");
            env.put("CAMERA_USERNAME", "viewer");
            env.put("CAMERA_PASSWORD", "s3cret:pw");
            try (RecorderApp app = RecorderFixture.start(env)) {
                ok(call(app, "POST", "/start", "{\"recording_id\": \"rec-mjpeg\"}"));
                await().atMost(Duration.ofSeconds(60)).until(() -> receiver.ofType("segment_finished").size() >= 2);
                ok(call(app, "POST", "/stop", null));
                assertThat(call(app, "GET", "/status", null).text()).doesNotContain("s3cret");
            }
            List<JsonNode> finished = receiver.ofType("segment_finished");
            for (int i = 0; i < finished.size(); i++) {
                JsonNode event = finished.get(i);
                Path file = Path.of(event.path("file_path").asText());
                FfmpegTools.Probe probe = FfmpegTools.probe(file.toString());
                assertThat(probe.videoCodec()).isEqualTo("h264");
                assertThat(probe.audioCodec()).isNull();
                assertThat(probe.width()).isEqualTo(640);
                // the first two are full 3 s segments of a 10 fps camera; the last one was cut short by the stop
                assertThat(FfmpegTools.countVideoFrames(file)).isGreaterThanOrEqualTo(i < 2 ? 15 : 1);
            }
            // cuts are on time: a keyframe is forced at every segment boundary
            assertThat(finished.get(0).path("duration_seconds").asDouble()).isBetween(2.5, 3.5);
            assertThat(receiver.deliveries().toString()).doesNotContain("s3cret");
        }
    }
}
