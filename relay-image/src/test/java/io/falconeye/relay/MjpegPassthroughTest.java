package io.falconeye.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.falconeye.testsupport.media.MjpegTestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An HTTP MJPEG camera is relayed without decoding: the JPEGs arrive byte for byte. */
class MjpegPassthroughTest {

    @Test
    void jpegsArePassedThroughByteForByteFromOneConnection() throws Exception {
        try (MjpegTestServer camera = MjpegTestServer.start(640, 480, 10, 0);
             RelayServer relay = Relays.start(Map.of("SOURCE_URL", camera.url(), "WIDTH", "320", "HEIGHT", "240"));
             MjpegTestViewer first = MjpegTestViewer.open(Relays.url(relay, "/stream"));
             MjpegTestViewer second = MjpegTestViewer.open(Relays.url(relay, "/"))) {
            List<byte[]> received = new ArrayList<>();
            for (int i = 0; i < 15; i++) {
                received.add(first.next().jpeg());
                second.next();
            }
            assertThat(received).allSatisfy(jpeg -> assertThat(camera.isOneOfFrames(jpeg))
                    .as("relayed JPEG is byte-for-byte a frame the camera sent").isTrue());
            // Passed through means the camera's own size, whatever WIDTH/HEIGHT say.
            assertThat(Jpegs.decode(received.get(0)).getWidth()).isEqualTo(640);
            assertThat(received.stream().map(java.util.Arrays::hashCode).distinct().count()).isGreaterThan(5);
            assertThat(camera.connectionsOpen()).as("one ingest for two viewers").isEqualTo(1);
        }
    }

    @Test
    void fpsBelowTheCamerasDropsFramesWithoutDecoding() throws Exception {
        try (MjpegTestServer camera = MjpegTestServer.start(320, 240, 20, 0);
             RelayServer relay = Relays.start(Map.of("SOURCE_URL", camera.url(), "FPS", "5"))) {
            await().atMost(Duration.ofSeconds(15)).until(() -> relay.hub().framesReceived() > 0);
            long cameraBefore = camera.framesSent();
            long relayBefore = relay.hub().framesReceived();
            Thread.sleep(6000); // long enough that a stall of the loaded machine moves the ratio little
            double ratio = (double) (relay.hub().framesReceived() - relayBefore) / (camera.framesSent() - cameraBefore);
            assertThat(ratio).as("share of the camera's frames the relay keeps at FPS=5 of 20").isBetween(0.15, 0.35);
            assertThat(camera.isOneOfFrames(relay.hub().latest().orElseThrow().jpeg())).isTrue();
        }
    }
}
