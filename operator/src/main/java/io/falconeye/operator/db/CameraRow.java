package io.falconeye.operator.db;

import java.time.OffsetDateTime;

/** One row of the cameras table: the projection of one Camera resource. */
public record CameraRow(
        String id,
        String namespace,
        String name,
        String protocol,
        String location,
        String sourceUrl,
        String devicePath,
        String nodeName,
        String deploymentName,
        String serviceName,
        int streamPort,
        String status,
        boolean ready,
        boolean enabled,
        String resolution,
        Integer framerate,
        String recordingMode,
        String metadataJson,
        String errorMessage,
        OffsetDateTime createdAt,
        long resourceVersion) {
}
