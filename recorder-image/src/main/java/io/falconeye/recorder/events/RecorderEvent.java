package io.falconeye.recorder.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One event as POSTed to the operator's API (snake_case JSON, absent fields omitted). The exact
 * format is documented in the module README.
 *
 * @param eventId {@code cameraId:sequence}, unique per camera; the receiver's idempotency key
 * @param sequence per-camera, strictly increasing, never reused (kept across restarts)
 * @param filePath absolute path of the segment on the node
 * @param reason why (failure, gap, deletion: {@code max_age}, {@code max_bytes}, {@code min_free_space})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecorderEvent(
        String eventId,
        long sequence,
        EventType type,
        String cameraId,
        String cameraName,
        String nodeName,
        String recordingId,
        String filePath,
        String fileName,
        Long sizeBytes,
        Double durationSeconds,
        String startTime,
        String endTime,
        String reason,
        String occurredAt) {

    /** A new event without sequence (the journal assigns it). */
    public static RecorderEvent of(EventType type, String recordingId, Instant occurredAt) {
        return new RecorderEvent(null, 0, type, null, null, null, recordingId, null, null, null, null, null, null,
                null, occurredAt.toString());
    }

    public RecorderEvent withFile(String path, String name) {
        return new RecorderEvent(eventId, sequence, type, cameraId, cameraName, nodeName, recordingId, path, name,
                sizeBytes, durationSeconds, startTime, endTime, reason, occurredAt);
    }

    public RecorderEvent withSize(Long bytes, Double seconds) {
        return new RecorderEvent(eventId, sequence, type, cameraId, cameraName, nodeName, recordingId, filePath,
                fileName, bytes, seconds, startTime, endTime, reason, occurredAt);
    }

    public RecorderEvent withTimes(Instant start, Instant end) {
        return new RecorderEvent(eventId, sequence, type, cameraId, cameraName, nodeName, recordingId, filePath,
                fileName, sizeBytes, durationSeconds, start == null ? null : start.toString(),
                end == null ? null : end.toString(), reason, occurredAt);
    }

    public RecorderEvent withReason(String why) {
        return new RecorderEvent(eventId, sequence, type, cameraId, cameraName, nodeName, recordingId, filePath,
                fileName, sizeBytes, durationSeconds, startTime, endTime, why, occurredAt);
    }

    /** This event for a camera on a node (a deletion by the free-space guard may concern another camera). */
    public RecorderEvent withCamera(String id, String name, String node) {
        return new RecorderEvent(eventId, sequence, type, id, name, node, recordingId, filePath, fileName,
                sizeBytes, durationSeconds, startTime, endTime, reason, occurredAt);
    }

    public RecorderEvent withSequence(String sequenceOwner, long number) {
        return new RecorderEvent(sequenceOwner + ":" + number, number, type, cameraId, cameraName, nodeName,
                recordingId, filePath, fileName, sizeBytes, durationSeconds, startTime, endTime, reason, occurredAt);
    }
}
