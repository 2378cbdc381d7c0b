package io.falconeye.recorder.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.falconeye.media.ConfigException;
import io.falconeye.media.source.Protocol;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecorderConfigParserTest {

    private static Map<String, String> minimal() {
        Map<String, String> env = new HashMap<>();
        env.put("CAMERA_ID", "cam-1");
        env.put("SOURCE_URL", "rtsp://10.0.0.5:554/stream1");
        return env;
    }

    @Test
    void defaultsMatchTheEarlierRecorder() {
        RecorderConfig config = RecorderConfigParser.parse(minimal());
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.bindAddress()).isEqualTo("0.0.0.0");
        assertThat(config.recordingsPath()).isEqualTo(Path.of("/recordings"));
        assertThat(config.cameraDirectory()).isEqualTo(Path.of("/recordings/cam-1"));
        assertThat(config.cameraName()).isEqualTo("cam-1");
        assertThat(config.segmentSeconds()).isEqualTo(300);
        assertThat(config.source().protocol()).isEqualTo(Protocol.RTSP);
        assertThat(config.retention().maxAge()).isEqualTo(Duration.ZERO);
        assertThat(config.retention().maxBytes()).isZero();
        assertThat(config.retention().minFreeBytes()).isEqualTo(1L << 30);
        assertThat(config.stopTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.apiUrl()).isNull();
        assertThat(config.journalMaxBytes()).isEqualTo(1L << 20);
    }

    @Test
    void readsEveryVariableTheOperatorSets() {
        Map<String, String> env = minimal();
        env.putAll(Map.of("CAMERA_NAME", "Front door #2", "PROTOCOL", "onvif", "SOURCE_URL", "onvif://10.0.0.9:8899",
                "CAMERA_USERNAME", "admin", "CAMERA_PASSWORD", "pw", "RECORDINGS_PATH", "/data/rec",
                "SEGMENT_SECONDS", "60", "RETENTION_MAX_AGE_DAYS", "14", "RETENTION_MAX_BYTES", "20G",
                "MIN_FREE_BYTES", "512M"));
        env.putAll(Map.of("NODE_NAME", "node-7", "API_URL", "http://falcon-eye-api:8000/", "INTERNAL_TOKEN", "t0k",
                "PORT", "9090", "EVENT_JOURNAL_MAX_BYTES", "4M"));
        RecorderConfig config = RecorderConfigParser.parse(env);
        assertThat(config.cameraName()).isEqualTo("Front_door__2");
        assertThat(config.source().protocol()).isEqualTo(Protocol.ONVIF);
        assertThat(config.source().username()).isEqualTo("admin");
        assertThat(config.segmentSeconds()).isEqualTo(60);
        assertThat(config.retention().maxAge()).isEqualTo(Duration.ofDays(14));
        assertThat(config.retention().maxBytes()).isEqualTo(20L << 30);
        assertThat(config.retention().minFreeBytes()).isEqualTo(512L << 20);
        assertThat(config.nodeName()).isEqualTo("node-7");
        assertThat(config.apiUrl().toString()).isEqualTo("http://falcon-eye-api:8000");
        assertThat(config.port()).isEqualTo(9090);
        assertThat(config.journalMaxBytes()).isEqualTo(4L << 20);
        assertThat(config.toString()).doesNotContain("pw").doesNotContain("t0k");
    }

    /** As the operator deploys the recorder of a USB camera: the device is the relay's, the recorder reads its MJPEG. */
    @Test
    void aUsbCameraWithoutDeviceIsRecordedFromItsRelaysMjpegStream() {
        Map<String, String> env = minimal();
        env.putAll(Map.of("PROTOCOL", "usb", "SOURCE_URL", "http://relay-cam-1.default.svc:8081/stream"));
        RecorderConfig config = RecorderConfigParser.parse(env);
        assertThat(config.source().protocol()).isEqualTo(Protocol.HTTP);
        assertThat(config.source().url()).isEqualTo("http://relay-cam-1.default.svc:8081/stream");

        env.put("DEVICE_PATH", "/dev/video2");
        assertThat(RecorderConfigParser.parse(env).source().protocol()).isEqualTo(Protocol.USB);
    }

    @Test
    void earlierSegmentDurationVariableStillWorks() {
        Map<String, String> env = minimal();
        env.put("SEGMENT_DURATION", "120");
        assertThat(RecorderConfigParser.parse(env).segmentSeconds()).isEqualTo(120);
    }

    @Test
    void badValuesNameTheVariable() {
        assertError(Map.of("CAMERA_ID", "a/b"), "CAMERA_ID", "CAMERA_ID must be");
        assertError(Map.of("SOURCE_URL", "ftp://x/y"), "SOURCE_URL", "must start with rtsp://");
        assertError(Map.of("PROTOCOL", "http"), "SOURCE_URL", "does not fit PROTOCOL http");
        assertError(Map.of("SEGMENT_SECONDS", "1"), "SEGMENT_SECONDS", "2..86400");
        assertError(Map.of("RETENTION_MAX_BYTES", "-5"), "RETENTION_MAX_BYTES", "byte count");
        assertError(Map.of("RETENTION_MAX_AGE_DAYS", "week"), "RETENTION_MAX_AGE_DAYS", "integer");
        assertError(Map.of("API_URL", "ftp://api"), "API_URL", "http(s) URL");
        assertError(Map.of("API_URL", "http://api:8000"), "INTERNAL_TOKEN", "required when API_URL");
        assertError(Map.of("PORT", "70000"), "PORT", "0..65535");
        assertError(Map.of("PROTOCOL", "usb"), "DEVICE_PATH", "DEVICE_PATH is required");
        assertError(Map.of("EVENT_JOURNAL_MAX_BYTES", "1K"), "EVENT_JOURNAL_MAX_BYTES", "at least 64K");
    }

    @Test
    void passwordsNeverAppearInErrors() {
        Map<String, String> env = minimal();
        env.put("SOURCE_URL", "rtsp://admin:Sup3rSecret@cam era/x");
        assertThatThrownBy(() -> RecorderConfigParser.parse(env)).isInstanceOf(ConfigException.class)
                .message().doesNotContain("Sup3rSecret");
    }

    private static void assertError(Map<String, String> overrides, String variable, String message) {
        Map<String, String> env = minimal();
        env.putAll(overrides);
        assertThatThrownBy(() -> RecorderConfigParser.parse(env))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.variable()).isEqualTo(variable);
                    assertThat(e.getMessage()).contains(message);
                });
    }
}
