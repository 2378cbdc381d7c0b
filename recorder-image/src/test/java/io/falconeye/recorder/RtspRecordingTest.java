package io.falconeye.recorder;

import static io.falconeye.recorder.RecorderFixture.call;
import static io.falconeye.recorder.RecorderFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.falconeye.testsupport.media.FfmpegTools;
import io.falconeye.testsupport.media.RtspCamera;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Records a real RTSP camera (GStreamer, H.264 + G.711 mu-law) into real files. */
class RtspRecordingTest {

    private static final int FPS = 15;

    @TempDir
    Path recordings;

    @Test
    void recordsThreeFiveSecondSegmentsWithVideoCopiedAudioInAacAndNoFrameLostAtTheCuts() {
        try (RtspCamera camera = RtspCamera.start(RtspCamera.Options.defaults().fps(FPS));
                EventReceiver receiver = EventReceiver.start(RecorderFixture.TOKEN);
                RecorderApp app = RecorderFixture.start(RecorderFixture.env("cam-rtsp", camera.url("/h264"),
                        recordings, receiver))) {
            assertThat(ok(call(app, "GET", "/status", null)).path("status").asText()).isEqualTo("idle");

            JsonNode started = ok(call(app, "POST", "/start", "{\"recording_id\": \"rec-1\"}"));
            assertThat(started.path("status").asText()).isEqualTo("recording");
            assertThat(started.path("recording_id").asText()).isEqualTo("rec-1");

            await().atMost(Duration.ofSeconds(60)).until(() -> receiver.ofType("segment_finished").size() >= 3);
            JsonNode status = ok(call(app, "GET", "/status", null));
            assertThat(status.path("file_name").asText()).matches("Test_Cam_\\d{8}_\\d{6}\\.mp4");
            assertThat(status.path("source_state").asText()).isEqualTo("connected");
            ok(call(app, "POST", "/stop", null));
            assertThat(ok(call(app, "GET", "/status", null)).path("status").asText()).isEqualTo("stopped");

            await().atMost(Duration.ofSeconds(20)).until(() -> !receiver.ofType("recording_stopped").isEmpty());
            List<JsonNode> finished = receiver.ofType("segment_finished");
            assertThat(finished).hasSizeGreaterThanOrEqualTo(4); // 3 full ones and the one closed by stop
            for (int i = 0; i < finished.size(); i++) {
                JsonNode event = finished.get(i);
                Path file = Path.of(event.path("file_path").asText());
                assertThat(file).exists().hasParent(recordings.resolve("cam-rtsp"));
                assertThat(event.path("file_name").asText()).isEqualTo(file.getFileName().toString());
                assertThat(event.path("size_bytes").asLong()).isEqualTo(size(file));
                assertThat(event.path("recording_id").asText()).isEqualTo("rec-1");
                assertThat(event.path("camera_id").asText()).isEqualTo("cam-rtsp");
                assertThat(event.path("node_name").asText()).isEqualTo("node-a");

                FfmpegTools.Probe probe = FfmpegTools.probe(file.toString());
                assertThat(probe.videoCodec()).isEqualTo("h264");
                assertThat(probe.width()).isEqualTo(640);
                assertThat(probe.audioCodec()).isEqualTo("aac");

                double duration = event.path("duration_seconds").asDouble();
                List<Double> times = MediaChecks.videoPacketTimes(file);
                assertThat(times).isNotEmpty();
                // the segment's last frame ends exactly where the next segment begins: none lost at the end
                assertThat(times.get(times.size() - 1) + 1.0 / FPS).as("end of " + file.getFileName())
                        .isCloseTo(duration, within(0.5 / FPS));
                if (i > 0) {
                    // after a cut: the first frame is at 0 and every frame of the duration is there
                    assertThat(times.get(0)).isCloseTo(0.0, within(0.5 / FPS));
                    assertThat((double) FfmpegTools.countVideoFrames(file)).as("frames of " + file.getFileName())
                            .isCloseTo(duration * FPS, within(0.5));
                }
                if (i > 0 && i < finished.size() - 1) {
                    assertThat(duration).isCloseTo(5.0, within(1.0));
                }
            }
            // durations add up to the recorded time: segments are back to back
            JsonNode segments = ok(call(app, "GET", "/segments?recording_id=rec-1", null));
            double total = finished.stream().mapToDouble(e -> e.path("duration_seconds").asDouble()).sum();
            assertThat(segments.path("total_duration_seconds").asDouble()).isCloseTo(total, within(0.01));
            Instant first = Instant.parse(finished.get(0).path("start_time").asText());
            Instant last = Instant.parse(finished.get(finished.size() - 1).path("end_time").asText());
            assertThat(Duration.between(first, last).toMillis() / 1000.0).isCloseTo(total, within(1.5));

            assertThat(receiver.ofType("segment_started")).hasSameSizeAs(finished);
            assertThat(receiver.ofType("gap")).isEmpty();
            assertThat(receiver.unauthorizedRequests()).isZero();
            JsonNode files = ok(call(app, "GET", "/files", null));
            assertThat(files.path("count").asInt()).isEqualTo(finished.size());
        }
    }

