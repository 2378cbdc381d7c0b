package io.falconeye.recorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.falconeye.recorder.retention.RetentionEnforcer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention on real files: the recorder deletes exactly the oldest and reports every deletion. */
class RetentionTest {

    private static final String CAMERA = "cam-ret";

    @TempDir
    Path recordings;

    @Test
    void maxBytesDeletesExactlyTheOldestFiles() throws IOException {
        List<Path> files = List.of(
                file(CAMERA, "Test_Cam_20260101_000000.mp4", 100_000, Instant.parse("2026-01-01T00:05:00Z")),
                file(CAMERA, "Test_Cam_20260101_000500.mp4", 100_000, Instant.parse("2026-01-01T00:10:00Z")),
                file(CAMERA, "Test_Cam_20260101_001000.mp4", 100_000, Instant.parse("2026-01-01T00:15:00Z")),
                file(CAMERA, "Test_Cam_20260101_001500.mp4", 100_000, Instant.parse("2026-01-01T00:20:00Z")),
                file(CAMERA, "Test_Cam_20260101_002000.mp4", 100_000, Instant.parse("2026-01-01T00:25:00Z")));
        List<JsonNode> deleted = runRetention(Map.of("RETENTION_MAX_BYTES", "250000"), 3);
        assertThat(deleted).extracting(e -> e.path("file_name").asText())
                .containsExactly("Test_Cam_20260101_000000.mp4", "Test_Cam_20260101_000500.mp4",
                        "Test_Cam_20260101_001000.mp4");
        assertThat(deleted).allSatisfy(e -> {
            assertThat(e.path("reason").asText()).isEqualTo("max_bytes");
            assertThat(e.path("size_bytes").asLong()).isEqualTo(100_000);
            assertThat(e.path("camera_id").asText()).isEqualTo(CAMERA);
        });
        assertThat(files.subList(0, 3)).allSatisfy(f -> assertThat(f).doesNotExist());
        assertThat(files.subList(3, 5)).allSatisfy(f -> assertThat(f).exists());
    }

    @Test
    void maxAgeDeletesExactlyTheFilesOlderThanTheLimit() throws IOException {
        Instant now = Instant.now();
        List<Path> files = List.of(
                file(CAMERA, "Test_Cam_a.mp4", 1000, now.minus(Duration.ofDays(10))),
                file(CAMERA, "Test_Cam_b.mp4", 1000, now.minus(Duration.ofDays(8))),
                file(CAMERA, "Test_Cam_c.mp4", 1000, now.minus(Duration.ofDays(6))),
                file(CAMERA, "Test_Cam_d.mp4", 1000, now.minus(Duration.ofHours(1))));
        List<JsonNode> deleted = runRetention(Map.of("RETENTION_MAX_AGE_DAYS", "7"), 2);
        assertThat(deleted).extracting(e -> e.path("file_name").asText())
                .containsExactly("Test_Cam_a.mp4", "Test_Cam_b.mp4");
        assertThat(deleted).allSatisfy(e -> assertThat(e.path("reason").asText()).isEqualTo("max_age"));
        assertThat(files.subList(0, 2)).allSatisfy(f -> assertThat(f).doesNotExist());
        assertThat(files.subList(2, 4)).allSatisfy(f -> assertThat(f).exists());
    }

    @Test
    void freeSpaceGuardDeletesTheOldestFilesOfTheVolumeAndKeepsEachCamerasNewest() throws IOException {
        long size = 64L << 20;
        Path a1 = file(CAMERA, "Test_Cam_20260101_000000.mp4", size, Instant.parse("2026-01-01T00:05:00Z"));
        Path b1 = file("cam-other", "Other_20260101_000100.mp4", size, Instant.parse("2026-01-01T00:06:00Z"));
        Path a2 = file(CAMERA, "Test_Cam_20260101_000500.mp4", size, Instant.parse("2026-01-01T00:10:00Z"));
        Path b2 = file("cam-other", "Other_20260101_000600.mp4", size, Instant.parse("2026-01-01T00:11:00Z"));
        Path a3 = file(CAMERA, "Test_Cam_20260101_001000.mp4", size, Instant.parse("2026-01-01T00:15:00Z"));
        // the guard must free 2.5 files' worth: three deletions (a margin of half a file either way
        // absorbs what other processes write to the disk meanwhile)
        long minFree = RetentionEnforcer.usableBytes(recordings) + size * 5 / 2;
        List<JsonNode> deleted = runRetention(Map.of("MIN_FREE_BYTES", Long.toString(minFree)), 3);
        assertThat(deleted).extracting(e -> e.path("file_path").asText())
                .containsExactly(a1.toString(), b1.toString(), a2.toString());
        assertThat(deleted).extracting(e -> e.path("camera_id").asText())
                .containsExactly(CAMERA, "cam-other", CAMERA);
        assertThat(deleted).allSatisfy(e -> assertThat(e.path("reason").asText()).isEqualTo("min_free_space"));
        assertThat(List.of(a1, b1, a2)).allSatisfy(f -> assertThat(f).doesNotExist());
        assertThat(List.of(b2, a3)).allSatisfy(f -> assertThat(f).exists());
    }

    /** Starts a recorder with the given limits and returns the file_deleted events it reports. */
    private List<JsonNode> runRetention(Map<String, String> limits, int expected) {
        try (EventReceiver receiver = EventReceiver.start(RecorderFixture.TOKEN)) {
            Map<String, String> env = RecorderFixture.env(CAMERA, "rtsp://127.0.0.1:9/none", recordings, receiver);
            env.putAll(limits);
            env.put("RETENTION_INTERVAL", "1h"); // one pass, at start
            try (RecorderApp app = RecorderFixture.start(env)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> receiver.ofType("file_deleted").size() >= expected);
                await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                        .until(() -> receiver.ofType("file_deleted").size() == expected);
                assertThat(RecorderFixture.call(app, "GET", "/metrics", null).text())
                        .contains("recorder_files_deleted_total");
            }
            return receiver.ofType("file_deleted");
        }
    }

    private Path file(String camera, String name, long size, Instant modified) throws IOException {
        Path folder = Files.createDirectories(recordings.resolve(camera));
        Path file = folder.resolve(name);
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; written += chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, size - written));
            }
        }
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }
}
