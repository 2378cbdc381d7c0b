package io.falconeye.operator.db;

import java.time.OffsetDateTime;

/** One row of recordings: one file on one node. */
public record RecordingFileRow(
        String id,
        String filePath,
        String fileName,
        String cameraId,
        String cameraName,
        String sessionId,
        String nodeName,
        OffsetDateTime startTime,
        OffsetDateTime endTime,
        Double durationSeconds,
        Long fileSizeBytes,
        String status,
        String errorMessage,
        boolean cameraDeleted) {
}
