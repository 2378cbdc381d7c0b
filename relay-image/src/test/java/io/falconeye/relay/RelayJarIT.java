package io.falconeye.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.falconeye.testsupport.media.MjpegTestServer;
import io.falconeye.testsupport.media.RtspCamera;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The packaged {@code relay.jar}, started with {@code java -jar} the way the image runs it. */
class RelayJarIT {

    static final Path JAR = Path.of(System.getProperty("relay.jar", "target/relay.jar"));

    @Test
    void missingSourceExitsWithAClearOneLineMessage() throws Exception {
        Run run = runToExit(Map.of());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr().strip()).isEqualTo("relay: invalid configuration: SOURCE_URL is required "
                + "(rtsp://, http(s)://, onvif://host:port), or DEVICE_PATH for a USB camera");
    }

    @Test
    void badUrlOrNumbersExitWithClearMessagesAndNoSecrets() throws Exception {
        Run badScheme = runToExit(Map.of("SOURCE_URL", "ftp://camera/stream"));
        assertThat(badScheme.exitCode()).isEqualTo(2);
        assertThat(badScheme.stderr()).contains("SOURCE_URL must start with rtsp://, http://, https:// or onvif://")
                .doesNotContain("Exception", "\tat ");

        Run notAUrl = runToExit(Map.of("SOURCE_URL", "rtsp://admin:s3cret@cam era/live"));
        assertThat(notAUrl.exitCode()).isEqualTo(2);
        assertThat(notAUrl.stderr()).contains("SOURCE_URL is not a valid URL").doesNotContain("s3cret");
        assertThat(notAUrl.stderr().strip().lines()).hasSize(1);

        Run badWidth = runToExit(Map.of("SOURCE_URL", "rtsp://camera/live", "WIDTH", "wide", "HEIGHT", "480"));
        assertThat(badWidth.exitCode()).isEqualTo(2);
        assertThat(badWidth.stderr()).contains("WIDTH must be");

        Run badPort = runToExit(Map.of("SOURCE_URL", "rtsp://camera/live", "PORT", "99999"));
        assertThat(badPort.exitCode()).isEqualTo(2);
        assertThat(badPort.stderr()).contains("PORT must be");
    }

    @Test
    void jarServesAnRtspCameraWithoutLeakingItsPassword() throws Exception {
        int port = RtspCamera.freePort();
        try (RtspCamera camera = RtspCamera.start(RtspCamera.Options.defaults().size(320, 240))) {
            // The test camera ignores credentials; they must still never show in logs or answers.
            Path log = Files.createTempFile("relay-jar", ".log");
            Process relay = start(log, Map.of("SOURCE_URL", camera.url("/h264"), "CAMERA_USERNAME", "admin",
                    "CAMERA_PASSWORD", "pa55-w0rd", "PORT", Integer.toString(port), "BIND_ADDRESS", "127.0.0.1"));
            try {
                HttpClient http = HttpClient.newHttpClient();
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
                try (MjpegTestViewer viewer = MjpegTestViewer.open("http://127.0.0.1:" + port + "/stream")) {
                    assertThat(Jpegs.decode(viewer.next().jpeg()).getWidth()).isEqualTo(320);
                }
                String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                        .build(), HttpResponse.BodyHandlers.ofString()).body();
                assertThat(metrics).contains("relay_frames_in_total").doesNotContain("pa55-w0rd");
            } finally {
                relay.destroy();
                relay.waitFor(10, TimeUnit.SECONDS);
            }
            String output = Files.readString(log);
            Files.delete(log);
            assertThat(output).contains("listening on 127.0.0.1:" + port).doesNotContain("pa55-w0rd");
        }
    }

    @Test
    void jarPassesAnMjpegCameraThroughAfterItComesUp() throws Exception {
        int port = RtspCamera.freePort();
        int cameraPort = RtspCamera.freePort();
        Path log = Files.createTempFile("relay-jar", ".log");
        Process relay = start(log, Map.of("SOURCE_URL", "http://127.0.0.1:" + cameraPort + "/stream",
                "PORT", Integer.toString(port), "BIND_ADDRESS", "127.0.0.1"));
        try (MjpegTestServer camera = MjpegTestServer.start(320, 240, 10, cameraPort)) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> {
                        try (MjpegTestViewer viewer = MjpegTestViewer.open("http://127.0.0.1:" + port + "/")) {
                            return camera.isOneOfFrames(viewer.next().jpeg());
                        }
                    });
        } finally {
            relay.destroy();
            relay.waitFor(10, TimeUnit.SECONDS);
            Files.delete(log);
        }
    }

    /** Starts the jar with exactly {@code env} (plus PATH and HOME), output to {@code log}. */
    private static Process start(Path log, Map<String, String> env) throws IOException {
        assertThat(JAR).as("built relay.jar").exists();
        ProcessBuilder builder = new ProcessBuilder(command())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        builder.environment().put("HOME", System.getProperty("user.home"));
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        return process;
    }

    private static Run runToExit(Map<String, String> env) throws Exception {
        assertThat(JAR).as("built relay.jar").exists();
        ProcessBuilder builder = new ProcessBuilder(command());
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("relay did not exit for " + env.keySet());
        }
        return new Run(process.exitValue(), new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** {@code java @jvm.options -jar relay.jar}: the relay as the image's ENTRYPOINT runs it. */
    static List<String> command() {
        Path options = Path.of(System.getProperty("relay.jvm.options", "src/main/docker/jvm.options"));
        assertThat(options).as("the image's JVM options").exists();
        return List.of(javaExecutable(), "@" + options, "-jar", JAR.toString());
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    record Run(int exitCode, String stderr, String stdout) {}

    static {
        if (!Files.exists(JAR)) {
            System.err.println("relay.jar not built yet: run mvn -pl relay-image verify");
        }
    }
}
