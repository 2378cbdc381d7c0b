package io.falconeye.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The USB path as far as it goes without a camera (there is no /dev/video* here, and ffmpeg's v4l2
 * input accepts nothing but a V4L2 device): the relay asks the real ffmpeg for the device, keeps
 * serving, says why in /health, and keeps retrying until the device appears.
 */
class UsbRelayTest {

    @Test
    void aMissingDeviceIsReportedByHealthAndRetried() throws Exception {
        try (RelayServer relay = Relays.start(Map.of("PROTOCOL", "usb", "DEVICE_PATH", "/dev/video97",
                "CAMERA_LABEL", "Garage", "FPS", "15"))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> Relays.body(relay, "/health").contains("lastError"));
            String health = Relays.body(relay, "/health");
            System.out.println("health without the device: " + health);
            assertThat(Relays.status(relay, "/health")).isEqualTo(503);
            assertThat(health).contains("/dev/video97");
            assertThat(Relays.status(relay, "/snapshot.jpg")).isEqualTo(503);
            await().atMost(Duration.ofSeconds(20)).until(() -> relay.metrics().reconnects() >= 2);
        }
    }
}
