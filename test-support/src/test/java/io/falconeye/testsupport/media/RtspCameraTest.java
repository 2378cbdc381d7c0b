package io.falconeye.testsupport.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Probes the real GStreamer RTSP camera with the bundled ffprobe. */
class RtspCameraTest {

    private static RtspCamera camera;

    @BeforeAll
    static void startCamera() {
        camera = RtspCamera.start(RtspCamera.Options.defaults());
    }

    @AfterAll
    static void stopCamera() {
        camera.close();
    }

    @Test
    void h264MountServesH264AndG711Audio() {
        FfmpegTools.Probe probe = FfmpegTools.probe(camera.url("/h264"));

        assertThat(probe.codecNames()).containsExactlyInAnyOrder("h264", "pcm_mulaw");
        assertThat(probe.width()).isEqualTo(640);
        assertThat(probe.height()).isEqualTo(480);
        assertThat(probe.firstStream("video").path("r_frame_rate").asText()).isEqualTo("15/1");
        assertThat(probe.firstStream("audio").path("sample_rate").asText()).isEqualTo("8000");
    }

    @Test
    void h265MountServesHevcAndG711Audio() {
        FfmpegTools.Probe probe = FfmpegTools.probe(camera.url("/h265"));

        assertThat(probe.codecNames()).containsExactlyInAnyOrder("hevc", "pcm_mulaw");
        assertThat(probe.width()).isEqualTo(640);
        assertThat(probe.height()).isEqualTo(480);
    }

    @Test
    void alawAndAacMountsServeThoseAudioCodecs() {
        assertThat(FfmpegTools.probe(camera.url("/h264-pcma")).codecNames())
                .containsExactlyInAnyOrder("h264", "pcm_alaw");
        assertThat(FfmpegTools.probe(camera.url("/h264-aac")).codecNames())
                .containsExactlyInAnyOrder("h264", "aac");
    }

    @Test
    void videoOnlyMountHasNoAudio() {
        FfmpegTools.Probe probe = FfmpegTools.probe(camera.url("/h264-video"));

        assertThat(probe.codecNames()).containsExactly("h264");
    }