    @Test
    void sourceDownForTenSecondsClosesTheSegmentReportsTheGapAndResumesInANewSegment() throws Exception {
        try (RtspCamera camera = RtspCamera.start(RtspCamera.Options.defaults().fps(FPS));
                EventReceiver receiver = EventReceiver.start(RecorderFixture.TOKEN);
                RecorderApp app = RecorderFixture.start(RecorderFixture.env("cam-outage", camera.url("/h264"),
                        recordings, receiver))) {
            ok(call(app, "POST", "/start", "{\"recording_id\": \"rec-outage\"}"));
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.ofType("segment_started").size() >= 1);
            Thread.sleep(2000);

            Instant down = Instant.now();
            camera.stop();
            await().atMost(Duration.ofSeconds(20)).until(() -> !receiver.ofType("failure").isEmpty());
            assertThat(ok(call(app, "GET", "/status", null)).path("source_state").asText()).isEqualTo("reconnecting");
            Thread.sleep(Math.max(0, 10_000 - Duration.between(down, Instant.now()).toMillis()));
            Instant up = Instant.now();
            camera.start();

            await().atMost(Duration.ofSeconds(60)).until(() -> !receiver.ofType("gap").isEmpty());
            JsonNode gap = receiver.ofType("gap").get(0);
            Instant gapStart = Instant.parse(gap.path("start_time").asText());
            Instant gapEnd = Instant.parse(gap.path("end_time").asText());
            assertThat(gapStart).isBefore(down.plusSeconds(2));
            assertThat(gapEnd).isAfter(up);
            assertThat(gap.path("duration_seconds").asDouble()).isGreaterThanOrEqualTo(9.0);
            assertThat(gap.path("recording_id").asText()).isEqualTo("rec-outage");

            // the segment cut by the outage was closed cleanly and plays to its end
            JsonNode beforeOutage = receiver.ofType("segment_finished").get(0);
            Path closed = Path.of(beforeOutage.path("file_path").asText());
            assertThat(Instant.parse(beforeOutage.path("end_time").asText())).isBeforeOrEqualTo(gapStart.plusMillis(1));
            assertThat((double) FfmpegTools.countVideoFrames(closed))
                    .isCloseTo(beforeOutage.path("duration_seconds").asDouble() * FPS, within(3.0));

            // recording resumed in a new file that grows
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.matching(e -> e.path("type").asText()
                    .equals("segment_started") && Instant.parse(e.path("start_time").asText()).isAfter(up)).size() >= 1);
            JsonNode status = ok(call(app, "GET", "/status", null));
            assertThat(status.path("status").asText()).isEqualTo("recording");
            assertThat(status.path("source_state").asText()).isEqualTo("connected");
            assertThat(status.path("gaps").asInt()).isEqualTo(1);
            Path resumed = Path.of(status.path("file_path").asText());
            assertThat(resumed).isNotEqualTo(closed);
            await().atMost(Duration.ofSeconds(10)).until(() -> size(resumed) > 10_000);
            assertThat(ok(call(app, "POST", "/stop", null)).path("status").asText()).isEqualTo("stopped");
            assertThat(call(app, "GET", "/metrics", null).text()).contains("recorder_gaps_total{camera_id=\"cam-outage\"} 1.0");
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
