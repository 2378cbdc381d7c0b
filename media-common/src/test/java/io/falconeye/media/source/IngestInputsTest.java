package io.falconeye.media.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.falconeye.media.BundledFfmpeg;
import io.falconeye.media.onvif.OnvifException;
import io.falconeye.media.onvif.OnvifStreamResolver;
import io.falconeye.testsupport.media.MjpegTestServer;
import io.falconeye.testsupport.media.OnvifTestServer;
import io.falconeye.testsupport.media.RtspCamera;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class IngestInputsTest {

    private final IngestInputs inputs = new IngestInputs(new OnvifStreamResolver(), device -> Set.of("yuyv422"));

    @Test
    void rtspForcesTcpAndATimeoutAndTakesTheConfiguredCredentials() {
        IngestInput input = inputs.resolve(CameraSource.rtsp("rtsp://cam.local:554/live")
                .withCredentials("admin", "s3cret"));

        assertThat(input.ffmpegArgs()).containsExactly("-rtsp_transport", "tcp", "-timeout", "10000000",
                "-i", "rtsp://admin:s3cret@cam.local:554/live");
        assertThat(input.redactedArgs()).containsExactly("-rtsp_transport", "tcp", "-timeout", "10000000",
                "-i", "rtsp://***@cam.local:554/live");
        assertThat(input.toString()).doesNotContain("s3cret");
        assertThat(input.mjpegExpected()).isFalse();
    }

    @Test
    void httpIsExpectedToBeMjpeg() {
        IngestInput input = inputs.resolve(CameraSource.http("http://cam.local/video.mjpg"));

        assertThat(input.ffmpegArgs()).containsExactly("-rw_timeout", "10000000", "-i", "http://cam.local/video.mjpg");
        assertThat(input.mjpegExpected()).isTrue();
    }

    @Test
    void usbAsksForMjpegWhenTheDeviceOffersIt() {
        IngestInput input = IngestInputs.usb("/dev/video0", Set.of("yuyv422", "mjpeg"), 1280, 720, 30);

        assertThat(input.ffmpegArgs()).containsExactly("-f", "v4l2", "-input_format", "mjpeg",
                "-video_size", "1280x720", "-framerate", "30", "-i", "/dev/video0");
        assertThat(input.mjpegExpected()).isTrue();
    }

    @Test
    void usbWithoutMjpegTakesTheDeviceDefaultFormat() {
        IngestInput input = inputs.resolve(CameraSource.usb("/dev/video2"));

        assertThat(input.ffmpegArgs()).containsExactly("-f", "v4l2", "-i", "/dev/video2");
        assertThat(input.mjpegExpected()).isFalse();
    }

    @Test
    void badSourcesGiveClearErrors() {
        assertThatThrownBy(() -> inputs.resolve(CameraSource.usb("/etc/passwd")))
                .hasMessageContaining("device path like /dev/video0");
        assertThatThrownBy(() -> inputs.resolve(CameraSource.rtsp("http://cam/x")))
                .hasMessageContaining("rtsp camera source must start with rtsp:// or rtsps://");
        assertThatThrownBy(() -> inputs.resolve(CameraSource.rtsp(null)))
                .hasMessageContaining("rtsp camera source: source URL is empty");
        assertThatThrownBy(() -> Protocol.parse("ftp"))
                .hasMessageContaining("must be one of rtsp, onvif, http, usb");
    }

    @Test
    void onvifResolvesToRtspOverTcp() {
        try (OnvifTestServer camera = OnvifTestServer.builder().credentials("admin", "s3cret")
                .profile("main", "Main", "rtsp://127.0.0.1:8554/main").start()) {
            IngestInput input = inputs.resolve(CameraSource.onvif(camera.url()).withCredentials("admin", "s3cret"));

            assertThat(input.ffmpegArgs()).containsExactly("-rtsp_transport", "tcp", "-timeout", "10000000",
                    "-i", "rtsp://admin:s3cret@127.0.0.1:8554/main");
        }
    }

    @Test
    void onvifWithAWrongPasswordFailsWithoutLeakingIt() {
        try (OnvifTestServer camera = OnvifTestServer.builder().credentials("admin", "s3cret")
                .profile("main", "Main", "rtsp://127.0.0.1:8554/main").start()) {
            assertThatThrownBy(() -> inputs.resolve(CameraSource.onvif(camera.url())
                    .withCredentials("admin", "guess-1")))
                    .isInstanceOf(OnvifException.class)
                    .hasMessageNotContaining("guess-1");
        }
    }

    @Test
    void bundledFfmpegReadsRealSourcesWithTheseArguments() throws Exception {
        try (RtspCamera rtsp = RtspCamera.start(RtspCamera.Options.defaults().size(320, 240));
                MjpegTestServer mjpeg = MjpegTestServer.start(320, 240, 10, 0)) {
            assertThat(readFrames(inputs.resolve(CameraSource.rtsp(rtsp.url("/h264"))), 10)).isZero();
            assertThat(readFrames(inputs.resolve(CameraSource.rtsp(rtsp.url("/h265"))), 10)).isZero();
            assertThat(readFrames(inputs.resolve(CameraSource.http(mjpeg.url())), 5)).isZero();
        }
    }

    @Test
    void credentialsWithSpecialCharactersReachPasswordProtectedCameras() throws Exception {
        String password = "p@ss:w/rd?#";
        try (RtspCamera rtsp = RtspCamera.start(RtspCamera.Options.defaults().size(320, 240)
                        .credentials("admin", password));
                MjpegTestServer mjpeg = MjpegTestServer.startWithBasicAuth(320, 240, 10, "viewer", password)) {
            assertThat(readFrames(inputs.resolve(CameraSource.rtsp(rtsp.url("/h264-video"))
                    .withCredentials("admin", password)), 5)).isZero();
            assertThat(readFrames(inputs.resolve(CameraSource.http(mjpeg.url())
                    .withCredentials("viewer", password)), 5)).isZero();
        }
    }

    @Test
    void ffmpegErrorsNameTheUrlWithItsPasswordSoTheyMustBeRedacted() throws Exception {
        try (RtspCamera rtsp = RtspCamera.start(RtspCamera.Options.defaults().size(320, 240)
                .credentials("admin", "right"))) {
            IngestInput input = inputs.resolve(CameraSource.rtsp(rtsp.url("/h264-video"))
                    .withCredentials("admin", "Wrong-Secret"));
            List<String> args = new ArrayList<>(List.of("-hide_banner", "-nostdin", "-loglevel", "error"));
            args.addAll(input.ffmpegArgs());
            args.addAll(List.of("-frames:v", "1", "-f", "null", "-"));
            Process process = BundledFfmpeg.processBuilder(args).redirectErrorStream(true).start();
            String errors = new String(process.getInputStream().readAllBytes());
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

            assertThat(process.exitValue()).isNotZero();
            assertThat(errors).contains("401").contains("Wrong-Secret");
            assertThat(SourceUrl.redact(errors)).contains("401").doesNotContain("Wrong-Secret");
        }
    }

    /** Exit code of ffmpeg decoding {@code frames} video frames from the input. */
    private static int readFrames(IngestInput input, int frames) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("-hide_banner", "-nostdin", "-loglevel", "error"));
        args.addAll(input.ffmpegArgs());
        args.addAll(List.of("-frames:v", String.valueOf(frames), "-f", "null", "-"));
        Process process = BundledFfmpeg.processBuilder(args).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("ffmpeg did not finish reading " + input);
        }
        assertThat(output).as("ffmpeg errors for " + input).isBlank();
        return process.exitValue();
    }
}
