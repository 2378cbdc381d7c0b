package io.falconeye.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.falconeye.testsupport.media.RtspCamera;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The camera goes away and comes back: the relay reconnects without a restart. */
class RtspReconnectTest {

    @Test
    void framesResumeOnTheSameViewerConnectionAfterTheCameraWasDownForTenSeconds() throws Exception {
        try (RtspCamera camera = RtspCamera.start(RtspCamera.Options.defaults().size(320, 240).fps(15));
             RelayServer relay = Relays.start(Map.of("SOURCE_URL", camera.url("/h264"), "FPS", "15"));
             MjpegTestViewer viewer = MjpegTestViewer.open(Relays.url(relay, "/stream"))) {
            AtomicLong framesSeen = new AtomicLong();
            AtomicLong lastFrameNanos = new AtomicLong();
            CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
                try {
                    while (true) {
                        Jpegs.decode(viewer.next().jpeg());
                        framesSeen.incrementAndGet();
                        lastFrameNanos.set(System.nanoTime());
                    }
                } catch (Exception e) {
                    throw new IllegalStateException("viewer connection broke: " + e.getMessage(), e);
                }
            });
            await().atMost(Duration.ofSeconds(20)).until(() -> framesSeen.get() >= 5);
            assertThat(Relays.status(relay, "/health")).isEqualTo(200);

            camera.stop();
            await().atMost(Duration.ofSeconds(8)).until(() -> Relays.status(relay, "/health") == 503);
            assertThat(Relays.body(relay, "/health")).contains("\"status\":\"no-frames\"", "lastError");
            Thread.sleep(Duration.ofSeconds(10).toMillis() - 3000);
            long seenWhileDown = framesSeen.get();

            camera.start();
            long restarted = System.nanoTime();
            await().atMost(Duration.ofSeconds(5)).until(() -> framesSeen.get() > seenWhileDown + 2);
            assertThat(reading).as("the same viewer connection keeps delivering").isNotDone();
            System.out.printf("frames resumed %d ms after the camera came back%n",
                    (lastFrameNanos.get() - restarted) / 1_000_000);
            await().atMost(Duration.ofSeconds(2)).until(() -> Relays.status(relay, "/health") == 200);
            assertThat(relay.metrics().reconnects()).isGreaterThanOrEqualTo(1);
            assertThat(relay.viewerCount()).isEqualTo(1);
        }
    }

    @Test
    void cameraDownAtStartBecomesLiveWhenItComesUp() throws Exception {
        int port = RtspCamera.freePort();
        RtspCamera.Options options = RtspCamera.Options.defaults().size(320, 240).port(port);
        try (RelayServer relay = Relays.start(Map.of("SOURCE_URL", "rtsp://127.0.0.1:" + port + "/h264"))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> Relays.body(relay, "/health").contains("lastError"));
            assertThat(Relays.status(relay, "/health")).isEqualTo(503);
            assertThat(Relays.status(relay, "/snapshot.jpg")).isEqualTo(503);
            try (RtspCamera camera = RtspCamera.start(options)) {
                await().atMost(Duration.ofSeconds(15)).until(() -> Relays.status(relay, "/health") == 200);
                assertThat(Jpegs.decode(Relays.get(relay, "/snapshot.jpg").body()).getWidth()).isEqualTo(320);
            }
        }
    }
}
