package io.falconeye.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.falconeye.testsupport.media.RtspCamera;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The relay against the real RTSP test camera (H.264/H.265 video with G.711 audio). */
class RtspRelayTest {

    private static RtspCamera camera;

    @BeforeAll
    static void startCamera() {
        camera = RtspCamera.start(RtspCamera.Options.defaults().size(640, 480).fps(15));
    }

    @AfterAll
    static void stopCamera() {
        if (camera != null) {
            camera.close();
        }
    }

    @Test
    void viewerGetsValidJpegsAtTheConfiguredRateAndSize() throws Exception {
        try (RelayServer relay = Relays.start(Map.of("SOURCE_URL", camera.url("/h264"),
                "WIDTH", "320", "HEIGHT", "240", "FPS", "10"));
             MjpegTestViewer viewer = MjpegTestViewer.open(Relays.url(relay, "/stream"))) {
            assertThat(viewer.contentType()).isEqualTo("multipart/x-mixed-replace; boundary=frame");
            // ffmpeg hands over the frames it buffered while probing the stream in a burst: skip them
            // (counted from the first frame: on a loaded machine ffmpeg takes seconds to start).
            viewer.next();
            long warmUpEnd = System.nanoTime() + Duration.ofMillis(2500).toNanos();
            while (System.nanoTime() < warmUpEnd) {
                viewer.next();
            }
            List<MjpegTestViewer.Part> parts = new ArrayList<>();
            long start = System.nanoTime();
            while (System.nanoTime() - start < Duration.ofSeconds(3).toNanos()) {
                parts.add(viewer.next());
            }
            double seconds = (parts.get(parts.size() - 1).arrivedNanos() - start) / 1e9;
            double fps = parts.size() / seconds;
            assertThat(fps).as("frames per second delivered").isBetween(7.0, 13.0);
            for (MjpegTestViewer.Part part : parts) {
                BufferedImage image = Jpegs.decode(part.jpeg());
                assertThat(image.getWidth()).isEqualTo(320);
                assertThat(image.getHeight()).isEqualTo(240);
            }
            assertThat(Relays.status(relay, "/health")).isEqualTo(200);
            assertThat(Relays.get(relay, "/snapshot.jpg").headers().firstValue("Content-Type")).hasValue("image/jpeg");
            assertThat(Jpegs.decode(Relays.get(relay, "/snapshot.jpg").body()).getWidth()).isEqualTo(320);
            String metrics = Relays.body(relay, "/metrics");
            assertThat(metrics).contains("relay_frames_in_total", "relay_frames_out_total", "relay_viewers 1.0",
                    "relay_reconnects_total 0.0", "relay_last_frame_age_seconds");
        }
    }

    @Test
    void rootPathServesTheSameStreamAndANewViewerGetsTheLatestFrameAtOnce() throws Exception {
        try (RelayServer relay = Relays.start(Map.of("SOURCE_URL", camera.url("/h264")))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> relay.hub().latest().isPresent());
            try (MjpegTestViewer viewer = MjpegTestViewer.open(Relays.url(relay, "/"))) {
                // In microseconds, as the relay stamps frames: milliseconds failed a frame the relay
                // had received 0.1 ms before, in the same millisecond.
                Instant connected = Instant.now();
                long connectedMicros = connected.getEpochSecond() * 1_000_000L + connected.getNano() / 1000;
                MjpegTestViewer.Part first = viewer.next();
                // The first part is the frame the relay already held, not one decoded after we came.
                assertThat(first.relayReceivedMicros()).isLessThanOrEqualTo(connectedMicros);
                BufferedImage image = Jpegs.decode(first.jpeg());
                assertThat(image.getWidth()).isEqualTo(640);
                assertThat(image.getHeight()).isEqualTo(480);
            }
        }
    }

    @Test
    void twentyViewersEachGetFramesFromOneIngest() throws Exception {
        // The camera notices an earlier test's relay leaving a moment after it closed.
        await().atMost(Duration.ofSeconds(10)).until(() -> camera.clientsOpen() == 0);
        try (RelayServer relay = Relays.start(Map.of("SOURCE_URL", camera.url("/h264"), "FPS", "10"))) {
            ExecutorService pool = Executors.newFixedThreadPool(20);
            try {
                List<Future<Integer>> counts = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    counts.add(pool.submit(() -> {
                        try (MjpegTestViewer viewer = MjpegTestViewer.open(Relays.url(relay, "/stream"))) {
                            int frames = 0;
                            Jpegs.decode(viewer.next().jpeg());
                            long end = System.nanoTime() + Duration.ofSeconds(4).toNanos();
                            while (System.nanoTime() < end) {
                                Jpegs.decode(viewer.next().jpeg());
                                frames++;
                            }
                            return frames;
                        }
                    }));
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> relay.viewerCount() == 20);
                for (Future<Integer> count : counts) {
                    assertThat(count.get()).isGreaterThanOrEqualTo(10);
                }
                // Asked while the ingest runs (viewers can connect before it has opened its session).
                assertThat(camera.clientsOpen()).as("RTSP sessions opened by the relay").isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> relay.viewerCount() == 0);
            assertThat(Relays.body(relay, "/metrics")).contains("relay_viewers 0.0");
            // Nobody watches, the ingest goes on (snapshots and recordings need it).
            long frames = relay.hub().framesReceived();
            await().atMost(Duration.ofSeconds(5)).until(() -> relay.hub().framesReceived() > frames + 5);
        }
    }

    @Test
    void h265SourceIsDecodedToo() throws Exception {
        try (RelayServer relay = Relays.start(Map.of("SOURCE_URL", camera.url("/h265"), "PROTOCOL", "rtsp",
                "WIDTH", "480", "HEIGHT", "360"));
             MjpegTestViewer viewer = MjpegTestViewer.open(Relays.url(relay, "/stream"))) {
            for (int i = 0; i < 5; i++) {
                BufferedImage image = Jpegs.decode(viewer.next().jpeg());
                assertThat(image.getWidth()).isEqualTo(480);
                assertThat(image.getHeight()).isEqualTo(360);
            }
        }
    }

    @Test
    void labelAndTimeOverlayIsDrawn() throws Exception {
        try (RelayServer plain = Relays.start(Map.of("SOURCE_URL", camera.url("/h264-video")));
             RelayServer labelled = Relays.start(Map.of("SOURCE_URL", camera.url("/h264-video"),
                     "CAMERA_LABEL", "Front door", "OVERLAY", "true"))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> plain.hub().latest().isPresent()
                    && labelled.hub().latest().isPresent());
            BufferedImage without = Jpegs.decode(plain.hub().latest().orElseThrow().jpeg());
            BufferedImage with = Jpegs.decode(labelled.hub().latest().orElseThrow().jpeg());
            // The overlay box sits in the top-left corner; the test pattern there is plain.
            assertThat(brightPixels(with, 0, 0, 320, 30)).isGreaterThan(brightPixels(without, 0, 0, 320, 30) + 100);
        }
    }

    private static int brightPixels(BufferedImage image, int x0, int y0, int width, int height) {
        int count = 0;
        for (int y = y0; y < y0 + height; y++) {
            for (int x = x0; x < x0 + width; x++) {
                int rgb = image.getRGB(x, y);
                int luma = ((rgb >> 16 & 0xff) + (rgb >> 8 & 0xff) + (rgb & 0xff)) / 3;
                if (luma > 200) {
                    count++;
                }
            }
        }
        return count;
    }
}
