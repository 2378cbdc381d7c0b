package io.falconeye.operator.db;

import java.time.OffsetDateTime;

/** One row of recording_sessions: the projection of one Recording resource. */
public record SessionRow(
        String id,
        String namespace,
        String name,
        String cameraName,
        String cameraId,
        String phase,
        String nodeName,
        OffsetDateTime startedAt,
        OffsetDateTime endedAt,
        Long segments,
        Long bytes,
        String currentFile,
        String message,
        OffsetDateTime createdAt,
        long resourceVersion) {
}
