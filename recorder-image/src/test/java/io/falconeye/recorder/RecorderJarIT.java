package io.falconeye.recorder;

import static io.falconeye.recorder.RecorderFixture.call;
import static io.falconeye.recorder.RecorderFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.falconeye.testsupport.media.FfmpegTools;
import io.falconeye.testsupport.media.RtspCamera;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged {@code recorder.jar}, run with {@code java -jar} the way the image runs it. */
class RecorderJarIT {

    static final Path JAR = Path.of(System.getProperty("recorder.jar", "target/recorder.jar"));

    @TempDir
    Path recordings;

    @Test
    void badEnvironmentExitsWithAClearOneLineMessageAndNoSecrets() throws Exception {
        Run missing = runToExit(Map.of("SOURCE_URL", "rtsp://camera/live"));
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.stderr().strip()).isEqualTo("recorder: invalid configuration: CAMERA_ID is required but not set");

        Run shortSegments = runToExit(Map.of("CAMERA_ID", "c1", "SOURCE_URL", "rtsp://camera/live",
                "SEGMENT_SECONDS", "1"));
        assertThat(shortSegments.exitCode()).isEqualTo(2);
        assertThat(shortSegments.stderr()).contains("SEGMENT_SECONDS must be an integer in 2..86400");

        Run noToken = runToExit(Map.of("CAMERA_ID", "c1", "SOURCE_URL", "rtsp://admin:s3cret@camera/live",
                "API_URL", "http://api:8000"));
        assertThat(noToken.exitCode()).isEqualTo(2);
        assertThat(noToken.stderr()).contains("INTERNAL_TOKEN is required when API_URL is set")
                .doesNotContain("s3cret");

        Run badBytes = runToExit(Map.of("CAMERA_ID", "c1", "SOURCE_URL", "rtsp://camera/live",
                "RETENTION_MAX_BYTES", "lots"));
        assertThat(badBytes.exitCode()).isEqualTo(2);
        assertThat(badBytes.stderr()).contains("RETENTION_MAX_BYTES must be a byte count");

        Run badId = runToExit(Map.of("CAMERA_ID", "../etc", "SOURCE_URL", "rtsp://camera/live"));
        assertThat(badId.exitCode()).isEqualTo(2);
        assertThat(badId.stderr()).contains("CAMERA_ID must be");
        for (Run run : List.of(missing, shortSegments, noToken, badBytes, badId)) {
            assertThat(run.stderr().strip().lines()).hasSize(1);
            assertThat(run.stderr()).doesNotContain("Exception", "\tat ");
        }
    }

    @Test
    void sigkillMidSegmentLeavesAPlayableFileThatTheNextStartReportsAndRecordingResumes() throws Exception {
        try (RtspCamera camera = RtspCamera.startDefault();
                EventReceiver receiver = EventReceiver.start(RecorderFixture.TOKEN)) {
            int port = RtspCamera.freePort();
            Map<String, String> env = RecorderFixture.env("cam-kill", camera.url("/h264"), recordings, receiver);
            env.put("PORT", Integer.toString(port));
            env.put("SEGMENT_SECONDS", "30");

            Process first = startJar(env);
            long ffmpegPid;
            Path partial;
            try {
                awaitHealthy(port);
                ok(call(port, "POST", "/start", "{\"recording_id\": \"rec-kill\"}"));
                await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.ofType("segment_started").isEmpty());
                partial = Path.of(receiver.ofType("segment_started").get(0).path("file_path").asText());
                Thread.sleep(4000); // mid-segment: 4 s into a 30 s segment
                ffmpegPid = first.descendants().filter(p -> p.info().command().orElse("").endsWith("ffmpeg"))
                        .findFirst().orElseThrow().pid();
            } finally {
                first.destroyForcibly(); // SIGKILL
            }
            first.waitFor(10, TimeUnit.SECONDS);
            // ffmpeg dies with its parent instead of writing on as an orphan
            await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(ffmpegPid).map(p -> !p.isAlive()).orElse(true));
            long partialSize = Files.size(partial);

            // the partial file plays: every fragment written before the kill decodes
            FfmpegTools.Probe probe = FfmpegTools.probe(partial.toString());
            assertThat(probe.videoCodec()).isEqualTo("h264");
            assertThat(probe.audioCodec()).isEqualTo("aac");
            assertThat(FfmpegTools.countVideoFrames(partial)).isGreaterThanOrEqualTo(3 * 15);
            assertThat(receiver.ofType("segment_finished")).isEmpty();

            Process second = startJar(env);
            try {
                awaitHealthy(port);
                await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.ofType("segment_recovered").isEmpty());
                JsonNode recovered = receiver.ofType("segment_recovered").get(0);
                assertThat(recovered.path("file_path").asText()).isEqualTo(partial.toString());
                assertThat(recovered.path("recording_id").asText()).isEqualTo("rec-kill");
                assertThat(recovered.path("size_bytes").asLong()).isEqualTo(partialSize);
                assertThat(recovered.path("duration_seconds").asDouble()).isGreaterThan(3.0);

                // the recording the killed process did not stop goes on, in a new file
                await().atMost(Duration.ofSeconds(30)).until(() -> receiver.ofType("segment_started").size() >= 2);
                JsonNode status = ok(call(port, "GET", "/status", null));
                assertThat(status.path("status").asText()).isEqualTo("recording");
                assertThat(status.path("recording_id").asText()).isEqualTo("rec-kill");
                assertThat(status.path("file_path").asText()).isNotEqualTo(partial.toString());
                ok(call(port, "POST", "/stop", null));
                JsonNode files = ok(call(port, "GET", "/files", null));
                assertThat(files.path("count").asInt()).isEqualTo(2);
            } finally {
                second.destroy();
                second.waitFor(20, TimeUnit.SECONDS);
            }
            // sequence numbers go on across the kill: none reused
            List<Long> sequences = receiver.deliveries().stream().map(e -> e.path("sequence").asLong()).toList();
            assertThat(sequences).doesNotHaveDuplicates().isSorted();
        }
    }

    private static void awaitHealthy(int port) {
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> call(port, "GET", "/health", null).status() == 200);
    }

    private static Process startJar(Map<String, String> env) throws IOException {
        assertThat(JAR).as("run mvn package first").exists();
        ProcessBuilder builder = new ProcessBuilder(javaCommand())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(JAR.getParent().toFile(), "recorder-it.log")));
        builder.environment().clear();
        builder.environment().putAll(env);
        return builder.start();
    }

    private static List<String> javaCommand() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ArrayList<>(List.of(java, "-jar", JAR.toString()));
    }

    private record Run(int exitCode, String stderr) {}

    private static Run runToExit(Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(javaCommand());
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] err = process.getErrorStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), new String(err, StandardCharsets.UTF_8));
    }
}
