package io.falconeye.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.falconeye.testsupport.media.RtspCamera;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** INGEST_WHEN_IDLE=false: the camera is read only while somebody watches. */
class IdleIngestTest {

    @Test
    void ingestRunsOnlyWhileAViewerIsConnected() throws Exception {
        try (RtspCamera camera = RtspCamera.start(RtspCamera.Options.defaults().size(320, 240));
             RelayServer relay = Relays.start(Map.of("SOURCE_URL", camera.url("/h264-video"),
                     "INGEST_WHEN_IDLE", "false"))) {
            Thread.sleep(1500);
            assertThat(camera.clientsOpen()).as("RTSP sessions without viewers").isZero();
            assertThat(Relays.status(relay, "/health")).as("idle on purpose is healthy").isEqualTo(200);
            try (MjpegTestViewer viewer = MjpegTestViewer.open(Relays.url(relay, "/stream"))) {
                assertThat(Jpegs.decode(viewer.next().jpeg()).getWidth()).isEqualTo(320);
                assertThat(camera.clientsOpen()).isEqualTo(1);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> camera.clientsOpen() == 0);
        }
    }
}
