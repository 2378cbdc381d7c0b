package io.falconeye.relay.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.falconeye.media.ConfigException;
import io.falconeye.media.source.Protocol;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RelayConfigParserTest {

    @Test
    void defaultsForAnRtspCamera() {
        RelayConfig config = RelayConfigParser.parse(Map.of("SOURCE_URL", "rtsp://cam.local:554/live"));
        assertThat(config.protocol()).isEqualTo(Protocol.RTSP);
        assertThat(config.bindAddress()).isEqualTo("0.0.0.0");
        assertThat(config.port()).isEqualTo(8081);
        assertThat(config.scales()).isFalse();
        assertThat(config.fps()).isZero();
        assertThat(config.overlay()).isFalse();
        assertThat(config.ingestWhenIdle()).isTrue();
        assertThat(config.healthMaxFrameAge()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void everyVariableIsRead() {
        RelayConfig config = RelayConfigParser.parse(Map.ofEntries(
                Map.entry("SOURCE_URL", "onvif://10.0.0.5:8000"), Map.entry("PROTOCOL", "ONVIF"),
                Map.entry("CAMERA_USERNAME", "admin"), Map.entry("CAMERA_PASSWORD", "p@ss:word"),
                Map.entry("WIDTH", "1280"), Map.entry("HEIGHT", "720"), Map.entry("FPS", "12"),
                Map.entry("CAMERA_LABEL", "Front door"), Map.entry("OVERLAY", "yes"),
                Map.entry("BIND_ADDRESS", "127.0.0.1"), Map.entry("PORT", "9000"),
                Map.entry("INGEST_WHEN_IDLE", "false"), Map.entry("HEALTH_MAX_FRAME_AGE", "5s")));
        assertThat(config.protocol()).isEqualTo(Protocol.ONVIF);
        assertThat(config.source().username()).isEqualTo("admin");
        assertThat(config.source().password()).isEqualTo("p@ss:word");
        assertThat(config.width()).isEqualTo(1280);
        assertThat(config.height()).isEqualTo(720);
        assertThat(config.fps()).isEqualTo(12);
        assertThat(config.label()).isEqualTo("Front door");
        assertThat(config.overlay()).isTrue();
        assertThat(config.port()).isEqualTo(9000);
        assertThat(config.ingestWhenIdle()).isFalse();
        assertThat(config.healthMaxFrameAge()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.toString()).doesNotContain("p@ss:word");
    }

    @Test
    void protocolComesFromTheUrlWhenNotGiven() {
        assertThat(RelayConfigParser.parse(Map.of("SOURCE_URL", "http://cam/mjpg")).protocol()).isEqualTo(Protocol.HTTP);
        assertThat(RelayConfigParser.parse(Map.of("SOURCE_URL", "https://cam/mjpg")).protocol()).isEqualTo(Protocol.HTTP);
        assertThat(RelayConfigParser.parse(Map.of("SOURCE_URL", "onvif://cam:80")).protocol()).isEqualTo(Protocol.ONVIF);
        assertThat(RelayConfigParser.parse(Map.of("DEVICE_PATH", "/dev/video0")).protocol()).isEqualTo(Protocol.USB);
    }

    @Test
    void usbDrawsTheOverlayByDefaultAndCapturesAtTheRequestedSize() {
        RelayConfig config = RelayConfigParser.parse(Map.of("PROTOCOL", "usb", "DEVICE_PATH", "/dev/video2",
                "WIDTH", "640", "HEIGHT", "480", "FPS", "15"));
        assertThat(config.overlay()).isTrue();
        assertThat(config.source().devicePath()).isEqualTo("/dev/video2");
        assertThat(config.source().width()).isEqualTo(640);
        assertThat(config.source().framerate()).isEqualTo(15);
    }

    @Test
    void badEnvironmentsGiveOneLineMessagesNamingTheVariable() {
        assertRejected(Map.of(), "SOURCE_URL", "SOURCE_URL is required");
        assertRejected(Map.of("SOURCE_URL", "ftp://cam/x"), "SOURCE_URL", "must start with rtsp://");
        assertRejected(Map.of("SOURCE_URL", "rtsp://"), "SOURCE_URL", "not a valid URL");
        assertRejected(Map.of("SOURCE_URL", "rtsp://u:hunter2@bad host/x"), "SOURCE_URL", "bad host");
        assertRejected(Map.of("SOURCE_URL", "http://cam/x", "PROTOCOL", "rtsp"), "SOURCE_URL", "does not fit PROTOCOL");
        assertRejected(Map.of("SOURCE_URL", "rtsp://cam/x", "PROTOCOL", "webrtc"), "PROTOCOL", "must be one of");
        assertRejected(Map.of("PROTOCOL", "usb"), "DEVICE_PATH", "required for a USB camera");
        assertRejected(Map.of("DEVICE_PATH", "/etc/passwd"), "DEVICE_PATH", "/dev/video0");
        assertRejected(Map.of("SOURCE_URL", "rtsp://cam/x", "WIDTH", "640"), "HEIGHT", "set together");
        assertRejected(Map.of("SOURCE_URL", "rtsp://cam/x", "WIDTH", "641", "HEIGHT", "480"), "WIDTH", "even");
        assertRejected(Map.of("SOURCE_URL", "rtsp://cam/x", "FPS", "0"), "FPS", "FPS must be");
        assertRejected(Map.of("SOURCE_URL", "rtsp://cam/x", "PORT", "http"), "PORT", "PORT must be");
        assertRejected(Map.of("SOURCE_URL", "rtsp://cam/x", "OVERLAY", "maybe"), "OVERLAY", "true or false");
    }

    @Test
    void passwordNeverAppearsInAnError() {
        assertThatThrownBy(() -> RelayConfigParser.parse(Map.of("SOURCE_URL", "rtsp://admin:hunter2@:554/x")))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
    }

    private static void assertRejected(Map<String, String> env, String variable, String messagePart) {
        assertThatThrownBy(() -> RelayConfigParser.parse(env))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(messagePart)
                .satisfies(e -> {
                    assertThat(((ConfigException) e).variable()).isEqualTo(variable);
                    assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("hunter2");
                });
    }
}