    @Test
    void sendsAKeyframeEverySecondSoShortSegmentsCanBeCut(@TempDir Path dir) {
        Path clip = dir.resolve("clip.mkv");
        FfmpegTools.runFfmpeg(Duration.ofSeconds(60), List.of("-loglevel", "error", "-rtsp_transport", "tcp",
                "-i", camera.url("/h264-video"), "-t", "4", "-c", "copy", clip.toString()));

        FfmpegTools.Result keyframes = FfmpegTools.runFfprobe(Duration.ofSeconds(30), List.of("-v", "error",
                "-select_streams", "v:0", "-skip_frame", "nokey", "-show_entries", "frame=pts_time",
                "-of", "csv=p=0", clip.toString()));

        assertThat(keyframes.stdout().lines().filter(line -> !line.isBlank()).count()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void sizeAndFrameRateComeFromTheOptions() {
        try (RtspCamera small = RtspCamera.start(RtspCamera.Options.defaults().size(320, 240).fps(10))) {
            FfmpegTools.Probe probe = FfmpegTools.probe(small.url("/h264"));

            assertThat(probe.width()).isEqualTo(320);
            assertThat(probe.height()).isEqualTo(240);
            assertThat(probe.firstStream("video").path("r_frame_rate").asText()).isEqualTo("10/1");
        }
    }

    @Test
    void stopTakesTheCameraDownAndStartBringsItBackOnTheSamePort() {
        int port = RtspCamera.freePort();
        try (RtspCamera flaky = RtspCamera.start(RtspCamera.Options.defaults().size(320, 240).port(port))) {
            assertThat(FfmpegTools.probe(flaky.url("/h264-video")).videoCodec()).isEqualTo("h264");
            int clientsBefore = flaky.clientsConnected();
            assertThat(clientsBefore).isGreaterThanOrEqualTo(1);

            flaky.stop();
            assertThat(flaky.isRunning()).isFalse();
            assertThat(accepts(port)).isFalse();

            flaky.start();
            assertThat(flaky.port()).isEqualTo(port);
            assertThat(FfmpegTools.probe(flaky.url("/h264-video")).videoCodec()).isEqualTo("h264");
            assertThat(flaky.clientsConnected()).isGreaterThan(clientsBefore);
        }
    }

    @Test
    void aServerThatDiesByItselfIsStartedAgainOnTheSamePort() throws Exception {
        int port = RtspCamera.freePort();
        try (RtspCamera crashing = RtspCamera.start(RtspCamera.Options.defaults().size(320, 240).port(port))) {
            ProcessHandle server = ProcessHandle.current().children()
                    .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains("--port " + port)).orElse(false))
                    .findFirst().orElseThrow();
            server.destroyForcibly();
            server.onExit().get(10, TimeUnit.SECONDS);

            long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
            while (!(crashing.isRunning() && accepts(port)) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(FfmpegTools.probe(crashing.url("/h264-video")).videoCodec()).isEqualTo("h264");
        }
    }

    @Test
    void restartsOnTheSamePortRightAfterAKillWithAClientStreaming() throws Exception {
        int port = RtspCamera.freePort();
        try (RtspCamera flaky = RtspCamera.start(RtspCamera.Options.defaults().size(320, 240).port(port))) {
            Process viewer = FfmpegTools.processBuilder(FfmpegTools.ffmpeg(), List.of("-hide_banner", "-nostdin",
                    "-loglevel", "error", "-rtsp_transport", "tcp", "-i", flaky.url("/h264"), "-t", "60",
                    "-f", "null", "-")).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            try {
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (flaky.clientsOpen() == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(flaky.clientsOpen()).isEqualTo(1);

                flaky.stop();
                flaky.start();

                assertThat(FfmpegTools.probe(flaky.url("/h264")).codecNames()).contains("h264", "pcm_mulaw");
            } finally {
                viewer.destroyForcibly();
            }
        }
    }

    @Test
    void cameraWithAPasswordRequiresDigestCredentials() {
        try (RtspCamera locked = RtspCamera.start(RtspCamera.Options.defaults().size(320, 240)
                .credentials("admin", "p@ss:w/rd"))) {
            assertThatThrownBy(() -> FfmpegTools.probe(locked.url("/h264-video")))
                    .hasMessageContaining("401");
            String withCredentials = locked.url("/h264-video").replace("rtsp://", "rtsp://admin:p%40ss%3Aw%2Frd@");

            assertThat(FfmpegTools.probe(withCredentials).videoCodec()).isEqualTo("h264");
        }
    }

    @Test
    void fullHdMountServes1080p() {
        FfmpegTools.Probe probe = FfmpegTools.probe(camera.url("/h264-1080p"));

        assertThat(probe.videoCodec()).isEqualTo("h264");
        assertThat(probe.width()).isEqualTo(1920);
        assertThat(probe.height()).isEqualTo(1080);
    }

    @Test
    void missingGStreamerBindingsNameTheDebianPackages(@TempDir Path dir) throws IOException {
        // Debian's python without its site packages: the gi bindings cannot be imported.
        Path pythonWithoutGi = dir.resolve("python-without-gi");
        Files.writeString(pythonWithoutGi, "#!/bin/sh\nexec /usr/bin/python3 -S \"$@\"\n");
        Files.setPosixFilePermissions(pythonWithoutGi, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertThatThrownBy(() -> RtspCamera.start(RtspCamera.Options.defaults().python(pythonWithoutGi.toString())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("gir1.2-gst-rtsp-server-1.0")
                .hasMessageContaining("python3-gi");
    }

    @Test
    void missingInterpreterIsAClearError() {
        assertThatThrownBy(() -> RtspCamera.start(RtspCamera.Options.defaults().python("/nonexistent/python3")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/nonexistent/python3")
                .hasMessageContaining("gir1.2-gst-rtsp-server-1.0");
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
