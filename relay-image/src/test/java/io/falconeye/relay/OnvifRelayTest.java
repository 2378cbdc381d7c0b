package io.falconeye.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.falconeye.testsupport.media.OnvifTestServer;
import io.falconeye.testsupport.media.RtspCamera;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An ONVIF camera: the relay asks the camera's SOAP services for its RTSP stream (GetProfiles,
 * GetStreamUri, WS-Security digest) and relays that stream.
 */
class OnvifRelayTest {

    @Test
    void onvifCameraIsResolvedToItsRtspStreamAndRelayed() throws Exception {
        try (RtspCamera camera = RtspCamera.start(RtspCamera.Options.defaults().size(320, 240));
             OnvifTestServer onvif = OnvifTestServer.builder().credentials("admin", "c4m-s3cret")
                     .profile("main", "MainStream", camera.url("/h264")).start();
             RelayServer relay = Relays.start(Map.of("SOURCE_URL", onvif.url(), "PROTOCOL", "onvif",
                     "CAMERA_USERNAME", "admin", "CAMERA_PASSWORD", "c4m-s3cret"));
             MjpegTestViewer viewer = MjpegTestViewer.open(Relays.url(relay, "/stream"))) {
            assertThat(Jpegs.decode(viewer.next().jpeg()).getWidth()).isEqualTo(320);
            assertThat(onvif.operations()).contains("GetProfiles", "GetStreamUri");
            assertThat(onvif.rejectedRequests()).isZero();
            assertThat(Relays.status(relay, "/health")).isEqualTo(200);
        }
    }

    @Test
    void wrongPasswordGivesAClearErrorWithoutThePassword() throws Exception {
        try (OnvifTestServer onvif = OnvifTestServer.builder().credentials("admin", "right-one")
                     .profile("main", "MainStream", "rtsp://127.0.0.1:1/none").start();
             RelayServer relay = Relays.start(Map.of("SOURCE_URL", onvif.url(),
                     "CAMERA_USERNAME", "admin", "CAMERA_PASSWORD", "wr0ng-pa55"))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> Relays.body(relay, "/health").contains("lastError"));
            String health = Relays.body(relay, "/health");
            assertThat(Relays.status(relay, "/health")).isEqualTo(503);
            assertThat(health).contains("rejected").contains("admin").doesNotContain("wr0ng-pa55");
            assertThat(onvif.rejectedRequests()).isPositive();
            assertThat(relay.hub().latest()).isEmpty();
        }
    }
}
