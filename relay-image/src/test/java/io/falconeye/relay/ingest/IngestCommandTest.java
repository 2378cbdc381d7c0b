package io.falconeye.relay.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.falconeye.media.source.IngestInputs;
import io.falconeye.media.source.SourceUrl;
import io.falconeye.relay.config.RelayConfig;
import io.falconeye.relay.config.RelayConfigParser;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IngestCommandTest {

    private static final Path TEXT = Path.of("relay-overlay.txt");
    private static final Path FONT = Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");

    @Test
    void rtspIsDecodedPacedScaledAndEncodedOnceToMultipartJpeg() {
        RelayConfig config = config(Map.of("SOURCE_URL", "rtsp://cam/live", "WIDTH", "640", "HEIGHT", "480",
                "FPS", "10", "JPEG_QUALITY", "7"));
        IngestPlan plan = IngestCommand.plan(config,
                IngestInputs.rtsp(SourceUrl.parse("rtsp://cam/live").withCredentials("admin", "pw")), TEXT, FONT);
        assertThat(plan.passthrough()).isFalse();
        assertThat(String.join(" ", plan.args()))
                .contains("-rtsp_transport tcp")
                .contains("-i rtsp://admin:pw@cam/live")
                .contains("-map 0:v:0 -an")
                .contains("-vf fps=10,scale=640:480")
                .contains("-c:v mjpeg -q:v 7")
                .endsWith("-f mpjpeg -boundary_tag ffmpeg -flush_packets 1 pipe:1");
        assertThat(plan.toString()).doesNotContain("pw");
    }

    @Test
    void mjpegSourcesAreCopiedWithoutDecoding() {
        RelayConfig config = config(Map.of("SOURCE_URL", "http://cam/mjpg", "WIDTH", "640", "HEIGHT", "480"));
        IngestPlan plan = IngestCommand.plan(config, IngestInputs.http(SourceUrl.parse("http://cam/mjpg")), TEXT, FONT);
        assertThat(plan.passthrough()).isTrue();
        assertThat(plan.args()).containsSequence("-c:v", "copy").doesNotContain("-vf", "mjpeg");
    }

    @Test
    void usbWithMjpegIsCopiedAndUsbWithoutIsEncodedWithTheOverlay() {
        RelayConfig config = config(Map.of("DEVICE_PATH", "/dev/video0", "OVERLAY", "false", "FPS", "15"));
        IngestPlan copied = IngestCommand.plan(config,
                IngestInputs.usb("/dev/video0", Set.of("mjpeg", "yuyv422"), 0, 0, 15), TEXT, FONT);
        assertThat(copied.passthrough()).isTrue();
        assertThat(String.join(" ", copied.args())).contains("-f v4l2 -input_format mjpeg -framerate 15 -i /dev/video0");

        RelayConfig labelled = config(Map.of("DEVICE_PATH", "/dev/video0", "CAMERA_LABEL", "Garage", "FPS", "15"));
        IngestPlan encoded = IngestCommand.plan(labelled,
                IngestInputs.usb("/dev/video0", Set.of("yuyv422"), 0, 0, 15), TEXT, FONT);
        assertThat(encoded.passthrough()).isFalse();
        String vf = encoded.args().get(encoded.args().indexOf("-vf") + 1);
        assertThat(vf).doesNotContain("fps=").startsWith("drawtext=fontfile=" + FONT + ":textfile=" + TEXT);
        assertThat(encoded.overlayText()).startsWith("Garage  %{localtime:");
    }

    @Test
    void overlayTextEscapesDrawtextSpecials() {
        assertThat(IngestCommand.overlayText("50% \\ off\nnow"))
                .isEqualTo("50\\% \\\\ off now  %{localtime:%Y-%m-%d %H\\:%M\\:%S}");
        assertThat(IngestCommand.overlayText(null)).isEqualTo("%{localtime:%Y-%m-%d %H\\:%M\\:%S}");
    }

    private static RelayConfig config(Map<String, String> env) {
        return RelayConfigParser.parse(new HashMap<>(env));
    }
}
