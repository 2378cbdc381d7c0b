package io.falconeye.recorder;

import static io.falconeye.recorder.RecorderFixture.call;
import static io.falconeye.recorder.RecorderFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.falconeye.testsupport.media.FfmpegTools;
import io.falconeye.testsupport.media.OnvifTestServer;
import io.falconeye.testsupport.media.RtspCamera;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An ONVIF camera (the earlier recorder could not record one) is resolved to RTSP and recorded. */
class OnvifRecordingTest {

    @TempDir
    Path recordings;

    @Test
    void onvifCameraIsResolvedToItsRtspStreamAndRecorded() {
        try (RtspCamera camera = RtspCamera.startDefault();
                OnvifTestServer onvif = OnvifTestServer.builder().credentials("admin", "c4m-s3cret")
                        .profile("main", "MainStream", camera.url("/h264-video")).start();
                EventReceiver receiver = EventReceiver.start(RecorderFixture.TOKEN)) {
            Map<String, String> env = RecorderFixture.env("cam-onvif", onvif.url(), recordings, receiver);
            env.putAll(Map.of("PROTOCOL", "onvif", "CAMERA_USERNAME", "admin", "CAMERA_PASSWORD", "c4m-s3cret",
                    "SEGMENT_SECONDS", "3"));
            try (RecorderApp app = RecorderFixture.start(env)) {
                ok(call(app, "POST", "/start", "{\"recording_id\": \"rec-onvif\"}"));
                await().atMost(Duration.ofSeconds(60)).until(() -> !receiver.ofType("segment_finished").isEmpty());
                ok(call(app, "POST", "/stop", null));
            }
            JsonNode finished = receiver.ofType("segment_finished").get(0);
            FfmpegTools.Probe probe = FfmpegTools.probe(finished.path("file_path").asText());
            assertThat(probe.videoCodec()).isEqualTo("h264");
            assertThat(probe.audioCodec()).as("video-only source: video-only file").isNull();
            assertThat(receiver.deliveries().toString()).doesNotContain("c4m-s3cret");
        }
    }
}
