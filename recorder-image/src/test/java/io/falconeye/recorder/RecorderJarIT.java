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
import java.nio.file.attribute.PosixFilePermissions;
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

    /**
     * The image runs as uid 10001 and the node's folder is created by the kubelet, owned by root:
     * without write access the recorder must stop at once and say what the pod needs.
     */
    @Test
    void recordingsPathNotWritableByTheRecorderUserEndsAtOnceWithOneClearLine() throws Exception {
        Path nodeFolder = recordings.resolve("node-recordings");
        Files.createDirectories(nodeFolder);
        Map<String, String> env = Map.of("CAMERA_ID", "cam-1", "SOURCE_URL", "rtsp://admin:s3cret@camera/live",
                "RECORDINGS_PATH", nodeFolder.toString());
        List<String> command = javaCommand();
        String uid = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("Uid:"))
                .findFirst().orElseThrow().split("\\s+")[1];
        if (uid.equals("0")) {
            // as root, permissions do not apply: run as the image's user, in a root-owned 0755 folder
            assertThat(Path.of("/usr/bin/setpriv")).as("util-linux setpriv").isExecutable();
            Files.setPosixFilePermissions(recordings, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(nodeFolder, PosixFilePermissions.fromString("rwxr-xr-x"));
            command.addAll(0, List.of("/usr/bin/setpriv", "--reuid", "10001", "--regid", "10001", "--clear-groups", "--"));
            uid = "10001";
        } else {
            Files.setPosixFilePermissions(nodeFolder, PosixFilePermissions.fromString("r-xr-xr-x"));
        }
        Run run = runToExit(command, env);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr().strip().lines()).hasSize(1);
        assertThat(run.stderr()).startsWith("recorder: invalid configuration: RECORDINGS_PATH " + nodeFolder
                        + " is not writable by this process (uid " + uid + "): permission denied on " + nodeFolder.resolve("cam-1"))
                .contains("cam-1/ and .falcon-eye/cam-1/", "/opt/recorder/prepare-recordings")
                .doesNotContain("Exception", "\tat ", "s3cret");
        assertThat(nodeFolder.resolve("cam-1")).doesNotExist();

        if (uid.equals("10001")) {
            // As the operator's pod starts the image: as root, through the image's entrypoint, which
            // hands the folder to 10001 and runs the recorder as 10001 without capabilities.
            List<String> asThePodStartsIt = new ArrayList<>(List.of("src/main/docker/start"));
            asThePodStartsIt.addAll(javaCommand());
            int port = RtspCamera.freePort();
            Map<String, String> recorderEnv = new java.util.HashMap<>(env);
            recorderEnv.put("PORT", Integer.toString(port));
            recorderEnv.put("BIND_ADDRESS", "127.0.0.1");
            Process recorder = startJar(asThePodStartsIt, recorderEnv);
            try {
                awaitHealthy(port);
                List<String> status = Files.readAllLines(Path.of("/proc", Long.toString(recorder.pid()), "status"));
                assertThat(status).as("the recorder's JVM").anyMatch(l -> l.matches("Uid:\\s+10001\\s+10001\\s+10001\\s+10001"))
                        .anyMatch(l -> l.matches("Gid:\\s+10001\\s+10001\\s+10001\\s+10001"))
                        .contains("CapEff:\t0000000000000000", "CapPrm:\t0000000000000000");
                assertThat(Files.getOwner(nodeFolder.resolve("cam-1")).getName()).isIn("10001", "recorder");
                assertThat(nodeFolder.resolve(".falcon-eye/cam-1/events.jsonl")).doesNotExist(); // no API: log only
                assertThat(recorder.isAlive()).isTrue();
            } finally {
                recorder.destroy();
                recorder.waitFor(20, TimeUnit.SECONDS);
            }
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
                Path file = Path.of(receiver.ofType("segment_started").get(0).path("file_path").asText());
                // mid-segment (of 30 s), once four seconds of video are flushed: a loaded machine's
                // ffmpeg can lag behind the wall clock
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                        .until(() -> FfmpegTools.countVideoFrames(file) >= 4 * 15);
                partial = file;
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
        return startJar(javaCommand(), env);
    }

    private static Process startJar(List<String> command, Map<String, String> env) throws IOException {
        assertThat(JAR).as("run mvn package first").exists();
        ProcessBuilder builder = new ProcessBuilder(command)
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
        return runToExit(javaCommand(), env);
    }

    private static Run runToExit(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] err = process.getErrorStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), new String(err, StandardCharsets.UTF_8));
    }
}
