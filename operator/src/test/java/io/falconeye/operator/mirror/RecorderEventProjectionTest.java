package io.falconeye.operator.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.falconeye.operator.db.RecordingFileRow;
import org.junit.jupiter.api.Test;

class RecorderEventProjectionTest {

    private static final String CAM = "6f1c1f8e-1111-4222-8333-944445555666";

    private static RecorderEvent event(String type, String path) {
        return new RecorderEvent(CAM + ":1", 1L, type, CAM, "porch", "node-a", null, path, null, 1234L, 300.0,
                "2026-01-01T12:00:00Z", "2026-01-01T12:05:00Z", "disk full", "2026-01-01T12:05:00Z");
    }

    @Test
    void pathsOutsideTheCameraFolderAreRefused() {
        assertThat(RecorderEventProjection.relativePath("/recordings/" + CAM + "/a_20260101_120000.mp4", "/recordings"))
                .isEqualTo(CAM + "/a_20260101_120000.mp4");
        for (String bad : new String[] {"/recordings/" + CAM + "/../x.mp4", "/recordings/../etc/passwd",
                "/etc/passwd", "recordings/" + CAM + "/x.mp4", "/recordings/" + CAM + "/x.txt",
                "/recordings/" + CAM + "/.hidden.mp4"}) {
            assertThat(RecorderEventProjection.relativePath(bad, "/recordings")).as(bad).isNull();
        }
        for (String outside : new String[] {"/recordings/other-camera/x.mp4", "/recordings/" + CAM + "/sub/x.mp4"}) {
            assertThat(RecorderEventProjection.check(event("segment_finished", outside), "/recordings")).as(outside)
                    .isNotNull().extracting(RecorderEventProjection.Invalid::field).isEqualTo("file_path");
        }
    }

    @Test
    void aRecorderMayMountItsRecordingsFolderAnywhere() {
        String local = "/var/lib/node-b/data/falcon-eye/recordings/" + CAM + "/porch_20260101_120000.mp4";
        assertThat(RecorderEventProjection.check(event("segment_finished", local), "/recordings")).isNull();
        RecordingFileRow row = RecorderEventProjection.row(event("segment_finished", local), "/recordings");
        assertThat(row.filePath()).isEqualTo("/recordings/" + CAM + "/porch_20260101_120000.mp4");
        assertThat(row.id()).isEqualTo(RecorderEventProjection.row(
                event("segment_finished", "/recordings/" + CAM + "/porch_20260101_120000.mp4"), "/recordings").id());
    }

    @Test
    void eventsMapToOneRowPerFileWithAStableId() {
        String path = "/recordings/" + CAM + "/porch_20260101_120000.mp4";
        RecordingFileRow started = RecorderEventProjection.row(event("segment_started", path), "/recordings");
        RecordingFileRow finished = RecorderEventProjection.row(event("segment_finished", path), "/recordings");
        assertThat(started.id()).isEqualTo(finished.id()).isEqualTo(RecorderEventProjection.fileId(path));
        assertThat(started.status()).isEqualTo("recording");
        assertThat(finished.status()).isEqualTo("completed");
        assertThat(finished.fileName()).isEqualTo("porch_20260101_120000.mp4");
        assertThat(RecorderEventProjection.row(event("failure", path), "/recordings").errorMessage()).isEqualTo("disk full");
        assertThat(RecorderEventProjection.effect(event("file_deleted", path))).isEqualTo(RecorderEventProjection.Effect.DELETE);
        assertThat(RecorderEventProjection.effect(event("recording_started", null))).isEqualTo(RecorderEventProjection.Effect.NONE);
        assertThat(RecorderEventProjection.check(event("recording_started", null), "/recordings")).isNull();
        assertThat(RecorderEventProjection.check(event("exploded", path), "/recordings").field()).isEqualTo("type");
    }
}
